/** Slots per Set: growing one Set this big rehashes it in a few milliseconds. */
const PER_SET = 32_768;

/**
 * The slots of one crowded key (a status, a big partner's tenant id, the hour of the activity ledger), in
 * Sets of at most PER_SET. One Set of a million slots rehashes all of them as it grows: 80 ms measured here,
 * holding the event loop in the middle of somebody's commit.
 */
export class CrowdedSlots {
  private readonly sets: Set<number>[] = [new Set()];

  constructor(slots: Iterable<number> = []) {
    for (const slot of slots) this.add(slot);
  }

  get size(): number {
    let size = 0;
    for (const set of this.sets) size += set.size;
    return size;
  }

  add(slot: number): void {
    if (this.sets.some((set) => set.has(slot))) return;
    let last = this.sets[this.sets.length - 1]!;
    if (last.size >= PER_SET) this.sets.push((last = new Set()));
    last.add(slot);
  }

  delete(slot: number): void {
    const at = this.sets.findIndex((set) => set.delete(slot));
    if (at >= 0 && this.sets[at]!.size === 0 && this.sets.length > 1) this.sets.splice(at, 1);
  }

  /** Each slot, without a generator step per slot (a page visits tens of thousands). */
  forEach(visit: (slot: number) => void): void {
    for (const set of this.sets) for (const slot of set) visit(slot);
  }

  *[Symbol.iterator](): Generator<number> {
    for (const set of this.sets) yield* set;
  }
}
