/** Entries per chunk: a write moves at most this many, and a page's start is found in a few comparisons. */
const CHUNK = 512;

/**
 * The slots of one big group of an ordered index, kept in order (see OrderedSlots: position, then id) in
 * chunks of at most CHUNK. A page finds its first slot and the count of a range by binary search, instead
 * of visiting every slot of the group; a write inserts or removes one slot in one chunk.
 */
export class GroupOrder {
  private chunks: number[][];

  /** Orders `slots` once (a sort); `before` is negative when slot `a` comes first, never 0 for two slots. */
  constructor(
    slots: number[],
    private readonly before: (a: number, b: number) => number,
  ) {
    const sorted = slots.slice().sort(before);
    this.chunks = [];
    for (let start = 0; start < sorted.length; start += CHUNK) this.chunks.push(sorted.slice(start, start + CHUNK));
  }

  get size(): number {
    let size = 0;
    for (const chunk of this.chunks) size += chunk.length;
    return size;
  }

  /**
   * How many slots come before the first for which `reached` holds. `reached` must be monotone along the
   * order (false, then true): "position ≥ from", "position > to".
   */
  rank(reached: (slot: number) => boolean): number {
    let rank = 0;
    for (const chunk of this.chunks) {
      if (!reached(chunk[chunk.length - 1]!)) {
        rank += chunk.length;
        continue;
      }
      return rank + firstIndex(chunk.length, (i) => reached(chunk[i]!));
    }
    return rank;
  }

  /** The slots from rank `start` up to (not including) rank `end`. */
  slice(start: number, end: number): number[] {
    const out: number[] = [];
    let base = 0;
    for (const chunk of this.chunks) {
      if (base >= end) break;
      const next = base + chunk.length;
      if (next > start) out.push(...chunk.slice(Math.max(0, start - base), Math.min(chunk.length, end - base)));
      base = next;
    }
    return out;
  }

  insert(slot: number): void {
    const at = this.chunkFor(slot);
    if (at < 0) {
      this.chunks.push([slot]);
      return;
    }
    const chunk = this.chunks[at]!;
    chunk.splice(
      firstIndex(chunk.length, (i) => this.before(chunk[i]!, slot) > 0),
      0,
      slot,
    );
    if (chunk.length > 2 * CHUNK) this.chunks.splice(at, 1, chunk.slice(0, CHUNK), chunk.slice(CHUNK));
  }

  /** Takes `slot` out (its position must be the one it was ordered by); false when it was not there. */
  remove(slot: number): boolean {
    const at = this.chunkFor(slot);
    if (at < 0) return false;
    const chunk = this.chunks[at]!;
    const i = firstIndex(chunk.length, (j) => this.before(chunk[j]!, slot) >= 0);
    if (chunk[i] !== slot) return false;
    chunk.splice(i, 1);
    if (chunk.length === 0) this.chunks.splice(at, 1);
    return true;
  }

  /** The chunk `slot` belongs in: the first whose last slot does not come before it (else the last one). */
  private chunkFor(slot: number): number {
    if (this.chunks.length === 0) return -1;
    const at = firstIndex(this.chunks.length, (c) => {
      const chunk = this.chunks[c]!;
      return this.before(chunk[chunk.length - 1]!, slot) >= 0;
    });
    return Math.min(at, this.chunks.length - 1);
  }
}

/** The first index in [0, length) for which `holds` is true (it is false, then true), or `length`. */
function firstIndex(length: number, holds: (i: number) => boolean): number {
  let low = 0;
  let high = length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (holds(mid)) high = mid;
    else low = mid + 1;
  }
  return low;
}
