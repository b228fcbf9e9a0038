import { applyRelationshipEvent } from '../../domain/lifecycle.js';
import { decide } from '../../domain/policy.js';
import type { Relationship } from '../../domain/model.js';
import { withRetry, type Store } from '../../store/store.js';
import { audit } from '../audit.js';
import { actorOf, type Acting } from '../invitations/invitations.js';
import { ok, refuse, type Outcome } from '../outcome.js';

/**
 * "Turn on auto-extend" from an expiry reminder. Deciding how long a partner keeps admin roles is part of
 * including delegated admin privileges, so the same roles may do it; never with Global Administrator.
 */
export class AutoExtendService {
  constructor(
    private readonly store: Store,
    private readonly clock: () => Date,
  ) {}

  async enable(acting: Acting, relationshipId: string): Promise<Outcome<Relationship>> {
    const decision = decide(acting.user, 'include-delegated-admin', { actorOrg: acting.org });
    if (!decision.allowed) return refuse(decision.reason, decision.params, decision.neededRoles);
    return withRetry(this.store, async (tx) => {
      const relationship = await tx.get('relationships', relationshipId);
      if (!relationship || relationship.partnerTenantId !== acting.org.tenantId)
        return refuse('relationship-not-found');
      const access = relationship.adminAccess;
      if (access?.autoExtend && !access.removedAt) return refuse('helpdesk-auto-extend-already-on');
      const now = this.clock();
      const next = applyRelationshipEvent(relationship, { type: 'enable-auto-extend' }, { actor: 'partner', now });
      if (!next.ok) {
        const code =
          next.error.code === 'auto-extend-with-global-admin' ? next.error.code : 'helpdesk-auto-extend-closed';
        return refuse(code);
      }
      const saved = tx.update('relationships', next.value);
      audit(tx, now, {
        actor: actorOf(acting),
        action: 'relationship.auto-extend-enabled',
        target: { type: 'relationship', id: relationship.id },
        tenantIds: [relationship.partnerTenantId, relationship.customerTenantId],
      });
      return ok(saved);
    });
  }
}
