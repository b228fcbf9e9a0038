import { editDistance, words } from './organization-match.js';

/** What an organisation is found by: its folded name and its lower-case domain. */
export interface NamedOrganization {
  tenantId: string;
  name: string;
  domain: string;
}

/** How a term stands for an organisation: compared by spelling, searched inside (name), or as a prefix (domain). */
const SPELLING = 1;
const INSIDE = 2;
const PREFIX = 4;
/** An organisation under a term is one number: its slot times FLAGS, plus its flags. */
const FLAGS = 8;
/** Pads terms so their first and last letters weigh as much as the middle ones; plainName removes controls, so no name holds it. */
const PAD = '\u0002';

function trigrams(text: string, padded: boolean): string[] {
  const t = padded ? `${PAD}${PAD}${text}${PAD}${PAD}` : text;
  const grams = new Set<string>();
  for (let i = 0; i + 3 <= t.length; i++) grams.add(t.slice(i, i + 3));
  return [...grams];
}

/** The terms an organisation is matched by, as matchOrganization compares them, with how each counts. */
function termsOf(org: NamedOrganization): Map<string, number> {
  const terms = new Map<string, number>();
  const add = (text: string, flag: number) => text && terms.set(text, (terms.get(text) ?? 0) | flag);
  for (const word of words(org.name)) add(word, SPELLING);
  add(org.domain.split('.')[0]!, SPELLING);
  add(org.name, SPELLING | INSIDE);
  add(org.domain, PREFIX);
  return terms;
}

export type NameSearch = { kind: 'containing' | 'closest'; tenantIds: string[] };

/**
 * A trigram index over the names and domains of one organisation's counterparts. `search` gives a superset of
 * the organisations matchOrganization would answer with over all of them (every one containing the text, or
 * else every one at the smallest spelling distance), reading only terms that share trigrams with the text:
 * a term sharing s of the text's n padded trigrams is at least ceil((n - s) / 3) edits away, so terms are
 * compared best-first and the search stops once no remaining term can come closer than the best found.
 */
export class NameIndex {
  private readonly slotOf = new Map<string, number>();
  private readonly tenantIds: (string | undefined)[] = [];
  /** Per slot, the terms (ids, not texts: a word's text is then held once) its organisation is filed under. */
  private readonly termsOfSlot: number[][] = [];
  private readonly freeSlots: number[] = [];
  private readonly termIds = new Map<string, number>();
  private readonly texts: string[] = [];
  /**
   * Per term, the organisations it stands for with how (slot × FLAGS + flags). Most terms stand for one
   * organisation, so each list starts as a one-element array: an empty array given a first element by push
   * reserves 17, and at 20,000 counterparts that was most of the index's memory.
   */
  private readonly orgsOfTerm: number[][] = [];
  private readonly postings = new Map<string, number[]>();
  private counts = new Uint16Array(0);

  get size(): number {
    return this.slotOf.size;
  }

  /** Terms held, live or not: what the index costs in memory. */
  get termCount(): number {
    return this.texts.length;
  }

  has(tenantId: string): boolean {
    return this.slotOf.has(tenantId);
  }

  put(org: NamedOrganization): void {
    this.remove(org.tenantId);
    const slot = this.freeSlots.pop() ?? this.tenantIds.length;
    this.tenantIds[slot] = org.tenantId;
    this.slotOf.set(org.tenantId, slot);
    const terms = termsOf(org);
    const filed = new Array<number>(terms.size);
    let filing = 0;
    for (const [text, flags] of terms) {
      const term = this.termId(text);
      filed[filing++] = term;
      const entry = slot * FLAGS + flags;
      const orgs = this.orgsOfTerm[term];
      if (orgs && orgs.length > 0) orgs.push(entry);
      else this.orgsOfTerm[term] = [entry];
    }
    this.termsOfSlot[slot] = filed;
  }

