import { z } from 'zod';
import { formatDate } from '../../../cards/format.js';
import { noticeCard } from '../../../cards/notice-card.js';
import { describeRefusal } from '../../../cards/refusal.js';
import { cardAction } from '../../card-actions.js';
import type { WorkflowDeps, WorkflowModule } from '../../workflow-module.js';
import { beginWorkflow } from '../../dialogs/workflow-stack.js';
import { partnerMay } from '../../permissions.js';
import { command } from '../../command-handler.js';

import { TWO_TIER_VERBS } from './two-tier-verbs.js';
import {
  INVITE_RESELLER_DIALOG,
  INVITE_RESELLER_PERMISSION,
  INVITE_RESELLER_VERBS,
  InviteResellerDialog,
} from './invite-reseller-dialog.js';
import type { TwoTierContext } from './two-tier-context.js';

/** The indirect provider's side: "Indirect resellers", "Invite a reseller", and whether it may submit orders for a customer. */
export function providerSide(ctx: TwoTierContext, deps: Pick<WorkflowDeps, 'available'>): WorkflowModule {
  const { twoTier } = ctx;
  const { refusal, resellersCard } = ctx.cards;
  return {
    commands: [
      command(
        'indirect-resellers',
        partnerMay('view-customers', { kinds: ['indirect-provider'] }),
        async ({ context, session }) =>
          context.sendActivity({ attachments: [await resellersCard(session, session.tr)] }),
      ),
      command('order', partnerMay('act-on-behalf'), async ({ context, session, args }) => {
        const { tr } = session;
        if (!args) return context.sendActivity(tr.t('twoTier.order.usage'));
        const matches = await twoTier.findCustomers(session, args);
        const customer = matches[0];
        if (!customer) return context.sendActivity(describeRefusal({ code: 'customer-not-found' }, tr));
        const outcome = await twoTier.canSubmitOrder(session, customer.tenantId);
        const title = tr.t('twoTier.order.title', { customer: customer.name });
        const card = outcome.ok
          ? noticeCard(
              title,
              tr.t('twoTier.order.allowed', {
                customer: customer.name,
                date: formatDate(outcome.value.createdAt, tr),
              }),
              'good',
            )
          : refusal(outcome, tr, title);
        return context.sendActivity({ attachments: [card] });
      }),
    ],
    cardActions: [
      ...INVITE_RESELLER_VERBS,
      cardAction({
        verb: TWO_TIER_VERBS.inviteResellerForm,
        permission: INVITE_RESELLER_PERMISSION,
        data: z.object({}),
        handle: (context) => beginWorkflow(context, INVITE_RESELLER_DIALOG, {}),
      }),
    ],
    dialogs: [new InviteResellerDialog(ctx, deps)],
  };
}
