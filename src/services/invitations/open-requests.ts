import type { Invitation } from '../../domain/model.js';
import type { StoreReader } from '../../store/store.js';
import type { InvitationRequest } from './invitations.js';

/** An open invitation of the partner asking the same thing of the same customer: shown again instead of a second one. */
export async function openDuplicate(
  tx: StoreReader,
  now: Date,
  partnerTenantId: string,
  customerKey: string,
  request: InvitationRequest,
): Promise<Invitation | undefined> {
  const same = (a: readonly string[], b: readonly string[]) => [...a].sort().join() === [...b].sort().join();
  return (await tx.findBy('invitations', 'customer', customerKey.toLowerCase())).find(
    (i) =>
      i.partnerTenantId === partnerTenantId &&
      (i.status === 'created' || i.status === 'approval-pending') &&
      new Date(i.expiresAt) > now &&
      i.kind === request.kind &&
      i.providerTenantId === (request.kind === 'two-tier' ? request.providerTenantId : undefined) &&
      same(i.relationshipTypes, request.relationshipTypes) &&
      same(i.adminAccess?.roles ?? [], request.adminAccess?.roles ?? []) &&
      (i.adminAccess?.durationDays ?? 0) === (request.adminAccess?.durationDays ?? 0) &&
      same(
        i.services.map((s) => `${s.serviceId}:${s.licences ?? ''}`),
        (request.services ?? []).map((s) => `${s.serviceId}:${s.licences ?? ''}`),
      ),
  );
}

/** Rule 13: the partners that hold admin roles in the customer's tenant now. */
export async function delegatedAdminPartners(store: StoreReader, customerTenantId: string): Promise<string[]> {
  const relationships = await store.findBy('relationships', 'customer', customerTenantId);
  return relationships
    .filter(
      (r) => (r.status === 'active' || r.status === 'expiring') && r.adminAccess !== null && !r.adminAccess.removedAt,
    )
    .map((r) => r.partnerTenantId);
}
