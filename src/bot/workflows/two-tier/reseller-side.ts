import { z } from 'zod';
import { noticeCard } from '../../../cards/notice-card.js';
import { describeRefusal } from '../../../cards/refusal.js';
import { button } from '../../../cards/button.js';
import { cardAction } from '../../card-actions.js';
import type { WorkflowDeps, WorkflowModule } from '../../workflow-module.js';
import { partnerMay, relatedOrganization } from '../../permissions.js';
import { command } from '../../command-handler.js';
import { beginWorkflow } from '../../dialogs/workflow-stack.js';
import { TWO_TIER_VERBS } from './two-tier-verbs.js';
import type { TwoTierContext } from './two-tier-context.js';
import {
  AUTHORIZE_PROVIDER_DIALOG,
  AUTHORIZE_PROVIDER_VERBS,
  AuthorizeProviderDialog,
  ON_PROVIDER_INVITATION,
  type AuthorizeProviderOptions,
} from './authorize-provider-dialog.js';
import {
  ON_PROVIDER_LINK,
  REMOVE_PROVIDER_ACCESS_DIALOG,
  REMOVE_PROVIDER_ACCESS_VERBS,
  RemoveProviderAccessDialog,
  type RemoveProviderAccessOptions,
} from './remove-provider-access-dialog.js';

const Id = z.string().min(1).max(100);

/** The indirect reseller's side: "Indirect providers", "Authorize indirect provider", "View customers" and "Invite new customers" for itself and its provider in one invitation. */
export function resellerSide(ctx: TwoTierContext, deps: Pick<WorkflowDeps, 'available'>): WorkflowModule {
  const { store, twoTier } = ctx;
  const { providersCard } = ctx.cards;
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
      ...REMOVE_PROVIDER_ACCESS_VERBS,
      ...AUTHORIZE_PROVIDER_VERBS,
      cardAction({
        verb: TWO_TIER_VERBS.removeAccessConfirm,
        permission: ON_PROVIDER_LINK,
        data: z.object({ relationshipId: Id }),
        handle: (context, _s, { relationshipId }) =>
          beginWorkflow(context, REMOVE_PROVIDER_ACCESS_DIALOG, {
            relationshipId,
          } satisfies RemoveProviderAccessOptions),
      }),
      cardAction({
        // On the card Teams delivered, and on the Indirect providers list: the answer is a workflow of its own.
        verb: TWO_TIER_VERBS.open,
        permission: ON_PROVIDER_INVITATION,
        data: z.object({ invitationId: Id }),
        handle: (context, _s, { invitationId }) =>
          beginWorkflow(context, AUTHORIZE_PROVIDER_DIALOG, { invitationId } satisfies AuthorizeProviderOptions),
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
    dialogs: [new AuthorizeProviderDialog(ctx, deps), new RemoveProviderAccessDialog(ctx, deps)],
  };
}
