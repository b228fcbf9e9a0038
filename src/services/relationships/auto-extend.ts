import { applyRelationshipEvent } from '../../domain/lifecycle.js';
import { decide } from '../../domain/policy.js';
import type { Relationship } from '../../domain/model.js';
import { withRetry, type Store, type Transaction } from '../../store/store.js';
import { audit } from '../audit.js';
import { actorOf, type Acting } from '../invitations/invitations.js';
import { ok, refuse, type Outcome } from '../outcome.js';

/** Called inside the switching transaction, so the customer's admins are told with the change itself. */
export type AutoExtendSwitched = (tx: Transaction, relationship: Relationship) => Promise<void> | void;

/**
 * Auto-extend on or off (GDAP `autoExtendDuration` of 180 days or none). Deciding how long a partner keeps
 * admin roles is managing its admin relationships; never on with Global Administrator among the roles.
 */
export class AutoExtendService {
  constructor(
    private readonly store: Store,
    private readonly clock: () => Date,
  ) {}

  /** "Turn on auto-extend" from an expiry reminder. */
  async enable(
    acting: Acting,
    relationshipId: string,
    onSwitched?: AutoExtendSwitched,
  ): Promise<Outcome<Relationship>> {
    return this.set(acting, relationshipId, true, onSwitched);
  }

  async set(
    acting: Acting,
    relationshipId: string,
    on: boolean,
    onSwitched?: AutoExtendSwitched,
  ): Promise<Outcome<Relationship>> {
    const decision = decide(acting.user, 'manage-admin-relationships', { actorOrg: acting.org });
    if (!decision.allowed) return refuse(decision.reason, decision.params, decision.neededRoles);
    return withRetry(this.store, async (tx) => {
      const relationship = await tx.get('relationships', relationshipId);
      if (!relationship || relationship.partnerTenantId !== acting.org.tenantId)
        return refuse('relationship-not-found');
      const access = relationship.adminAccess;
      if (access && !access.removedAt && access.autoExtend === on)
        return refuse(on ? 'helpdesk-auto-extend-already-on' : 'auto-extend-already-off');
      const now = this.clock();
      const event = on ? ('enable-auto-extend' as const) : ('disable-auto-extend' as const);
      const next = applyRelationshipEvent(relationship, { type: event }, { actor: 'partner', now });
      if (!next.ok) {
        const code =
          next.error.code === 'auto-extend-with-global-admin' ? next.error.code : 'helpdesk-auto-extend-closed';
        return refuse(code);
      }
      const saved = tx.update('relationships', next.value);
      audit(tx, now, {
        actor: actorOf(acting),
        action: on ? 'relationship.auto-extend-enabled' : 'relationship.auto-extend-disabled',
        target: { type: 'relationship', id: relationship.id },
        tenantIds: [relationship.partnerTenantId, relationship.customerTenantId],
        before: { autoExtend: access?.autoExtend ?? false },
        after: { autoExtend: on },
      });
      await onSwitched?.(tx, saved);
      return ok(saved);
    });
  }
}
