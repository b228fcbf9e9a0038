import { FirstSlots } from './first-slots.js';
import { GroupOrder } from './group-order.js';
import { splitOrderedKey, type Position } from './ordered-indexes.js';
import { SlotMultimap } from './slot-multimap.js';

/** Groups one record can be in (an invitation: its partner, its provider, its customer). */
const MAX_GROUPS = 3;
/**
 * A group of this many slots or more is kept in order once a page asked for it (GroupOrder); a smaller one is
 * visited on each page. Ordering one costs a sort, once: above KEPT_IN_ORDER_UP_TO (every live relationship
 * of a distributor, for the expiry guardian) that sort alone would hold the event loop past its budget, so
 * such a group is visited on each page, in memory, as a smaller one is.
 */
export const KEPT_IN_ORDER_FROM = 256;
export const KEPT_IN_ORDER_UP_TO = 32_768;

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
  /**
   * Big groups in order, by group hash, once paged: only where every slot under that hash is in the one
   * group (`check`), so a page needs no filtering. Kept up to date by add and remove; dropped (and built
   * again by the next page) when anything does not fit.
   */
  private readonly inOrder = new Map<number, { check: number; order: GroupOrder }>();
  /** Group hashes found too big to order, or shared by two groups: visited on each page. */
  private readonly unordered = new Set<number>();

  constructor(
    private readonly keyHash: (key: string) => number,
    readonly position: Position,
  ) {}

  add(slot: number, keys: string[]): void {
    if (keys.length === 0) return;
    if (keys.length > MAX_GROUPS) throw new Error(`An ordered index key list longer than ${MAX_GROUPS}`);
    this.grow(slot + 1);
    // Added again without being removed (its old place in an order is unknown): orders are built anew.
    if (!Number.isNaN(this.times[slot]!)) this.inOrder.clear();
    this.times[slot] = this.position(splitOrderedKey(keys[0]!).at);
    keys.forEach((key, j) => {
      const { group } = splitOrderedKey(key);
      this.groups.add(this.keyHash(group), slot);
      this.checks[slot * MAX_GROUPS + j] = checkHash(group);
    });
    for (const hash of new Set(keys.map((key) => this.keyHash(splitOrderedKey(key).group)))) {
      const kept = this.inOrder.get(hash);
      if (!kept) continue;
      if (!this.inGroup(slot, kept.check)) this.inOrder.delete(hash);
      else if (!Number.isNaN(this.times[slot]!)) kept.order.insert(slot);
    }
  }

  remove(slot: number, keys: string[]): void {
    for (const hash of new Set(keys.map((key) => this.keyHash(splitOrderedKey(key).group)))) {
      const kept = this.inOrder.get(hash);
      // Still at the position it was ordered by; not found there, the order is no longer to be trusted.
      if (kept && !Number.isNaN(this.times[slot]!) && !kept.order.remove(slot)) this.inOrder.delete(hash);
    }
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
   * by position then id, and how many there are. A group kept in order answers by binary search; any other
   * is visited once, keeping only the slots up to the page's end (FirstSlots), so it is never sorted for a
   * page however deep (a big one is sorted once, to be kept in order from then on).
   */
  page(
    group: string,
    range: { from: number; to: number; offset: number; limit: number },
    /** How two slots' ids compare: the order among equal positions. */
    byId: (a: number, b: number) => number,
  ): { total: number; slots: number[] } {
    const check = checkHash(group);
    const { from, to, offset, limit } = range;
    const before = (a: number, b: number) => this.times[a]! - this.times[b]! || byId(a, b);
    const hash = this.keyHash(group);
    const kept = this.inOrder.get(hash);
    if (kept?.check === check) {
      const start = kept.order.rank((slot) => this.times[slot]! >= from);
      const end = kept.order.rank((slot) => this.times[slot]! > to);
      return {
        total: Math.max(0, end - start),
        slots: kept.order.slice(start + offset, Math.min(end, start + offset + limit)),
      };
    }
    // Not in order (yet): one visit of the group's slots, in place, which also gathers them for an order.
    const gathered = kept || this.unordered.has(hash) ? undefined : ([] as number[]);
    let alone = true;
    const first = new FirstSlots(offset + limit, before);
    let total = 0;
    this.groups.forEach(hash, (slot) => {
      if (!this.inGroup(slot, check)) {
        alone = false;
        return;
      }
      const at = this.times[slot]!;
      if (gathered && !Number.isNaN(at) && gathered.length <= KEPT_IN_ORDER_UP_TO) gathered.push(slot);
      if (!(at >= from && at <= to)) return;
      total++;
      first.offer(slot);
    });
    if (gathered && (!alone || gathered.length > KEPT_IN_ORDER_UP_TO)) this.unordered.add(hash);
    else if (gathered && gathered.length >= KEPT_IN_ORDER_FROM)
      this.inOrder.set(hash, { check, order: new GroupOrder(gathered, before) });
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
    this.inOrder.clear();
    this.unordered.clear();
    for (let i = 0; i + 1 < pairs.length; i += 2) this.groups.add(pairs[i]!, pairs[i + 1]!);
  }

  importSlots(from: number, part: OrderedExport): void {
    this.inOrder.clear();
    this.unordered.clear();
    this.grow(from + part.times.length);
    part.times.forEach((t, i) => (this.times[from + i] = t ?? NaN));
    this.checks.set(part.checks, from * MAX_GROUPS);
  }
}
