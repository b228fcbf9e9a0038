import type { Organization } from '../../domain/model.js';
import { BATCH, giveWay } from '../../store/give-way.js';
import { pairKey, type StoreReader } from '../../store/store.js';

/**
 * Who an organisation may look up: those it has a relationship, an invitation or a lead with, in either
 * direction (the two-tier partnership is a relationship too). Everyone else is answered exactly as an
 * organisation that does not exist, so a lookup never tells one customer about another partner's customer.
 */
export async function canSee(store: StoreReader, acting: Organization, other: Organization): Promise<boolean> {
  if (other.tenantId === acting.tenantId) return false;
  const found = async (lookups: Promise<unknown[]>[]) => (await Promise.all(lookups)).some((r) => r.length > 0);
  return found([
    store.findBy('relationships', 'pair', pairKey(acting.tenantId, other.tenantId)),
    store.findBy('relationships', 'pair', pairKey(other.tenantId, acting.tenantId)),
    store.findBy('leads', 'pair', pairKey(acting.tenantId, other.tenantId)),
    store.findBy('leads', 'pair', pairKey(other.tenantId, acting.tenantId)),
    store.findBy('invitations', 'pair', pairKey(acting.tenantId, other.tenantId)),
    store.findBy('invitations', 'pair', pairKey(acting.tenantId, other.primaryDomain.toLowerCase())),
    store.findBy('invitations', 'pair', pairKey(other.tenantId, acting.tenantId)),
    store.findBy('invitations', 'pair', pairKey(other.tenantId, acting.primaryDomain.toLowerCase())),
  ]);
}

/**
 * The organisations `acting` may look up, read through its own relationships, invitations and leads only.
 * A distributor's book is read in batches (store.scan), giving the event loop back between them.
 */
export async function visibleOrganizations(store: StoreReader, acting: Organization): Promise<Organization[]> {
  const me = acting.tenantId;
  const ids = new Set<string>();
  const domains = new Set<string>();
  for await (const batch of store.scan('relationships', 'partner', me))
    for (const r of batch) ids.add(r.customerTenantId);
  for await (const batch of store.scan('relationships', 'customer', me))
    for (const r of batch) ids.add(r.partnerTenantId);
  for await (const batch of store.scan('leads', 'partner', me)) for (const l of batch) ids.add(l.customerTenantId);
  for await (const batch of store.scan('leads', 'customer', me)) for (const l of batch) ids.add(l.partnerTenantId);
  for await (const batch of store.scan('invitations', 'partner', me)) {
    for (const i of batch) {
      if (i.customerTenantId) ids.add(i.customerTenantId);
      else domains.add(i.customerDomain.toLowerCase());
      // A provider on a two-tier invitation knows the reseller that sent it.
      ids.add(i.partnerTenantId);
    }
  }
  for (const key of [me, acting.primaryDomain.toLowerCase()]) {
    for await (const batch of store.scan('invitations', 'customer', key)) {
      for (const i of batch) {
        ids.add(i.partnerTenantId);
        if (i.providerTenantId) ids.add(i.providerTenantId);
      }
    }
  }
  ids.delete(me);
  const unique = new Map<string, Organization>();
  const keep = (o: Organization | undefined) => o && o.tenantId !== me && unique.set(o.tenantId, o);
  let read = 0;
  for (const id of ids) {
    keep(await store.get('organizations', id));
    if (++read % BATCH === 0) await giveWay();
  }
  for (const d of domains) for (const o of await store.findBy('organizations', 'domain', d)) keep(o);
  return [...unique.values()];
}
