import { WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { z } from 'zod';
import { noticeCard } from '../../../cards/notice-card.js';
import { describeRefusal } from '../../../cards/refusal.js';
import { showCard } from '../../dialogs/card-reply.js';
import { isSubmitOf, stepVerb } from '../../dialogs/step-verb.js';
import { WorkflowDialog } from '../../dialogs/workflow-dialog.js';
import { partnerMay, recordTarget } from '../../permissions.js';
import { sessionOf } from '../../session.js';
import type { WorkflowDeps } from '../../workflow-module.js';
import type { TwoTierContext } from './two-tier-context.js';
import { TWO_TIER_VERBS } from './two-tier-verbs.js';

export const AUTHORIZE_PROVIDER_DIALOG = 'two-tier.authorize-provider';

const Id = z.string().min(1).max(100);
export const ON_PROVIDER_INVITATION = partnerMay('accept-indirect-provider', {
  target: recordTarget('invitations', 'invitationId', ['customer']),
});
const AUTHORIZE = stepVerb({
  verb: TWO_TIER_VERBS.authorize,
  permission: ON_PROVIDER_INVITATION,
  data: z.object({ invitationId: Id, confirmed: z.enum(['true', 'false']).default('false') }),
  workflow: 'indirect-providers',
});
const DECLINE = stepVerb({
  verb: TWO_TIER_VERBS.decline,
  permission: ON_PROVIDER_INVITATION,
  data: z.object({ invitationId: Id }),
  workflow: 'indirect-providers',
});
export const AUTHORIZE_PROVIDER_VERBS = [AUTHORIZE, DECLINE];

/** The provider's invitation this run answers, from the Open button that began it. */
export interface AuthorizeProviderOptions {
  invitationId: string;
}

interface AuthorizeValues {
  error: string;
}

/**
 * "Authorize indirect provider" (seed 002): the reseller's global admin reads what the provider may do, ticks
 * the confirmation and authorises, or declines; both sides are told. An invitation already answered, expired
 * or not this organisation's is said so instead of the form.
 */
export class AuthorizeProviderDialog extends WorkflowDialog {
  constructor(
    private readonly ctx: TwoTierContext,
    deps: Pick<WorkflowDeps, 'available'>,
  ) {
    super(
      {
        id: AUTHORIZE_PROVIDER_DIALOG,
        title: 'workflow.two-tier.authorize-provider.title',
        command: 'indirect-providers',
        verbs: AUTHORIZE_PROVIDER_VERBS,
      },
      deps.available,
    );
    const steps = [this.form.bind(this), this.answered.bind(this)];
    this.addDialog(new WaterfallDialog(`${AUTHORIZE_PROVIDER_DIALOG}.steps`, steps));
    this.initialDialogId = `${AUTHORIZE_PROVIDER_DIALOG}.steps`;
  }

  private async form(step: WaterfallStepContext) {
    const session = sessionOf(step.context);
    const { tr } = session;
    const { invitationId } = step.options as AuthorizeProviderOptions;
    const checked = await this.ctx.twoTier.checkAnswer(this.ctx.store, session, invitationId);
    if (!checked.ok) {
      const title = tr.t('twoTier.authorize.title');
      await showCard(step.context, noticeCard(title, describeRefusal(checked.refusal, tr), 'attention'));
      return step.endDialog();
    }
    const { error } = this.values<AuthorizeValues>(step);
    const card = await this.ctx.cards.authorizeCard(session, tr, invitationId, error);
    return this.askCard(step, card, [AUTHORIZE, DECLINE], 'workflow.two-tier.authorize-provider.step.form');
  }

  private async answered(step: WaterfallStepContext) {
    const session = sessionOf(step.context);
    const { tr } = session;
    const { invitationId } = step.options as AuthorizeProviderOptions;
    const submission = this.submission(step);
    const values = this.values<AuthorizeValues>(step);
    delete values.error;
    // The card names the invitation for the dispatcher's check; this run knows which one it answers.
    if ((submission.data as { invitationId: string }).invitationId !== invitationId) {
      values.error = tr.t('refusal.target-not-found');
      return this.again(step);
    }
    const tell = this.ctx.notices.tellProvider(this.ctx.notifier);
    const confirmed = (submission.data as { confirmed?: string }).confirmed === 'true';
    const outcome = isSubmitOf(submission, AUTHORIZE)
      ? await this.ctx.twoTier.authorize(session, invitationId, confirmed, tell)
      : await this.ctx.twoTier.decline(session, invitationId, tell);
    if (!outcome.ok) {
      // Unticked: the form once more with why; anything else (answered meanwhile) is said by the form step.
      if (outcome.refusal.code === 'confirmation-required') values.error = describeRefusal(outcome.refusal, tr);
      return this.again(step);
    }
    const invitation = 'invitation' in outcome.value ? outcome.value.invitation : outcome.value;
    const provider = await this.ctx.store.get('organizations', invitation.partnerTenantId);
    await showCard(step.context, this.ctx.cards.answeredCard(invitation, provider, tr));
    return step.endDialog();
  }
}
