import type { AdminRoleId } from './model.js';

export type AdminRoleGroupId = 'everyday' | 'security' | 'workloads' | 'billing-directory' | 'highest';

/**
 * The admin roles as a request form groups them: the everyday support roles most requests need first, the
 * roles that can take over a tenant last, so the least-privileged choice is the one a partner sees first.
 * Every role is in exactly one group (test/domain/admin-role-groups.test.ts).
 */
export const ADMIN_ROLE_GROUPS: readonly { id: AdminRoleGroupId; roles: readonly AdminRoleId[] }[] = [
  {
    id: 'everyday',
    roles: [
      'helpdesk-administrator',
      'user-administrator',
      'license-administrator',
      'service-support-administrator',
      'global-reader',
    ],
  },
  { id: 'security', roles: ['security-reader', 'security-administrator', 'intune-administrator'] },
  { id: 'workloads', roles: ['exchange-administrator', 'sharepoint-administrator', 'teams-administrator'] },
  { id: 'billing-directory', roles: ['billing-administrator', 'password-administrator', 'directory-readers'] },
  { id: 'highest', roles: ['privileged-role-administrator', 'global-administrator'] },
];
