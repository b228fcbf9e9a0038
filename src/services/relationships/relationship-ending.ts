import { applyRelationshipEvent } from '../../domain/lifecycle.js';
import type { Organization, Relationship } from '../../domain/model.js';
import { decide } from '../../domain/policy.js';
import { withRetry, type Store, type Transaction } from '../../store/store.js';
import { isLive } from '../invitations/acceptance.js';
import { audit } from '../audit.js';
import { actorOf, type Acting } from '../invitations/invitations.js';
import { ok, refuse, type Outcome } from '../outcome.js';
import { syncAssignmentsWithAccess } from './access-assignments.js';

export type Ending = 'relationship' | 'admin-access';
type Told = (tx: Transaction, relationship: Relationship, customer: Organization) => Promise<void> | void;

/** The partner ends a relationship (rule 8: the customer asks, the partner removes it) or only its admin access. */
export class RelationshipEnding {
  constructor(
    private readonly store: Store,
    private readonly clock: () => Date,
  ) {}

  private allowed(acting: Acting): Outcome<true> {
    const decision = decide(acting.user, 'act-on-behalf', { actorOrg: acting.org });
    return decision.allowed ? ok(true) : refuse(decision.reason, decision.params, decision.neededRoles);
  }

  async live(acting: Acting): Promise<Outcome<{ relationship: Relationship; customer: Organization }[]>> {
    const allowed = this.allowed(acting);
    if (!allowed.ok) return allowed;
    const rows = [];
    for (const relationship of await this.store.findBy('relationships', 'partner', acting.org.tenantId)) {
      const customer = await this.store.get('organizations', relationship.customerTenantId);
      if (isLive(relationship) && customer) rows.push({ relationship, customer });
    }
    return ok(rows.sort((a, b) => a.customer.name.localeCompare(b.customer.name)));
  }

  async end(acting: Acting, relationshipId: string, ending: Ending, tell: Told): Promise<Outcome<Relationship>> {
    const allowed = this.allowed(acting);
    if (!allowed.ok) return allowed;
    return withRetry(this.store, async (tx) => {
      const relationship = await tx.get('relationships', relationshipId);
      if (!relationship || relationship.partnerTenantId !== acting.org.tenantId)
        return refuse('relationship-not-found');
      if (!isLive(relationship)) return refuse('relationship-not-live');
      const customer = (await tx.get('organizations', relationship.customerTenantId))!;
      const now = this.clock();
      const ctx = { actor: 'partner' as const, now, by: acting.user.name };
      let next: Relationship;
      if (ending === 'admin-access') {
        const removed = applyRelationshipEvent(relationship, { type: 'remove-admin-roles' }, ctx);
        if (!removed.ok) return refuse('no-admin-roles', { partner: acting.org.name });
        next = removed.value;
      } else {
        const requested = applyRelationshipEvent(relationship, { type: 'request-termination' }, ctx);
        if (!requested.ok) return refuse('relationship-not-live');
        const terminated = applyRelationshipEvent(requested.value, { type: 'terminate' }, ctx);
        if (!terminated.ok) return refuse('relationship-not-live');
        const access = terminated.value.adminAccess;
        next = {
          ...terminated.value,
          adminAccess:
            access && !access.removedAt
              ? { ...access, removedAt: now.toISOString(), removedBy: acting.user.name }
              : access,
        };
      }
      const saved = tx.update('relationships', next);
      await syncAssignmentsWithAccess(tx, saved, now, actorOf(acting));
      audit(tx, now, {
        actor: actorOf(acting),
        action: ending === 'admin-access' ? 'relationship.admin-access-terminated' : 'relationship.terminated',
        target: { type: 'relationship', id: relationship.id },
        tenantIds: [relationship.partnerTenantId, relationship.customerTenantId],
        before: { status: relationship.status, adminAccess: relationship.adminAccess },
        after: { status: saved.status, adminAccess: saved.adminAccess },
      });
      await tell(tx, saved, customer);
      return ok(saved);
    });
  }
}
