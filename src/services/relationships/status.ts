import type { Organization, Relationship } from '../../domain/model.js';
import { decide } from '../../domain/policy.js';
import { foldText } from '../../domain/text.js';
import { pairKey, type StoreReader } from '../../store/store.js';
import type { Acting } from '../invitations/invitations.js';
import { matchOrganization } from '../directory/organization-match.js';
import { ok, refuse, type Outcome } from '../outcome.js';
import { canSee } from '../directory/visible-organizations.js';
import { counterpartCandidates } from '../directory/counterpart-index.js';
import { counterpartsByRelationship } from './relationship-lookup.js';

export { foldText };

/** Helpdesk views are read-only: partner users need "view customers", customer users "view partners". */
export function mayViewRelationships(acting: Acting): Outcome<true> {
  const action = acting.user.roles.side === 'partner' ? 'view-customers' : 'view-partners';
  const decision = decide(acting.user, action, { actorOrg: acting.org });
  if (!decision.allowed) return refuse(decision.reason, decision.params, decision.neededRoles);
  return ok(true);
}

export type CounterpartMatch =
  { kind: 'one'; org: Organization } | { kind: 'did-you-mean'; candidates: Organization[] };

const MAX_CANDIDATES = 5;

/**
 * The organisation a helpdesk user names: a domain is looked up through the index (the message extension
 * must answer fast), anything else by name, prefix or spelling, with accents folded for Spanish names.
 * Only organisations the user's own one deals with are found; any other is "not found", as if it did not exist.
 */
export async function findCounterpart(
  store: StoreReader,
  acting: Acting,
  query: string,
): Promise<Outcome<CounterpartMatch>> {
  const allowed = mayViewRelationships(acting);
  if (!allowed.ok) return allowed;
  const q = foldText(query);
  if (!q) return refuse('helpdesk-name-missing');
  const visible = async (orgs: Organization[]) => {
    const seen = await Promise.all(orgs.map((o) => canSee(store, acting.org, o)));
    return orgs.filter((_, n) => seen[n]);
  };
  // A relationship's name or a customer's tenant id names the organisation exactly, before any spelling guess.
  const byRelationship = await counterpartsByRelationship(store, acting, query);
  if (byRelationship.length === 1) return ok({ kind: 'one', org: byRelationship[0]! });
  if (byRelationship.length > 1)
    return ok({ kind: 'did-you-mean', candidates: byRelationship.slice(0, MAX_CANDIDATES) });
  const byDomain = await visible(await store.findBy('organizations', 'domain', q));
  if (byDomain.length === 1) return ok({ kind: 'one', org: byDomain[0]! });
  const byName = await visible(await store.findBy('organizations', 'name', q));
  if (byName.length === 1) return ok({ kind: 'one', org: byName[0]! });
  // Spelling and prefixes are matched among the organisations this one deals with, never the whole world,
  // through its name index: only the few organisations that can be the answer are read.
  const others = await counterpartCandidates(store, acting.org, q);
  const folded = others.map((o) => ({ original: o, view: { ...o, name: foldText(o.name) } }));
  const match = matchOrganization(
    q,
    folded.map((f) => f.view),
  );
  const originalOf = (o: Organization) => folded.find((f) => f.view.tenantId === o.tenantId)!.original;
  if (match.kind === 'none') return refuse('status-not-found', { query: query.trim() });
  if (match.kind === 'one') return ok({ kind: 'one', org: originalOf(match.org) });
  return ok({ kind: 'did-you-mean', candidates: match.candidates.slice(0, MAX_CANDIDATES).map(originalOf) });
}

/** The relationships this user may see: where their organisation is the partner, or the customer. Never a third party's. */
export async function visibleRelationships(store: StoreReader, acting: Acting): Promise<Relationship[]> {
  const index = acting.user.roles.side === 'partner' ? 'partner' : 'customer';
  return store.findBy('relationships', index, acting.org.tenantId);
}

/** The relationships between the user's organisation and one other, seen from the user's side (through the pair index). */
export async function relationshipsWith(
  store: StoreReader,
  acting: Acting,
  counterpart: Organization,
): Promise<Relationship[]> {
  const key =
    acting.user.roles.side === 'partner'
      ? pairKey(acting.org.tenantId, counterpart.tenantId)
      : pairKey(counterpart.tenantId, acting.org.tenantId);
  return store.findBy('relationships', 'pair', key);
}
