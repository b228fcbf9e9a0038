import type { Organization } from '../../domain/model.js';
import type { Transaction } from '../../store/store.js';
import { withCustomerMca } from '../../domain/customer-mca.js';

/**
 * Gives an organisation a new tenant id, in the caller's transaction. Organisations are keyed by tenant id,
 * and one a partner added before its admins came ("new customer") carries an id the partner side made up;
 * when the real tenant claims it, every record naming the old id moves with it, so relationships,
 * invitations, leads, agreements and the organisation's history stay its own. Users are never moved: the
 * organisation must have none (a claim gives it its first, an undo removes them first).
 */
export async function rekeyOrganization(
  tx: Transaction,
  org: Organization,
  newTenantId: string,
): Promise<Organization> {
  const oldId = org.tenantId;
  if (oldId === newTenantId) return org;
  if ((await tx.findBy('users', 'tenant', oldId)).length > 0) {
    throw new Error(`organisation ${oldId} has users: its tenant id cannot change`);
  }
  const { version: _version, ...fields } = org;
  const moved = tx.insert('organizations', { ...fields, id: newTenantId, tenantId: newTenantId });
  tx.remove('organizations', org);
  const swap = (id: string) => (id === oldId ? newTenantId : id);

  for (const r of await tx.findBy('relationships', 'customer', oldId))
    tx.update('relationships', withCustomerMca({ ...r, customerTenantId: newTenantId }, moved));
  for (const i of await tx.findBy('invitations', 'customer', oldId))
    if (i.customerTenantId === oldId) tx.update('invitations', { ...i, customerTenantId: newTenantId });
  for (const l of await tx.findBy('leads', 'customer', oldId))
    tx.update('leads', { ...l, customerTenantId: newTenantId });
  for (const a of await tx.findBy('agreements', 'tenant', oldId))
    tx.update('agreements', { ...a, tenantId: newTenantId });
  for (const e of await tx.findBy('enrollments', 'tenant', oldId))
    tx.update('enrollments', { ...e, tenantId: newTenantId });
  const events = new Map(
    [
      ...(await tx.findBy('auditEvents', 'tenant', oldId)),
      ...(await tx.findBy('auditEvents', 'target', `organization/${oldId}`)),
    ].map((e) => [e.id, e]),
  );
  for (const e of events.values()) {
    tx.update('auditEvents', {
      ...e,
      tenantIds: e.tenantIds.map(swap),
      target: e.target.type === 'organization' ? { ...e.target, id: swap(e.target.id) } : e.target,
    });
  }
  return moved;
}
