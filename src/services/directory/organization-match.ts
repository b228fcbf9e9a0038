import type { Organization } from '../../domain/model.js';

/** Edit distance, for misspelled names ("contso" → "contoso"). */
export function editDistance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0]!;
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j]!;
      previous[j] = Math.min(above + 1, previous[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return previous[b.length]!;
}

export type OrganizationMatch =
  { kind: 'one'; org: Organization } | { kind: 'ambiguous'; candidates: Organization[] } | { kind: 'none' };

/** The words of a name, as the spelling match compares them. */
export const words = (text: string) =>
  text
    .toLowerCase()
    .split(/[^a-z0-9áéíóúñü]+/)
    .filter(Boolean);

/**
 * Finds the organisation someone means: exact domain, then name or domain containing the text, then the
 * closest names by spelling. Several equally good candidates mean "did you mean…".
 */
export function matchOrganization(query: string, organizations: readonly Organization[]): OrganizationMatch {
  const q = query.trim().toLowerCase();
  if (!q) return { kind: 'none' };
  const byDomain = organizations.filter((o) => o.primaryDomain.toLowerCase() === q);
  if (byDomain.length === 1) return { kind: 'one', org: byDomain[0]! };
  const exactName = organizations.filter((o) => o.name.toLowerCase() === q);
  if (exactName.length === 1) return { kind: 'one', org: exactName[0]! };
  const containing = organizations.filter(
    (o) => o.name.toLowerCase().includes(q) || o.primaryDomain.toLowerCase().startsWith(q),
  );
  if (containing.length === 1) return { kind: 'one', org: containing[0]! };
  if (containing.length > 1) return { kind: 'ambiguous', candidates: containing };
  // Misspellings: the best distance between the query and any word of the name or the domain's first label.
  const scored = organizations
    .map((org) => {
      const targets = [...words(org.name), org.primaryDomain.split('.')[0]!.toLowerCase(), org.name.toLowerCase()];
      return { org, distance: Math.min(...targets.map((t) => editDistance(q, t))) };
    })
    .filter((s) => s.distance <= Math.max(1, Math.floor(q.length / 3)))
    .sort((a, b) => a.distance - b.distance);
  if (scored.length === 0) return { kind: 'none' };
  const best = scored.filter((s) => s.distance === scored[0]!.distance).map((s) => s.org);
  return best.length === 1 ? { kind: 'one', org: best[0]! } : { kind: 'ambiguous', candidates: best };
}
