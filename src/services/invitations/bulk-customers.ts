import type { Organization } from '../../domain/model.js';
import { foldText } from '../../domain/text.js';
import type { StoreReader } from '../../store/store.js';
import { visibleOrganizations } from '../directory/visible-organizations.js';

/** Why a line of the bulk list names no customer the request can go to. */
export type BulkCustomerProblem = 'unknown' | 'ambiguous' | 'repeated';

export type BulkCustomer =
  { entry: string; customer: Organization } | { entry: string; problem: BulkCustomerProblem; names?: string };

/** The lines a partner typed: one a line or comma-separated, each once (as folded text). */
export function bulkEntries(text: string): string[] {
  const seen = new Set<string>();
  const entries: string[] = [];
  for (const raw of text.split(/[\n,;]/)) {
    const entry = raw.trim();
    if (!entry || seen.has(foldText(entry))) continue;
    seen.add(foldText(entry));
    entries.push(entry);
  }
  return entries;
}

/**
 * Each line as a customer the partner already deals with: its domain, its exact name, or a unique part of
 * its name. Unlike the single request form, a domain never finds an organisation outside that set (new
 * customers are out of scope in bulk), so the list answers the same for an unknown and an invisible one.
 */
export async function resolveBulkCustomers(
  store: StoreReader,
  acting: Organization,
  entries: string[],
): Promise<BulkCustomer[]> {
  const customers = (await visibleOrganizations(store, acting)).filter((o) => o.kind === 'customer');
  const taken = new Set<string>();
  return entries.map((entry): BulkCustomer => {
    const folded = foldText(entry);
    const byDomain = customers.filter((o) => o.primaryDomain.toLowerCase() === entry.toLowerCase());
    const byName = customers.filter((o) => foldText(o.name) === folded);
    const partial = customers.filter((o) => foldText(o.name).includes(folded));
    const matches = byDomain.length ? byDomain : byName.length ? byName : partial;
    if (matches.length > 1)
      return { entry, problem: 'ambiguous', names: matches.map((m) => `${m.name} (${m.primaryDomain})`).join(', ') };
    const [customer] = matches;
    if (!customer) return { entry, problem: 'unknown' };
    if (taken.has(customer.tenantId)) return { entry, problem: 'repeated' };
    taken.add(customer.tenantId);
    return { entry, customer };
  });
}
