import { applyRelationshipEvent } from '../../domain/lifecycle.js';
import type { Organization, Relationship } from '../../domain/model.js';
import { decide, type PolicySettings } from '../../domain/policy.js';
import { withRetry, type Store, type StoreReader, type Transaction } from '../../store/store.js';
import { audit } from '../audit.js';
import { isLive } from '../invitations/acceptance.js';
import { actorOf, type Acting } from '../invitations/invitations.js';
import { ok, refuse, type Outcome } from '../outcome.js';

export interface ProviderLink {
  relationship: Relationship;
  provider: Organization;
}

/**
 * The admin access an indirect provider holds in its reseller's tenant (seed 002: authorising a provider grants
 * it administrator access). The reseller's global admin, who authorised it, may remove that access; the
 * partnership stays, as removing a partner's roles leaves a customer's relationship in place (rule 8).
 */
export class ProviderAccess {
  constructor(
    private readonly store: Store,
    private readonly clock: () => Date,
    private readonly policy: PolicySettings,
  ) {}

  /** Whether this person may remove a provider's access: the reseller's global admin only. */
  mayRemove(acting: Acting): Outcome<true> {
    const decision = decide(acting.user, 'accept-indirect-provider', { actorOrg: acting.org }, this.policy);
    return decision.allowed ? ok(true) : refuse(decision.reason, decision.params, decision.neededRoles);
  }

  /** The reseller's live partnership with a provider, by the relationship's id. */
  async link(reader: StoreReader, acting: Acting, relationshipId: string): Promise<Outcome<ProviderLink>> {
    const relationship = await reader.get('relationships', relationshipId);
    if (
      !relationship ||
      relationship.customerTenantId !== acting.org.tenantId ||
      !relationship.types.includes('indirect-provider') ||
      !isLive(relationship)
    )
      return refuse('provider-not-authorised');
    const provider = await reader.get('organizations', relationship.partnerTenantId);
    if (!provider) return refuse('provider-not-authorised');
    return ok({ relationship, provider });
  }

  async remove(
    acting: Acting,
    relationshipId: string,
    onRemoved?: (tx: Transaction, link: ProviderLink) => Promise<void> | void,
  ): Promise<Outcome<ProviderLink>> {
    const allowed = this.mayRemove(acting);
    if (!allowed.ok) return allowed;
    return withRetry(this.store, async (tx) => {
      const found = await this.link(tx, acting, relationshipId);
      if (!found.ok) return found;
      const { relationship, provider } = found.value;
      const now = this.clock();
      const removed = applyRelationshipEvent(
        relationship,
        { type: 'remove-admin-roles' },
        { actor: 'customer', now, by: acting.user.name },
      );
      if (!removed.ok || relationship.adminAccess?.removedAt)
        return refuse('no-admin-roles', { partner: provider.name });
      const saved = tx.update('relationships', removed.value);
      audit(tx, now, {
        actor: actorOf(acting),
        action: 'relationship.admin-roles-removed',
        target: { type: 'relationship', id: relationship.id },
        tenantIds: [relationship.partnerTenantId, relationship.customerTenantId],
        before: relationship.adminAccess,
        after: saved.adminAccess,
      });
      await onRemoved?.(tx, { relationship: saved, provider });
      return ok({ relationship: saved, provider });
    });
  }
}
