import { z } from 'zod';
import { canAutoExtend } from '../../domain/lifecycle.js';
import { AdminAccessRequest, AdminRoleId, type Organization, type Relationship } from '../../domain/model.js';
import { decide } from '../../domain/policy.js';
import type { StoreReader } from '../../store/store.js';
import type { Acting, InvitationRequest } from '../invitations/invitations.js';
import { ok, refuse, type Outcome } from '../outcome.js';

export interface CustomerRelationship {
  relationship: Relationship;
  customer: Organization;
}

/** A role change as the customer will see it: what is added, kept and given up, and the request that asks for it. */
export interface RoleChange extends CustomerRelationship {
  added: AdminRoleId[];
  kept: AdminRoleId[];
  removed: AdminRoleId[];
  request: InvitationRequest;
}

export function isLive(relationship: Relationship): boolean {
  return relationship.status === 'active' || relationship.status === 'expiring';
}

/** The admin access a relationship still grants today, if any. */
export function liveAdminAccess(relationship: Relationship) {
  const access = relationship.adminAccess;
  return access && !access.removedAt && isLive(relationship) ? access : null;
}

/**
 * "Change admin roles" the safe way. Roles are never added to an existing relationship: the change is
 * a new request for the whole new role set, carrying `replacesRelationshipId`, and the old access ends
 * only when the customer accepts it (AcceptanceService), so the partner keeps what it needs meanwhile
 * and the customer approves every new role. Nothing is saved here; InvitationService saves the request.
 */
export class RelationshipAdmin {
  constructor(private readonly store: StoreReader) {}

  /** The customers whose roles the acting user may change: live relationships, by customer name. */
  async changeable(acting: Acting): Promise<Outcome<CustomerRelationship[]>> {
    const allowed = this.mayChange(acting);
    if (!allowed.ok) return allowed;
    const rows: CustomerRelationship[] = [];
    for (const relationship of await this.store.findBy('relationships', 'partner', acting.org.tenantId)) {
      const customer = await this.store.get('organizations', relationship.customerTenantId);
      if (customer && isLive(relationship) && !relationship.types.includes('indirect-provider'))
        rows.push({ relationship, customer });
    }
    return ok(rows.sort((a, b) => a.customer.name.localeCompare(b.customer.name)));
  }

  /** One live relationship of the acting partner whose roles the user may change. */
  async get(acting: Acting, relationshipId: string): Promise<Outcome<CustomerRelationship>> {
    const relationship = await this.store.get('relationships', relationshipId);
    if (!relationship || relationship.partnerTenantId !== acting.org.tenantId) return refuse('relationship-not-found');
    const customer = await this.store.get('organizations', relationship.customerTenantId);
    if (!customer) return refuse('relationship-not-found');
    const allowed = this.mayChange(acting, customer);
    if (!allowed.ok) return allowed;
    if (!isLive(relationship)) return refuse('relationship-already-ended', { customer: customer.name });
    return ok({ relationship, customer });
  }

  /** The difference between the roles held and the roles wanted, and the request that asks for the new set. */
  async planRoleChange(
    acting: Acting,
    relationshipId: string,
    wanted: AdminAccessRequest,
  ): Promise<Outcome<RoleChange>> {
    const found = await this.get(acting, relationshipId);
    if (!found.ok) return found;
    const { relationship, customer } = found.value;
    const roles = z
      .array(AdminRoleId)
      .min(1)
      .safeParse([...new Set(wanted.roles)]);
    if (!roles.success) return refuse('roles-required');
    const parsed = AdminAccessRequest.safeParse({ ...wanted, roles: roles.data });
    if (!parsed.success) return refuse('duration-invalid');
    const access = parsed.data;
    if (access.autoExtend && !canAutoExtend(access.roles)) return refuse('auto-extend-with-global-admin');
    const current = liveAdminAccess(relationship)?.roles ?? [];
    const added = access.roles.filter((r) => !current.includes(r));
    const kept = access.roles.filter((r) => current.includes(r));
    const removed = current.filter((r) => !access.roles.includes(r));
    if (!added.length && !removed.length) return refuse('roles-unchanged');
    const types = relationship.types.includes('delegated-admin')
      ? relationship.types
      : [...relationship.types, 'delegated-admin' as const];
    return ok({
      relationship,
      customer,
      added,
      kept,
      removed,
      request: {
        kind: 'reseller',
        customer: { tenantId: customer.tenantId },
        relationshipTypes: types,
        adminAccess: access,
        replacesRelationshipId: relationship.id,
      },
    });
  }

  /** Changing admin roles is asking for admin roles: the right to include delegated admin privileges. */
  private mayChange(acting: Acting, customer?: Organization): Outcome<true> {
    const decision = decide(acting.user, 'include-delegated-admin', { actorOrg: acting.org, customerOrg: customer });
    if (decision.allowed) return ok(true);
    // Name the task the user tried, not the table row it is checked against.
    const params =
      decision.reason === 'role-required' ? { ...decision.params, action: 'change-admin-roles' } : decision.params;
    return refuse(decision.reason, params, decision.neededRoles);
  }
}
