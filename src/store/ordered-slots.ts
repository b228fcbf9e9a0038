import { FirstSlots } from './first-slots.js';
import { splitOrderedKey, type Position } from './ordered-indexes.js';
import { SlotMultimap } from './slot-multimap.js';

/** Groups one record can be in (an invitation: its partner, its provider, its customer). */
const MAX_GROUPS = 3;

/** FNV-1a with another offset basis: a second, independent hash that tells colliding groups apart. */
function checkHash(key: string): number {
  let hash = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash | 1;
}

export interface OrderedExport {
  /** Per slot: its position (for a time index, ms), or null when it has no key in this index. */
  times: (number | null)[];
  /** Per slot, MAX_GROUPS second hashes of its groups (0 for none). */
  checks: number[];
}

/**
 * One ordered index of a table in memory: group (key hash) → slots, and per slot its position (see
 * Position: its key's sortable part as a number) and the second hashes of its groups, so a page of a group
 * is found, counted and ordered without reading any record; about 20 bytes per record. Groups are told apart
 * by two 30-bit hashes, never by reading.
 */
export class OrderedSlots {
  private readonly groups = new SlotMultimap();
  private times = new Float64Array(256).fill(NaN);
  private checks = new Int32Array(256 * MAX_GROUPS);

  constructor(
    private readonly keyHash: (key: string) => number,
    readonly position: Position,
  ) {}

  add(slot: number, keys: string[]): void {
    if (keys.length === 0) return;
    if (keys.length > MAX_GROUPS) throw new Error(`An ordered index key list longer than ${MAX_GROUPS}`);
    this.grow(slot + 1);
    this.times[slot] = this.position(splitOrderedKey(keys[0]!).at);
    keys.forEach((key, j) => {
      const { group } = splitOrderedKey(key);
      this.groups.add(this.keyHash(group), slot);
      this.checks[slot * MAX_GROUPS + j] = checkHash(group);
    });
  }

  remove(slot: number, keys: string[]): void {
    for (const key of keys) this.groups.remove(this.keyHash(splitOrderedKey(key).group), slot);
    if (slot < this.times.length) {
      this.times[slot] = NaN;
      this.checks.fill(0, slot * MAX_GROUPS, (slot + 1) * MAX_GROUPS);
    }
  }

  /** Slots in `group` (the group part of `key`); exact but for a collision of both hashes. */
  candidates(key: string): number[] {
    const { group } = splitOrderedKey(key.includes('/') ? key : `${key}/`);
    const check = checkHash(group);
    return this.groups.get(this.keyHash(group)).filter((slot) => this.inGroup(slot, check));
  }

  /**
   * `limit` slots of `group` from `offset` on, of those with a position between `from` and `to` (inclusive),
   * by position then id, and how many there are. One pass over the group keeps only the slots up to the
   * page's end (FirstSlots), so however deep the page, the group is never sorted as a whole.
   */
  page(
    group: string,
    range: { from: number; to: number; offset: number; limit: number },
    /** How two slots' ids compare: the order among equal positions. */
    byId: (a: number, b: number) => number,
  ): { total: number; slots: number[] } {
    const check = checkHash(group);
    const { from, to, offset, limit } = range;
    const first = new FirstSlots(offset + limit, (a, b) => this.times[a]! - this.times[b]! || byId(a, b));
    let total = 0;
    // Visited in place: a big partner's group is tens of thousands of slots, not copied for each page.
    this.groups.forEach(this.keyHash(group), (slot) => {
      if (!this.inGroup(slot, check) || !(this.times[slot]! >= from && this.times[slot]! <= to)) return;
      total++;
      first.offer(slot);
    });
    return { total, slots: first.sorted().slice(offset) };
  }

  private inGroup(slot: number, check: number): boolean {
    for (let j = 0; j < MAX_GROUPS; j++) if (this.checks[slot * MAX_GROUPS + j] === check) return true;
    return false;
  }

  private grow(needed: number): void {
    if (needed <= this.times.length) return;
    const capacity = Math.max(needed, this.times.length * 2);
    const times = new Float64Array(capacity).fill(NaN);
    times.set(this.times);
    const checks = new Int32Array(capacity * MAX_GROUPS);
    checks.set(this.checks);
    [this.times, this.checks] = [times, checks];
  }

  /** [hash, slot] pairs of the group map, flattened (the hint file's form). */
  entries(): Generator<[number, number]> {
    return this.groups.entries();
  }

  /** The slots from `from` to `to`, for one line of the hint file. */
  export(from: number, to: number): OrderedExport {
    this.grow(to);
    return {
      times: Array.from(this.times.subarray(from, to), (t) => (Number.isNaN(t) ? null : t)),
      checks: Array.from(this.checks.subarray(from * MAX_GROUPS, to * MAX_GROUPS)),
    };
  }

  importEntries(pairs: number[]): void {
    for (let i = 0; i + 1 < pairs.length; i += 2) this.groups.add(pairs[i]!, pairs[i + 1]!);
  }

  importSlots(from: number, part: OrderedExport): void {
    this.grow(from + part.times.length);
    part.times.forEach((t, i) => (this.times[from + i] = t ?? NaN));
    this.checks.set(part.checks, from * MAX_GROUPS);
  }
}
