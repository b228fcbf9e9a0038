import { applyRelationshipEvent } from '../../domain/lifecycle.js';
import type { Organization, Relationship } from '../../domain/model.js';
import { decide } from '../../domain/policy.js';
import { withRetry, type Store, type Transaction } from '../../store/store.js';
import { isLive } from '../invitations/acceptance.js';
import { audit } from '../audit.js';
import { actorOf, type Acting } from '../invitations/invitations.js';
import { ok, refuse, type Outcome } from '../outcome.js';
import { syncAssignmentsWithAccess } from './access-assignments.js';

/** "Remove roles" (rule 8): a customer's global admin ends a partner's admin roles; the relationship stays. */
export class AdminRolesRemoval {
  constructor(
    private readonly store: Store,
    private readonly clock: () => Date,
  ) {}

  private allowed(acting: Acting): Outcome<true> {
    const decision = decide(acting.user, 'remove-admin-roles', { actorOrg: acting.org });
    return decision.allowed ? ok(true) : refuse(decision.reason, decision.params, decision.neededRoles);
  }

  /** The organisation's relationships in which a partner still holds admin roles. */
  async withAdminRoles(acting: Acting): Promise<Outcome<{ relationship: Relationship; partner: Organization }[]>> {
    const allowed = this.allowed(acting);
    if (!allowed.ok) return allowed;
    const rows = [];
    for (const relationship of await this.store.findBy('relationships', 'customer', acting.org.tenantId)) {
      if (!isLive(relationship) || !relationship.adminAccess || relationship.adminAccess.removedAt) continue;
      const partner = await this.store.get('organizations', relationship.partnerTenantId);
      if (partner) rows.push({ relationship, partner });
    }
    return ok(rows);
  }

  async remove(
    acting: Acting,
    relationshipId: string,
    onRemoved?: (tx: Transaction, relationship: Relationship) => Promise<void> | void,
  ): Promise<Outcome<Relationship>> {
    const allowed = this.allowed(acting);
    if (!allowed.ok) return allowed;
    return withRetry(this.store, async (tx) => {
      const relationship = await tx.get('relationships', relationshipId);
      if (!relationship || relationship.customerTenantId !== acting.org.tenantId)
        return refuse('relationship-not-found');
      const partner = await tx.get('organizations', relationship.partnerTenantId);
      const now = this.clock();
      const removed = applyRelationshipEvent(
        relationship,
        { type: 'remove-admin-roles' },
        { actor: 'customer', now, by: acting.user.name },
      );
      if (!removed.ok) return refuse('no-admin-roles', { partner: partner?.name ?? '' });
      const saved = tx.update('relationships', removed.value);
      await syncAssignmentsWithAccess(tx, saved, now, actorOf(acting));
      audit(tx, now, {
        actor: actorOf(acting),
        action: 'relationship.admin-roles-removed',
        target: { type: 'relationship', id: relationship.id },
        tenantIds: [relationship.partnerTenantId, relationship.customerTenantId],
        before: relationship.adminAccess,
        after: saved.adminAccess,
      });
      await onRemoved?.(tx, saved);
      return ok(saved);
    });
  }
}