  remove(tenantId: string): void {
    const slot = this.slotOf.get(tenantId);
    if (slot === undefined) return;
    for (const term of this.termsOfSlot[slot]!) {
      const orgs = this.orgsOfTerm[term]!;
      const at = orgs.findIndex((entry) => Math.floor(entry / FLAGS) === slot);
      if (at >= 0) orgs.splice(at, 1);
    }
    this.slotOf.delete(tenantId);
    this.tenantIds[slot] = undefined;
    this.termsOfSlot[slot] = [];
    this.freeSlots.push(slot);
  }

  /** `query` folded as names are; `maxDistance` is the most edits a misspelling may be away. */
  search(query: string, maxDistance: number): NameSearch {
    const containing = this.containing(query);
    if (containing.length > 0) return { kind: 'containing', tenantIds: containing };
    return { kind: 'closest', tenantIds: this.closest(query, maxDistance) };
  }

  private termId(text: string): number {
    let term = this.termIds.get(text);
    if (term !== undefined) return term;
    term = this.texts.length;
    this.termIds.set(text, term);
    this.texts.push(text);
    this.orgsOfTerm.push([]);
    for (const gram of trigrams(text, true)) {
      const list = this.postings.get(gram);
      if (list) list.push(term);
      else this.postings.set(gram, [term]);
    }
    return term;
  }

  /** Terms by how many of `grams` they hold; `touched` lists those holding at least one. */
  private count(grams: string[]): { counts: Uint16Array; touched: number[] } {
    if (this.counts.length < this.texts.length) this.counts = new Uint16Array(this.texts.length * 2);
    const touched: number[] = [];
    for (const gram of grams) {
      for (const term of this.postings.get(gram) ?? []) {
        const seen = this.counts[term]!;
        if (seen === 0) touched.push(term);
        this.counts[term] = seen + 1;
      }
    }
    return { counts: this.counts, touched };
  }

  private orgsOf(term: number, flag: number, into: Set<string>): void {
    for (const entry of this.orgsOfTerm[term]!)
      if ((entry % FLAGS) & flag) into.add(this.tenantIds[Math.floor(entry / FLAGS)]!);
  }

  private containing(q: string): string[] {
    const found = new Set<string>();
    const check = (term: number) => {
      const text = this.texts[term]!;
      if (text.includes(q)) this.orgsOf(term, INSIDE, found);
      if (text.startsWith(q)) this.orgsOf(term, PREFIX, found);
    };
    if (q.length < 3) {
      // Too short for a trigram: every term is read (in memory, no store read).
      for (let term = 0; term < this.texts.length; term++) check(term);
      return [...found];
    }
    const grams = trigrams(q, false);
    const { counts, touched } = this.count(grams);
    for (const term of touched) {
      if (counts[term] === grams.length) check(term);
      counts[term] = 0;
    }
    return [...found];
  }

  private closest(q: string, maxDistance: number): string[] {
    const grams = trigrams(q, true);
    const atLeast = (shared: number) => Math.ceil((grams.length - shared) / 3);
    const { counts, touched } = this.count(grams);
    const byShared: number[][] = Array.from({ length: grams.length + 1 }, () => []);
    for (const term of touched) byShared[counts[term]!]!.push(term);
    let best = maxDistance;
    let nearest: number[] = [];
    const compare = (term: number) => {
      const text = this.texts[term]!;
      if (
        Math.abs(text.length - q.length) > best ||
        !this.orgsOfTerm[term]!.some((entry) => (entry % FLAGS) & SPELLING)
      )
        return;
      const distance = editDistance(q, text);
      if (distance < best || (distance === best && nearest.length === 0)) {
        best = distance;
        nearest = [term];
      } else if (distance === best) nearest.push(term);
    };
    for (let shared = grams.length; shared >= 1 && atLeast(shared) <= best; shared--) {
      for (const term of byShared[shared]!) compare(term);
    }
    if (atLeast(0) <= best) {
      // A very short text can be within reach of terms it shares no trigram with.
      for (let term = 0; term < this.texts.length; term++) if (counts[term] === 0) compare(term);
    }
    for (const term of touched) counts[term] = 0;
    const found = new Set<string>();
    for (const term of nearest) this.orgsOf(term, SPELLING, found);
    return [...found];
  }
}
