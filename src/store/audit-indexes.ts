import type { AuditEvent } from '../domain/model.js';
import { orderedKey } from './ordered-indexes.js';

/**
 * Ordered indexes of audit events (see ordered-indexes.ts): a timeline reads one page of one pair's or one
 * relationship's history, in time order, without reading the rest of it.
 */

/** Two organisations in one order whichever is named first; "|", since an ordered group holds no "/". */
export function pairGroup(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

/** Every two organisations an event concerns (at most three pairs: the schema allows three organisations). */
export function betweenSince(e: AuditEvent): string[] {
  const groups = new Set<string>();
  e.tenantIds.forEach((a, n) => {
    for (const b of e.tenantIds.slice(n + 1)) if (b !== a) groups.add(pairGroup(a, b));
  });
  return [...groups].map((group) => orderedKey(group, e.at));
}

/** One relationship's events; its id escaped, so a "/" in it cannot end the group. */
export function relationshipGroup(relationshipId: string): string {
  return encodeURIComponent(relationshipId);
}

/** The relationship an event is about, when it is about one. */
export function relationshipSince(e: AuditEvent): string[] {
  return e.target.type === 'relationship' ? [orderedKey(relationshipGroup(e.target.id), e.at)] : [];
}
