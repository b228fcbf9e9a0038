import { z } from 'zod';
import { noticeCard } from '../../../cards/notice-card.js';
import { describeRefusal } from '../../../cards/refusal.js';
import { button } from '../../../cards/button.js';
import { cardAction } from '../../card-actions.js';
import type { WorkflowModule } from '../../workflow-module.js';
import { partnerMay, recordTarget, relatedOrganization } from '../../permissions.js';
import { command } from '../../command-handler.js';

import { TWO_TIER_VERBS } from './two-tier-verbs.js';
import type { TwoTierContext } from './two-tier-context.js';

const Id = z.string().min(1).max(100);

/** The indirect reseller's side: "Indirect providers", "Authorize indirect provider", "View customers" and "Invite new customers" for itself and its provider in one invitation. */
export function resellerSide(ctx: TwoTierContext): WorkflowModule {
  const { store, twoTier, notifier, providerAccess } = ctx;
  const { authorizeCard, providersCard, answeredCard, accessText } = ctx.cards;
  const { tellProvider, tellAccessRemoved } = ctx.notices;
  const providerLink = recordTarget('relationships', 'relationshipId', ['customer']);
  const resellerGlobalAdmin = partnerMay('accept-indirect-provider', {
    kinds: ['indirect-reseller'],
    target: providerLink,
  });
  return {
    commands: [
      command(
        'indirect-providers',
        partnerMay('view-customers', { kinds: ['indirect-reseller'] }),
        async ({ context, session }) =>
          context.sendActivity({ attachments: [await providersCard(session, session.tr)] }),
      ),
    ],
    cardActions: [
      cardAction({
        verb: TWO_TIER_VERBS.removeAccessConfirm,
        permission: resellerGlobalAdmin,
        data: z.object({ relationshipId: Id }),
        async handle(_context, session, { relationshipId }) {
          const { tr, org } = session;
          const found = await providerAccess.link(store, session, relationshipId);
          if (!found.ok)
            return noticeCard(tr.t('twoTier.access.remove'), describeRefusal(found.refusal, tr), 'attention');
          const { relationship, provider } = found.value;
          return noticeCard(
            tr.t('twoTier.access.confirmTitle'),
            tr.t('twoTier.access.confirmText', { provider: provider.name, org: org.name }),
            'warning',
            [{ title: tr.t('twoTier.access.heading', { org: org.name }), value: accessText(relationship, tr) }],
            [button(tr.t('twoTier.access.yes'), TWO_TIER_VERBS.removeAccess, { relationshipId }, 'destructive')],
          );
        },
      }),
      cardAction({
        verb: TWO_TIER_VERBS.removeAccess,
        permission: resellerGlobalAdmin,
        data: z.object({ relationshipId: Id }),
        async handle(_context, session, { relationshipId }) {
          const { tr, org } = session;
          const removed = await providerAccess.remove(session, relationshipId, tellAccessRemoved);
          if (!removed.ok)
            return noticeCard(tr.t('twoTier.access.remove'), describeRefusal(removed.refusal, tr), 'attention');
          const params = { provider: removed.value.provider.name, org: org.name };
          return noticeCard(tr.t('twoTier.access.doneTitle'), tr.t('twoTier.access.doneText', params), 'good');
        },
      }),
      cardAction({
        verb: TWO_TIER_VERBS.open,
        permission: partnerMay('accept-indirect-provider', {
          target: recordTarget('invitations', 'invitationId', ['customer']),
        }),
        data: z.object({ invitationId: Id }),
        handle: (_c, s, d) => authorizeCard(s, s.tr, d.invitationId),
      }),
      cardAction({
        verb: TWO_TIER_VERBS.authorize,
        permission: partnerMay('accept-indirect-provider', {
          target: recordTarget('invitations', 'invitationId', ['customer']),
        }),
        data: z.object({ invitationId: Id, confirmed: z.enum(['true', 'false']).default('false') }),
        async handle(_context, session, { invitationId, confirmed }) {
          const { tr } = session;
          const outcome = await twoTier.authorize(session, invitationId, confirmed === 'true', tellProvider(notifier));
          if (!outcome.ok) {
            if (outcome.refusal.code === 'confirmation-required')
              return authorizeCard(session, tr, invitationId, describeRefusal(outcome.refusal, tr));
            return authorizeCard(session, tr, invitationId);
          }
          return answeredCard(
            outcome.value.invitation,
            await store.get('organizations', outcome.value.invitation.partnerTenantId),
            tr,
          );
        },
      }),
      cardAction({
        verb: TWO_TIER_VERBS.decline,
        permission: partnerMay('accept-indirect-provider', {
          target: recordTarget('invitations', 'invitationId', ['customer']),
        }),
        data: z.object({ invitationId: Id }),
        async handle(_context, session, { invitationId }) {
          const outcome = await twoTier.decline(session, invitationId, tellProvider(notifier));
          if (!outcome.ok) return authorizeCard(session, session.tr, invitationId);
          return answeredCard(
            outcome.value,
            await store.get('organizations', outcome.value.partnerTenantId),
            session.tr,
          );
        },
      }),
      cardAction({
        verb: TWO_TIER_VERBS.customers,
        permission: partnerMay('view-customers', {
          kinds: ['indirect-reseller'],
          target: relatedOrganization('providerTenantId'),
        }),
        data: z.object({ providerTenantId: Id }),
        async handle(_context, session, { providerTenantId }) {
          const { tr, org } = session;
          const providerLink = (await twoTier.providersOf(org.tenantId)).find(
            (r) => r.partnerTenantId === providerTenantId,
          );
          if (!providerLink)
            return noticeCard(
              tr.t('twoTier.viewCustomers'),
              describeRefusal({ code: 'provider-not-authorised' }, tr),
              'attention',
            );
          const provider = (await store.get('organizations', providerTenantId))!;
          const shared = await twoTier.sharedCustomers(org.tenantId, providerTenantId);
          const params = { reseller: org.name, provider: provider.name };
          return noticeCard(
            tr.t('twoTier.customers.title', params),
            shared.length ? '' : tr.t('twoTier.customers.none', params),
            'default',
            shared.map((c) => ({ title: c.name, value: c.primaryDomain })),
            [
              button(
                tr.t('twoTier.inviteCustomers'),
                TWO_TIER_VERBS.inviteCustomerForm,
                { providerTenantId },
                'positive',
              ),
            ],
          );
        },
      }),
    ],
  };
}
