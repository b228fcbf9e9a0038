import { InvitationDelivery } from '../../../services/invitations/invitation-delivery.js';
import { InvitationService } from '../../../services/invitations/invitations.js';
import { ProviderAccess } from '../../../services/two-tier/provider-access.js';
import { TwoTierService } from '../../../services/two-tier/two-tier.js';
import type { WorkflowDeps } from '../../workflow-module.js';
import { twoTierCards } from './two-tier-cards.js';
import { twoTierNotices } from './two-tier-notices.js';

/** What both sides of the two-tier workflow use: its services, cards and notices, made once. */
export function twoTierContext(deps: WorkflowDeps) {
  const { store, clock, notifier, config } = deps;
  const twoTier = new TwoTierService(store, clock, config);
  const providerAccess = new ProviderAccess(store, clock, config);
  return {
    store,
    config,
    notifier,
    twoTier,
    providerAccess,
    invitations: new InvitationService(store, clock, config),
    delivery: new InvitationDelivery(store, notifier, config.defaultLanguage, clock),
    cards: twoTierCards(store, twoTier, providerAccess),
    notices: twoTierNotices(notifier, config.defaultLanguage),
  };
}
export type TwoTierContext = ReturnType<typeof twoTierContext>;
