import type { Invitation, Relationship } from '../domain/model.js';

/**
 * Ordered indexes: each key is `<group>/<ISO time>`, and a page of one group between two times is read in
 * time order (Store.findPage) without reading the group's other records. Every key of one record carries
 * the same time, so the embedded engine keeps one time per record beside its group keys.
 */
export const ORDERED_INDEXES: { readonly [collection: string]: readonly string[] } = {
  auditEvents: ['betweenSince', 'relationshipSince'],
  invitations: ['openSince'],
  relationships: ['accessEnds'],
};

export function isOrdered(collection: string, index: string): boolean {
  return ORDERED_INDEXES[collection]?.includes(index) ?? false;
}

export function orderedKey(group: string, at: string): string {
  return `${group}/${at}`;
}

/** The group and the time of an ordered key (groups hold no "/": tenant ids with a side). */
export function splitOrderedKey(key: string): { group: string; at: string } {
  const cut = key.indexOf('/');
  return { group: key.slice(0, cut), at: key.slice(cut + 1) };
}

/** A list of one side of the book: the partner's (or provider's) invitations and relationships, or the customer's. */
export const sideGroup = (side: 'partner' | 'customer', tenantId: string) => `${side}:${tenantId}`;

/** Every record of an ordered index, whoever's it is: for the expiry guardian's pass. */
export const EVERY_GROUP = 'every:';

const OPEN = new Set(['created', 'approval-pending']);
const LIVE = new Set(['active', 'expiring']);

/** Invitations still open, by when they were created: the `pending` list, oldest first. */
export function openSince(i: Invitation): string[] {
  if (!OPEN.has(i.status)) return [];
  const groups = [
    sideGroup('partner', i.partnerTenantId),
    ...(i.providerTenantId ? [sideGroup('partner', i.providerTenantId)] : []),
    ...(i.customerTenantId ? [sideGroup('customer', i.customerTenantId)] : []),
  ];
  return groups.map((g) => orderedKey(g, i.createdAt));
}

/** Live relationships with admin access still granted, by when it ends: the `expiring` list, soonest first. */
export function accessEnds(r: Relationship): string[] {
  if (!LIVE.has(r.status) || !r.adminAccess || r.adminAccess.removedAt) return [];
  const at = r.adminAccess.endAt;
  return [
    orderedKey(sideGroup('partner', r.partnerTenantId), at),
    orderedKey(sideGroup('customer', r.customerTenantId), at),
    orderedKey(EVERY_GROUP, at),
  ];
}
