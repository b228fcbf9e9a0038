import { WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { z } from 'zod';
import { button } from '../../../cards/button.js';
import { noticeCard } from '../../../cards/notice-card.js';
import { describeRefusal } from '../../../cards/refusal.js';
import { showCard } from '../../dialogs/card-reply.js';
import { stepVerb } from '../../dialogs/step-verb.js';
import { WorkflowDialog } from '../../dialogs/workflow-dialog.js';
import { partnerMay, recordTarget } from '../../permissions.js';
import { sessionOf } from '../../session.js';
import type { WorkflowDeps } from '../../workflow-module.js';
import type { TwoTierContext } from './two-tier-context.js';
import { TWO_TIER_VERBS } from './two-tier-verbs.js';

export const REMOVE_PROVIDER_ACCESS_DIALOG = 'two-tier.remove-provider-access';

/** Only the reseller's global admin takes back what its provider holds in its tenant. */
export const ON_PROVIDER_LINK = partnerMay('accept-indirect-provider', {
  kinds: ['indirect-reseller'],
  target: recordTarget('relationships', 'relationshipId', ['customer']),
});
const REMOVE = stepVerb({
  verb: TWO_TIER_VERBS.removeAccess,
  permission: ON_PROVIDER_LINK,
  data: z.object({ relationshipId: z.string().min(1).max(100) }),
  workflow: 'indirect-providers',
});
export const REMOVE_PROVIDER_ACCESS_VERBS = [REMOVE];

/** The provider link whose admin roles this run removes, from the list's "Remove roles" button. */
export interface RemoveProviderAccessOptions {
  relationshipId: string;
}

/**
 * "Remove roles" on Indirect providers: what the provider holds and that the partnership stays, then "Yes";
 * the provider's staff are told. Nothing changes before Yes.
 */
export class RemoveProviderAccessDialog extends WorkflowDialog {
  constructor(
    private readonly ctx: TwoTierContext,
    deps: Pick<WorkflowDeps, 'available'>,
  ) {
    super(
      {
        id: REMOVE_PROVIDER_ACCESS_DIALOG,
        title: 'workflow.two-tier.remove-provider-access.title',
        command: 'indirect-providers',
        verbs: [REMOVE],
      },
      deps.available,
    );
    const steps = [this.confirm.bind(this), this.removed.bind(this)];
    this.addDialog(new WaterfallDialog(`${REMOVE_PROVIDER_ACCESS_DIALOG}.steps`, steps));
    this.initialDialogId = `${REMOVE_PROVIDER_ACCESS_DIALOG}.steps`;
  }

  private async confirm(step: WaterfallStepContext) {
    const session = sessionOf(step.context);
    const { tr, org } = session;
    const { relationshipId } = step.options as RemoveProviderAccessOptions;
    const found = await this.ctx.providerAccess.link(this.ctx.store, session, relationshipId);
    if (!found.ok) return this.end(step, describeRefusal(found.refusal, tr));
    const { relationship, provider } = found.value;
    const card = noticeCard(
      tr.t('twoTier.access.confirmTitle'),
      tr.t('twoTier.access.confirmText', { provider: provider.name, org: org.name }),
      'warning',
      [
        {
          title: tr.t('twoTier.access.heading', { org: org.name }),
          value: this.ctx.cards.accessText(relationship, tr),
        },
      ],
      [button(tr.t('twoTier.access.yes'), REMOVE.verb, { relationshipId }, 'destructive')],
    );
    return this.askCard(step, card, [REMOVE], 'workflow.two-tier.remove-provider-access.step.confirm');
  }

  private async removed(step: WaterfallStepContext) {
    const session = sessionOf(step.context);
    const { tr, org } = session;
    const { relationshipId } = step.options as RemoveProviderAccessOptions;
    const { data } = this.submission(step) as { data: z.infer<typeof REMOVE.data> };
    // The card names the link for the dispatcher's check; this run knows which one it confirmed.
    if (data.relationshipId !== relationshipId) return this.end(step, tr.t('refusal.target-not-found'));
    const removed = await this.ctx.providerAccess.remove(session, relationshipId, this.ctx.notices.tellAccessRemoved);
    if (!removed.ok) return this.end(step, describeRefusal(removed.refusal, tr));
    const params = { provider: removed.value.provider.name, org: org.name };
    await showCard(
      step.context,
      noticeCard(tr.t('twoTier.access.doneTitle'), tr.t('twoTier.access.doneText', params), 'good'),
    );
    return step.endDialog();
  }

  private async end(step: WaterfallStepContext, refusal: string) {
    const { tr } = sessionOf(step.context);
    await showCard(step.context, noticeCard(tr.t('twoTier.access.remove'), refusal, 'attention'));
    return step.endDialog();
  }
}
