import type { AdminRoleId, AdminAccess } from './model.js';
import type { CustomerAdminRole } from './model.js';
import type { PartnerRole } from './policy.js';

/**
 * The role-table rows of GDAP day-two work (issue 18), beside the seeds' rows in policy.ts. Each cell says
 * which seed or Microsoft rule it follows.
 */
export const GDAP_PARTNER_ACTIONS = ['manage-admin-relationships', 'answer-customer-requests'] as const;
export type GdapPartnerAction = (typeof GDAP_PARTNER_ACTIONS)[number];

export const GDAP_CUSTOMER_ACTIONS = ['ask-partner-for-change'] as const;
export type GdapCustomerAction = (typeof GDAP_CUSTOMER_ACTIONS)[number];

export const GDAP_ROLE_TABLE_PARTNER: Readonly<Record<GdapPartnerAction, readonly PartnerRole[]>> = {
  // Removing Global Administrator, switching auto-extend, moving off DAP and doing either for up to 25
  // relationships at once. Microsoft's GDAP FAQ: "users with the Admin agent role in the partner
  // organization can create GDAP relationship requests"; the seed's row "include delegated admin
  // privileges" gives the same to a partner global admin. Sales and helpdesk agents: neither source.
  'manage-admin-relationships': ['admin-agent', 'global-admin'],
  // Rule 8: to end a relationship "the customer contacts the partner; the partner removes it". Ending and
  // changing admin access is "act on behalf of a customer" (admin agent, global admin) in the seed's table.
  'answer-customer-requests': ['admin-agent', 'global-admin'],
};

export const GDAP_CUSTOMER_ROLE_TABLE: Readonly<Record<GdapCustomerAction, readonly CustomerAdminRole[]>> = {
  // Rule 8 and seed 001's "Remove roles": only a customer global admin removes a partner's admin roles, so
  // only a global admin asks the partner to end the relationship or to remove roles (issue 18, item 7).
  'ask-partner-for-change': ['global-admin'],
};

/** Partner Center changes or extends up to 25 relationships at a time. */
export const MAX_BULK_RELATIONSHIPS = 25;

/** Legacy delegated admin privileges (DAP): the partner is Global Administrator and Helpdesk administrator. */
export const LEGACY_DAP_ROLES: readonly AdminRoleId[] = ['global-administrator', 'helpdesk-administrator'];

/** Whether admin access is the legacy DAP grant (exactly Global + Helpdesk admin), not a granular one. */
export function isLegacyDap(access: Pick<AdminAccess, 'roles'> | null | undefined): boolean {
  if (!access) return false;
  const roles = new Set(access.roles);
  return roles.size === LEGACY_DAP_ROLES.length && LEGACY_DAP_ROLES.every((r) => roles.has(r));
}
