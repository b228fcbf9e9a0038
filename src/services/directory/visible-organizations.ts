import type { Organization } from '../../domain/model.js';
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

/** The organisations `acting` may look up, read through its own relationships, invitations and leads only. */
export async function visibleOrganizations(store: StoreReader, acting: Organization): Promise<Organization[]> {
  const me = acting.tenantId;
  const ids = new Set<string>();
  const domains = new Set<string>();
  for (const r of await store.findBy('relationships', 'partner', me)) ids.add(r.customerTenantId);
  for (const r of await store.findBy('relationships', 'customer', me)) ids.add(r.partnerTenantId);
  for (const l of await store.findBy('leads', 'partner', me)) ids.add(l.customerTenantId);
  for (const l of await store.findBy('leads', 'customer', me)) ids.add(l.partnerTenantId);
  for (const i of await store.findBy('invitations', 'partner', me)) {
    if (i.customerTenantId) ids.add(i.customerTenantId);
    else domains.add(i.customerDomain.toLowerCase());
    // A provider on a two-tier invitation knows the reseller that sent it.
    ids.add(i.partnerTenantId);
  }
  for (const key of [me, acting.primaryDomain.toLowerCase()]) {
    for (const i of await store.findBy('invitations', 'customer', key)) {
      ids.add(i.partnerTenantId);
      if (i.providerTenantId) ids.add(i.providerTenantId);
    }
  }
  ids.delete(me);
  const orgs = await Promise.all([...ids].map((id) => store.get('organizations', id)));
  const byDomain = await Promise.all([...domains].map((d) => store.findBy('organizations', 'domain', d)));
  const unique = new Map<string, Organization>();
  for (const o of [...orgs, ...byDomain.flat()]) if (o && o.tenantId !== me) unique.set(o.tenantId, o);
  return [...unique.values()];
}
