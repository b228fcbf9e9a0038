import { WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { z } from 'zod';
import { noticeCard } from '../../../cards/notice-card.js';
import { describeRefusal } from '../../../cards/refusal.js';
import { showCard } from '../../dialogs/card-reply.js';
import { stepVerb } from '../../dialogs/step-verb.js';
import { WorkflowDialog } from '../../dialogs/workflow-dialog.js';
import { partnerMay } from '../../permissions.js';
import { sessionOf } from '../../session.js';
import type { WorkflowDeps } from '../../workflow-module.js';
import type { TwoTierContext } from './two-tier-context.js';
import { TWO_TIER_VERBS } from './two-tier-verbs.js';

export const INVITE_RESELLER_DIALOG = 'two-tier.invite-reseller';

export const INVITE_RESELLER_PERMISSION = partnerMay('include-delegated-admin', { kinds: ['indirect-provider'] });
const SEND = stepVerb({
  verb: TWO_TIER_VERBS.inviteReseller,
  permission: INVITE_RESELLER_PERMISSION,
  data: z.object({ resellerTenantId: z.string().max(100).default('') }),
  workflow: 'indirect-resellers',
});
export const INVITE_RESELLER_VERBS = [SEND];

interface InviteValues {
  error: string;
}

/**
 * The provider's "Invite a reseller": pick one of the indirect resellers not linked yet; its global admins get
 * the "Authorize indirect provider" card in Teams.
 */
export class InviteResellerDialog extends WorkflowDialog {
  constructor(
    private readonly ctx: TwoTierContext,
    deps: Pick<WorkflowDeps, 'available'>,
  ) {
    super(
      {
        id: INVITE_RESELLER_DIALOG,
        title: 'workflow.two-tier.invite-reseller.title',
        command: 'indirect-resellers',
        verbs: [SEND],
      },
      deps.available,
    );
    const steps = [this.form.bind(this), this.submitted.bind(this)];
    this.addDialog(new WaterfallDialog(`${INVITE_RESELLER_DIALOG}.steps`, steps));
    this.initialDialogId = `${INVITE_RESELLER_DIALOG}.steps`;
  }

  private async form(step: WaterfallStepContext) {
    const session = sessionOf(step.context);
    const { tr } = session;
    const card = await this.ctx.cards.inviteResellerForm(session, tr, this.values<InviteValues>(step).error);
    if (!card) {
      await showCard(
        step.context,
        noticeCard(tr.t('twoTier.invite.title'), tr.t('twoTier.invite.noneLeft'), 'warning'),
      );
      return step.endDialog();
    }
    return this.askCard(step, card, [SEND], 'workflow.two-tier.invite-reseller.step.form');
  }

  private async submitted(step: WaterfallStepContext) {
    const session = sessionOf(step.context);
    const { tr } = session;
    const { resellerTenantId } = this.submission(step).data as z.infer<typeof SEND.data>;
    const values = this.values<InviteValues>(step);
    if (!resellerTenantId) {
      values.error = tr.t('twoTier.invite.required');
      return this.again(step);
    }
    const outcome = await this.ctx.twoTier.inviteReseller(
      session,
      resellerTenantId,
      this.ctx.notices.deliverAuthorizeCard,
    );
    if (!outcome.ok) {
      values.error = describeRefusal(outcome.refusal, tr);
      return this.again(step);
    }
    const reseller = await this.ctx.store.get('organizations', resellerTenantId);
    const text = tr.t('twoTier.invite.sent', { reseller: reseller?.name ?? '' });
    await showCard(step.context, noticeCard(tr.t('twoTier.invite.title'), text, 'good'));
    return step.endDialog();
  }
}
