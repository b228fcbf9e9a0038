import type { PartnerRole } from './policy.js';

/**
 * The partner-side rows GDAP day two adds to the role table of src/domain/policy.ts (which spreads them in).
 * Each cell follows a Microsoft rule, cited beside it.
 */
export const ACCESS_PARTNER_ACTIONS = ['manage-security-groups', 'assign-access', 'manage-access-templates'] as const;
export type AccessPartnerAction = (typeof ACCESS_PARTNER_ACTIONS)[number];

export const ACCESS_ROLE_TABLE_PARTNER: Readonly<Record<AccessPartnerAction, readonly PartnerRole[]>> = {
  // Issue 18 item 1 and Partner Center's "Admin agent" group: the partner's security groups are kept by its
  // global admins (who own the tenant's directory) and its admin agents (who use them for customers).
  'manage-security-groups': ['admin-agent', 'global-admin'],
  // Microsoft Learn, "Assign Microsoft Entra roles to security groups" (GDAP): only a user with the Admin agent
  // role creates or changes access assignments; a global admin without it does not.
  'assign-access': ['admin-agent'],
  // A template is the role set of a GDAP request, and "Users with the Admin agent role can create GDAP
  // relationship requests" (GDAP FAQ); domain.md's row "include delegated admin privileges" adds global admins.
  'manage-access-templates': ['admin-agent', 'global-admin'],
};
