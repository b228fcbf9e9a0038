import { RelationshipStatus, type Invitation, type Relationship } from '../domain/model.js';

/**
 * Where a key's sortable part lies on the one line the embedded engine orders a group by. It must keep the
 * sortable parts' byte order (PostgreSQL orders the keys themselves), and every key of one record carries
 * the same sortable part, so the embedded engine keeps one position per record beside its group keys.
 */
export type Position = (at: string) => number;

const atTime: Position = (at) => Date.parse(at);

/** Ranks take this much room each on the line: more than any time (9999-12-31 is 2.5e14 ms). */
const RANK_SPAN = 2 ** 48;

/** `<rank>|<ISO time>`: rank first, then time; a bare `<rank>|` is where the rank begins. */
const atRankThenTime: Position = (at) => {
  const cut = at.indexOf('|');
  // A bound of another form would place nothing and make a page silently empty.
  if (cut < 0) throw new Error(`"${at}" is not <rank>|<time>`);
  const time = at.slice(cut + 1);
  return Number(at.slice(0, cut)) * RANK_SPAN + (time ? Date.parse(time) : 0);
};

/**
 * Ordered indexes: each key is `<group>/<sortable part>`, and a page of one group between two sortable parts
 * is read in their order (Store.findPage) without reading the group's other records. The sortable part is an
 * ISO time, or a rank and a time (byState).
 */
export const ORDERED_INDEXES: { readonly [collection: string]: { readonly [index: string]: Position } } = {
  auditEvents: { betweenSince: atTime, relationshipSince: atTime },
  invitations: { openSince: atTime },
  relationships: { accessEnds: atTime, byState: atRankThenTime, withoutMca: atTime },
};

export function orderedKey(group: string, at: string): string {
  return `${group}/${at}`;
}

/** The group and the sortable part of an ordered key (groups hold no "/": tenant ids with a side). */
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

/** Relationships written before they said whether their customer accepted the MCA: settled when the store opens. */
export const MCA_UNSETTLED_GROUP = 'mca-unsettled:';

/**
 * Live and approved relationships whose customer has not accepted the MCA, by side and when they began, then
 * id: the `no mca` list, one row per relationship, in an order a new relationship never reshuffles. One
 * written before the fact was kept is in MCA_UNSETTLED_GROUP only, whatever its state, until it is settled.
 */
export function withoutMca(r: Relationship): string[] {
  if (r.customerMcaMissing === undefined) return [orderedKey(MCA_UNSETTLED_GROUP, r.createdAt)];
  if (!r.customerMcaMissing || !(LIVE.has(r.status) || r.status === 'approved')) return [];
  return [
    orderedKey(sideGroup('partner', r.partnerTenantId), r.createdAt),
    orderedKey(sideGroup('customer', r.customerTenantId), r.createdAt),
  ];
}

/** A state's place in RelationshipStatus order, two digits so that byte order is rank order. */
const rankOf = (status: RelationshipStatus) => String(RelationshipStatus.options.indexOf(status)).padStart(2, '0');

/** Later than any time an index holds: an open end. */
export const FOREVER = '9999-12-31T23:59:59.999Z';

/**
 * Every relationship by side, state (in RelationshipStatus order) and when it began, then id: the
 * `relationships <state>` list. The counterpart's name is on no relationship, so the order within a state
 * is the order they began, which a new relationship never reshuffles.
 */
export function byState(r: Relationship): string[] {
  const at = `${rankOf(r.status)}|${r.createdAt}`;
  return [
    orderedKey(sideGroup('partner', r.partnerTenantId), at),
    orderedKey(sideGroup('customer', r.customerTenantId), at),
  ];
}

/** The byState range of one state, or of every state when none is given. */
export function stateSpan(state?: RelationshipStatus): { from: string; to: string } {
  const states = RelationshipStatus.options;
  return { from: `${rankOf(state ?? states[0]!)}|`, to: `${rankOf(state ?? states.at(-1)!)}|${FOREVER}` };
}
