import { defaultRelationshipName, nameKey, RelationshipName } from '../../domain/relationship-name.js';
import type { Relationship } from '../../domain/model.js';
import { pairKey, type StoreReader } from '../../store/store.js';
import { ok, refuse, type Outcome } from '../outcome.js';

const ENDED = new Set(['expired', 'terminated']);

/**
 * The name as the partner already uses it on a relationship, or on an open request for one (case and accents
 * aside); undefined when it is free.
 */
export async function relationshipNameTaken(
  store: StoreReader,
  partnerTenantId: string,
  name: string,
): Promise<string | undefined> {
  const key = nameKey(name);
  const relationship = (await store.findBy('relationships', 'name', key)).find(
    (r) => r.partnerTenantId === partnerTenantId && !ENDED.has(r.status),
  );
  if (relationship) return relationship.displayName;
  const invitations = await store.findBy('invitations', 'name', pairKey(partnerTenantId, key));
  return invitations.find((i) => i.status === 'created' || i.status === 'approval-pending')?.displayName;
}

/**
 * The name a new request carries: the one the partner typed (1–50 characters, unique among its relationships,
 * as Graph's `displayName` must be) or, when left empty, the customer's name and the day.
 */
export async function chooseRelationshipName(
  store: StoreReader,
  partnerTenantId: string,
  wanted: string | undefined,
  customerName: string,
  now: Date,
): Promise<Outcome<string>> {
  if (wanted?.trim()) {
    const parsed = RelationshipName.safeParse(wanted);
    if (!parsed.success) return refuse('relationship-name-invalid');
    const taken = await relationshipNameTaken(store, partnerTenantId, parsed.data);
    if (taken) return refuse('relationship-name-taken', { name: taken });
    return ok(parsed.data);
  }
  const taken = new Set<string>();
  for (let n = 1; n <= 50; n++) {
    const candidate = defaultRelationshipName(customerName, now, (name) => taken.has(name));
    if ((await relationshipNameTaken(store, partnerTenantId, candidate)) === undefined) return ok(candidate);
    taken.add(candidate);
  }
  return refuse('relationship-name-taken', { name: customerName });
}

/** How a relationship is called on a card: its name, or the other organisation's when it has none (older records). */
export function relationshipLabel(relationship: Pick<Relationship, 'displayName'>, fallback: string): string {
  return relationship.displayName ?? fallback;
}
