import { CrowdedSlots } from './crowded-slots.js';

const EMPTY = -1;
const REMOVED = -2;
/** A key with more slots than this moves out of the probe table into a Set, so its run cannot grow long. */
const CROWDED = 16;
const MAX_LOAD = 0.75;

/**
 * A hash multimap from 30-bit key hashes to record slots, in two typed arrays (open addressing, linear
 * probing): about 8 bytes per entry where a Map costs 30 to 40. Keys with many slots (a status, a big
 * partner's tenant id) are kept beside it (CrowdedSlots). Callers check candidates, since hashes can collide.
 */
export class SlotMultimap {
  private bits = 4;
  private hashes = new Int32Array(1 << this.bits);
  private slots = new Int32Array(1 << this.bits).fill(EMPTY);
  private used = 0;
  private removed = 0;
  private readonly crowded = new Map<number, CrowdedSlots>();
  /**
   * Multiply-shift hashing with a multiplier of this map's own: entries copied in another map's table
   * order (loading the hint file) then land in no particular order here, instead of piling into one run.
   */
  private readonly multiplier = (Math.floor(Math.random() * 0x80000000) * 2 + 1) | 0;

  private start(hash: number): number {
    return Math.imul(hash, this.multiplier) >>> (32 - this.bits);
  }

  add(hash: number, slot: number): void {
    const crowd = this.crowded.get(hash);
    if (crowd) {
      crowd.add(slot);
      return;
    }
    const mask = this.slots.length - 1;
    let free = -1;
    let same = 0;
    let i = this.start(hash);
    for (; this.slots[i] !== EMPTY; i = (i + 1) & mask) {
      if (this.slots[i] === REMOVED) {
        if (free < 0) free = i;
      } else if (this.hashes[i] === hash) {
        if (this.slots[i] === slot) return;
        same++;
      }
    }
    if (same >= CROWDED) {
      const set = new CrowdedSlots(this.get(hash));
      set.add(slot);
      this.drop(hash);
      this.crowded.set(hash, set);
      return;
    }
    if (free >= 0) this.removed--;
    else free = i;
    this.hashes[free] = hash;
    this.slots[free] = slot;
    this.used++;
    if (this.used + this.removed > this.slots.length * MAX_LOAD) this.resize();
  }

  remove(hash: number, slot: number): void {
    const crowd = this.crowded.get(hash);
    if (crowd) {
      crowd.delete(slot);
      if (crowd.size === 0) this.crowded.delete(hash);
      return;
    }
    const mask = this.slots.length - 1;
    for (let i = this.start(hash); this.slots[i] !== EMPTY; i = (i + 1) & mask) {
      if (this.hashes[i] === hash && this.slots[i] === slot) {
        this.slots[i] = REMOVED;
        this.used--;
        this.removed++;
        return;
      }
    }
  }

  get(hash: number): number[] {
    const crowd = this.crowded.get(hash);
    if (crowd) return [...crowd];
    const found: number[] = [];
    const mask = this.slots.length - 1;
    for (let i = this.start(hash); this.slots[i] !== EMPTY; i = (i + 1) & mask) {
      if (this.slots[i] !== REMOVED && this.hashes[i] === hash) found.push(this.slots[i]!);
    }
    return found;
  }

  /** Calls `visit` with each slot `get` would return, without copying a crowded key's slots into an array. */
  forEach(hash: number, visit: (slot: number) => void): void {
    const crowd = this.crowded.get(hash);
    if (crowd) {
      crowd.forEach(visit);
      return;
    }
    const mask = this.slots.length - 1;
    for (let i = this.start(hash); this.slots[i] !== EMPTY; i = (i + 1) & mask) {
      if (this.slots[i] !== REMOVED && this.hashes[i] === hash) visit(this.slots[i]!);
    }
  }

  /** Every entry as [hash, slot] pairs (the hint file's form). */
  *entries(): Generator<[number, number]> {
    for (let i = 0; i < this.slots.length; i++) {
      if (this.slots[i]! >= 0) yield [this.hashes[i]!, this.slots[i]!];
    }
    for (const [hash, set] of this.crowded) for (const slot of set) yield [hash, slot];
  }

  private drop(hash: number): void {
    const mask = this.slots.length - 1;
    for (let i = this.start(hash); this.slots[i] !== EMPTY; i = (i + 1) & mask) {
      if (this.slots[i]! >= 0 && this.hashes[i] === hash) {
        this.slots[i] = REMOVED;
        this.used--;
        this.removed++;
      }
    }
  }

  private resize(): void {
    const old = { hashes: this.hashes, slots: this.slots };
    this.bits = 4;
    // Room for twice the live entries: about half full after a resize, three quarters before the next.
    while ((1 << this.bits) * MAX_LOAD < this.used * 1.5) this.bits++;
    const capacity = 1 << this.bits;
    this.hashes = new Int32Array(capacity);
    this.slots = new Int32Array(capacity).fill(EMPTY);
    this.used = 0;
    this.removed = 0;
    for (let i = 0; i < old.slots.length; i++) if (old.slots[i]! >= 0) this.add(old.hashes[i]!, old.slots[i]!);
  }
}
