import type { AdminRoleId, Invitation, Organization, Relationship } from '../../domain/model.js';
import { decide, type Action } from '../../domain/policy.js';
import type { StoreReader, Transaction } from '../../store/store.js';
import { audit } from '../audit.js';
import type { InvitationDelivery } from '../invitations/invitation-delivery.js';
import { actorOf, type Acting, type InvitationRequest, type InvitationService } from '../invitations/invitations.js';
import { ok, refuse, type Outcome } from '../outcome.js';
import { isLive, liveAdminAccess } from './relationship-admin.js';

/** A relationship's roles less some: what is kept, and the request that asks the customer for it. */
export interface RoleReductionPlan {
  relationship: Relationship;
  customer: Organization;
  dropped: AdminRoleId[];
  remaining: AdminRoleId[];
  request: InvitationRequest;
}

export interface RoleReductionSent {
  plan: RoleReductionPlan;
  invitation: Invitation;
  /** The same request was already open: nothing new was sent. */
  existing: boolean;
}

/**
 * Fewer roles on a live relationship, the way this product changes roles: a new request for the roles that
 * remain, sent to the customer's global admins in Teams at once, and the old access ends only when they
 * accept it (AcceptanceService). Used to remove Global Administrator alone (so that auto-extend becomes
 * possible) and to remove the roles a customer asked the partner to remove.
 */
export class RoleReduction {
  constructor(
    private readonly store: StoreReader,
    private readonly invitations: InvitationService,
    private readonly delivery: InvitationDelivery,
    private readonly clock: () => Date,
  ) {}

  async plan(
    acting: Acting,
    relationshipId: string,
    drop: readonly AdminRoleId[],
    action: Action = 'manage-admin-relationships',
  ): Promise<Outcome<RoleReductionPlan>> {
    const decision = decide(acting.user, action, { actorOrg: acting.org });
    if (!decision.allowed) return refuse(decision.reason, decision.params, decision.neededRoles);
    const relationship = await this.store.get('relationships', relationshipId);
    if (!relationship || relationship.partnerTenantId !== acting.org.tenantId) return refuse('relationship-not-found');
    const customer = await this.store.get('organizations', relationship.customerTenantId);
    if (!customer) return refuse('relationship-not-found');
    if (!isLive(relationship)) return refuse('relationship-already-ended', { customer: customer.name });
    const access = liveAdminAccess(relationship);
    if (!access) return refuse('no-admin-roles', { partner: acting.org.name });
    const missing = drop.filter((r) => !access.roles.includes(r));
    if (missing.length || !drop.length) return refuse('role-not-held', { customer: customer.name });
    const remaining = access.roles.filter((r) => !drop.includes(r));
    if (!remaining.length) return refuse('no-role-would-remain', { customer: customer.name });
    const types = relationship.types.includes('delegated-admin')
      ? relationship.types
      : [...relationship.types, 'delegated-admin' as const];
    return ok({
      relationship,
      customer,
      dropped: [...drop],
      remaining,
      request: {
        kind: 'reseller',
        customer: { tenantId: customer.tenantId },
        relationshipTypes: types,
        // Auto-extend stays as it was; the partner switches it on once Global Administrator is gone.
        adminAccess: { roles: remaining, durationDays: access.durationDays, autoExtend: false },
        replacesRelationshipId: relationship.id,
      },
    });
  }

  /**
   * Issues the plan's request and sends it: the customer's global admins get the Accept & Authorize card.
   * `onSent` runs in the sending transaction (an audit event, a customer request marked done).
   */
  async send(
    acting: Acting,
    plan: RoleReductionPlan,
    email: { subject: string; body: string },
    onSent?: (tx: Transaction, invitation: Invitation) => Promise<void> | void,
  ): Promise<Outcome<RoleReductionSent>> {
    const issued = await this.invitations.request(acting, plan.request);
    if (!issued.ok) return issued;
    if (issued.value.existing) return ok({ plan, invitation: issued.value.invitation, existing: true });
    const sent = await this.invitations.markSent(acting, issued.value.invitation.id, email, async (tx, invitation) => {
      await this.delivery.invitationSent(tx, invitation);
      audit(tx, this.clock(), {
        actor: actorOf(acting),
        action: 'relationship.roles-reduction-requested',
        target: { type: 'relationship', id: plan.relationship.id },
        tenantIds: [plan.relationship.partnerTenantId, plan.relationship.customerTenantId],
        before: { roles: [...plan.remaining, ...plan.dropped] },
        after: { roles: plan.remaining, invitationId: invitation.id },
      });
      await onSent?.(tx, invitation);
    });
    if (!sent.ok) return sent;
    return ok({ plan, invitation: sent.value, existing: false });
  }
}
