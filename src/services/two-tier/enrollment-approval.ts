import type { Enrollment, Organization, User, UserRoles } from '../../domain/model.js';
import type { Transaction } from '../../store/store.js';
import { audit } from '../audit.js';
import { settleCustomerMcaOf } from '../relationships/customer-mca.js';

/**
 * Seed 002: once the account is ready the person who enrolled is in the admin agent group, and they signed in
 * as the tenant's global admin; both are needed to authorise a provider and to request relationships.
 */
export const PRIMARY_CONTACT_ROLES: UserRoles = { side: 'partner', agent: 'admin-agent', admin: 'global-admin' };

/**
 * A customer user's roles in the tenant once it is a partner. Partner Center's global admin is the tenant's
 * global admin, so a customer global admin stays one; the customer's other admin roles mean nothing on the
 * partner side, so they become "not an agent" and "not an admin" until a global admin assigns roles.
 */
export function partnerRolesOf(roles: UserRoles): UserRoles {
  if (roles.side === 'partner') return roles;
  return { side: 'partner', agent: 'none', admin: roles.admin.includes('global-admin') ? 'global-admin' : 'none' };
}

const sameRoles = (a: UserRoles, b: UserRoles) => JSON.stringify(a) === JSON.stringify(b);

export function isPrimaryContact(user: User, enrollment: Enrollment): boolean {
  return user.tenantId === enrollment.tenantId && user.email.toLowerCase() === enrollment.primaryContact.email;
}

/**
 * The operator approved: the organisation becomes an indirect reseller and every user of it gets partner
 * roles, the primary contact admin agent and global admin. Returns the organisation, or undefined when it is
 * gone (the caller logs that).
 */
export async function becomeIndirectReseller(
  tx: Transaction,
  enrollment: Enrollment,
  now: Date,
): Promise<Organization | undefined> {
  const org = await tx.get('organizations', enrollment.tenantId);
  if (!org) return undefined;
  const saved = tx.update('organizations', { ...org, kind: 'indirect-reseller', mpnId: enrollment.mpnId });
  // A reseller needs no MCA: its relationships as a customer leave the no-mca list.
  await settleCustomerMcaOf(tx, saved);
  audit(tx, now, {
    actor: null,
    action: 'organization.kind-changed',
    target: { type: 'organization', id: org.tenantId },
    tenantIds: [org.tenantId],
    before: { kind: org.kind },
    after: { kind: saved.kind, mpnId: enrollment.mpnId },
  });
  for (const user of await tx.findBy('users', 'tenant', org.tenantId)) {
    const roles = isPrimaryContact(user, enrollment) ? PRIMARY_CONTACT_ROLES : partnerRolesOf(user.roles);
    if (sameRoles(roles, user.roles)) continue;
    tx.update('users', { ...user, roles });
    audit(tx, now, {
      actor: null,
      action: 'user.roles-changed',
      target: { type: 'user', id: user.id },
      tenantIds: [org.tenantId],
      before: user.roles,
      after: roles,
    });
  }
  return saved;
}
