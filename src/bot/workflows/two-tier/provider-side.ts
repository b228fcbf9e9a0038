import { z } from 'zod';
import { formatDate } from '../../../cards/format.js';
import { noticeCard } from '../../../cards/notice-card.js';
import { describeRefusal } from '../../../cards/refusal.js';
import { cardAction } from '../../card-actions.js';
import type { WorkflowModule } from '../../workflow-module.js';
import { partnerMay } from '../../permissions.js';
import { command } from '../../command-handler.js';

import { TWO_TIER_VERBS } from './two-tier-verbs.js';
import type { TwoTierContext } from './two-tier-context.js';

/** The indirect provider's side: "Indirect resellers", "Invite a reseller", and whether it may submit orders for a customer. */
export function providerSide(ctx: TwoTierContext): WorkflowModule {
  const { store, twoTier } = ctx;
  const { refusal, resellersCard, inviteResellerForm } = ctx.cards;
  const { deliverAuthorizeCard } = ctx.notices;
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
      cardAction({
        verb: TWO_TIER_VERBS.inviteResellerForm,
        permission: partnerMay('include-delegated-admin', { kinds: ['indirect-provider'] }),
        data: z.object({}),
        handle: (_c, s) => inviteResellerForm(s, s.tr),
      }),
      cardAction({
        verb: TWO_TIER_VERBS.inviteReseller,
        permission: partnerMay('include-delegated-admin', { kinds: ['indirect-provider'] }),
        data: z.object({ resellerTenantId: z.string().max(100).default('') }),
        async handle(_context, session, { resellerTenantId }) {
          const { tr } = session;
          if (!resellerTenantId) return inviteResellerForm(session, tr, tr.t('twoTier.invite.required'));
          const outcome = await twoTier.inviteReseller(session, resellerTenantId, deliverAuthorizeCard);
          if (!outcome.ok) return inviteResellerForm(session, tr, describeRefusal(outcome.refusal, tr));
          const reseller = await store.get('organizations', resellerTenantId);
          return noticeCard(
            tr.t('twoTier.invite.title'),
            tr.t('twoTier.invite.sent', { reseller: reseller?.name ?? '' }),
            'good',
          );
        },
      }),
    ],
  };
}
