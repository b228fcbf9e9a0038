import type { User } from '../../domain/model.js';
import type { Transaction } from '../../store/store.js';

/** The partner's staff who work with customers (any agent role) or run the organisation. */
export async function partnerStaff(tx: Transaction, tenantId: string): Promise<User[]> {
  return (await tx.findBy('users', 'tenant', tenantId)).filter(
    (u) => u.roles.side === 'partner' && (u.roles.agent !== 'none' || u.roles.admin === 'global-admin'),
  );
}

export async function customerAdmins(tx: Transaction, tenantId: string): Promise<User[]> {
  return (await tx.findBy('users', 'tenant', tenantId)).filter(
    (u) => u.roles.side === 'customer' && u.roles.admin.length > 0,
  );
}

/**
 * The partner's admin agents and global admins, through the `partnerAdmins` index: who hears of answers to
 * its invitations. A distributor's hundreds of helpdesk agents are not read to find its few admins.
 */
export function partnerAdmins(tx: Transaction, tenantId: string): Promise<User[]> {
  return tx.findBy('users', 'partnerAdmins', tenantId);
}
