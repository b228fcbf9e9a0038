import type { Organization, Relationship } from '../../domain/model.js';
import { foldText } from '../../domain/text.js';
import type { StoreReader } from '../../store/store.js';
import type { Acting } from '../invitations/invitations.js';
import { canSee } from '../directory/visible-organizations.js';

/** The user's own relationships (partner side or customer side) that carry this name, case and accents aside. */
export async function relationshipsNamed(store: StoreReader, acting: Acting, query: string): Promise<Relationship[]> {
  const key = foldText(query);
  if (!key) return [];
  const side = acting.user.roles.side;
  return (await store.findBy('relationships', 'name', key)).filter(
    (r) => (side === 'partner' ? r.partnerTenantId : r.customerTenantId) === acting.org.tenantId,
  );
}

/**
 * Organisations named by something other than their name or domain: a relationship's name, or a tenant id.
 * Only organisations the user's own one deals with are found.
 */
export async function counterpartsByRelationship(
  store: StoreReader,
  acting: Acting,
  query: string,
): Promise<Organization[]> {
  const found = new Map<string, Organization>();
  for (const r of await relationshipsNamed(store, acting, query)) {
    const other = r.partnerTenantId === acting.org.tenantId ? r.customerTenantId : r.partnerTenantId;
    const org = await store.get('organizations', other);
    if (org) found.set(org.tenantId, org);
  }
  if (found.size) return [...found.values()];
  const id = query.trim().toLowerCase();
  const byTenant = /^[0-9a-f-]{36}$/.test(id) ? await store.get('organizations', id) : undefined;
  return byTenant && byTenant.tenantId !== acting.org.tenantId && (await canSee(store, acting.org, byTenant))
    ? [byTenant]
    : [];
}
