import type { Position } from './ordered-indexes.js';
import { OrderedSlots, type OrderedExport } from './ordered-slots.js';
import { SlotIds } from './slot-ids.js';
import { SlotMultimap } from './slot-multimap.js';

/** Where a record's current JSON lies in the log, and its version (checked at commit without a read). */
export interface Location {
  offset: number;
  length: number;
  version: number;
}

export type IndexFn = (record: { id: string; version: number }) => string[];

/** A 30-bit FNV-1a hash: small integers are stored without allocation. Equal hashes do not mean equal keys. */
export function keyHash(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash & 0x3fffffff;
}

/** A run of slots as plain data, for the hint file: ids by slot (null for a free slot), and locations. */
export interface SlotsExport {
  ids: (string | null)[];
  offsets: number[];
  lengths: number[];
  versions: number[];
}

/** New places for a table's records, gathered one by one and applied at once. */
export interface Relocation {
  move(id: string, offset: number): void;
  /** Throws unless every slot's new place was gathered: call before the next generation takes over. */
  check(): void;
  apply(): void;
}

/**
 * One collection in memory: for each record a slot holding its id and where its JSON lies in the log, and
 * each secondary index as key hash → slots. Record bodies stay on disk, so memory grows with the number
 * of records, not with their size; ids and index keys are found through hashes and then checked.
 */
export class Table {
  private readonly byId = new SlotMultimap();
  private readonly ids = new SlotIds();
  private offsets = new Float64Array(256);
  private lengths = new Uint32Array(256);
  private versions = new Uint32Array(256);
  private free: number[] = [];
  private readonly indexes = new Map<string, SlotMultimap>();
  private readonly ordered = new Map<string, OrderedSlots>();
  private count = 0;
  /** Puts and deletes so far: a relocation gathered before one of them is not the table's any more. */
  private writes = 0;
  /** Bytes of the live records' JSON, to tell when the log holds mostly dead versions. */
  liveBytes = 0;

  constructor(
    private readonly indexFns: Record<string, IndexFn>,
    /** The ordered indexes among them, each with how its keys' sortable parts are placed. */
    ordered: { readonly [index: string]: Position } = {},
  ) {
    for (const name of Object.keys(indexFns)) {
      const position = ordered[name];
      if (position) this.ordered.set(name, new OrderedSlots(keyHash, position));
      else this.indexes.set(name, new SlotMultimap());
    }
  }

  get size(): number {
    return this.count;
  }

  private slotOf(id: string): number | undefined {
    for (const slot of this.byId.get(keyHash(id))) if (this.ids.holds(slot, id)) return slot;
    return undefined;
  }

  has(id: string): boolean {
    return this.slotOf(id) !== undefined;
  }

  location(id: string): Location | undefined {
    const slot = this.slotOf(id);
    if (slot === undefined) return undefined;
    return { offset: this.offsets[slot]!, length: this.lengths[slot]!, version: this.versions[slot]! };
  }

  *entries(): Generator<[string, Location]> {
    for (let slot = 0; slot < this.ids.size; slot++) {
      const id = this.ids.get(slot);
      if (id === null) continue;
      yield [id, { offset: this.offsets[slot]!, length: this.lengths[slot]!, version: this.versions[slot]! }];
    }
  }

  *keys(): Generator<string> {
    for (let slot = 0; slot < this.ids.size; slot++) {
      const id = this.ids.get(slot);
      if (id !== null) yield id;
    }
  }

  keysOf(index: string, record: { id: string; version: number }): string[] {
    const fn = this.indexFns[index];
    if (!fn) throw new Error(`Unknown index ${index}`);
    return fn(record);
  }

  /** Records where `record` now lies; `previous` is the version it replaces (its index keys are dropped). */
  put(record: { id: string; version: number }, at: Location, previous?: { id: string; version: number }): void {
    this.writes++;
    let slot = this.slotOf(record.id);
    if (slot === undefined) {
      slot = this.free.pop() ?? this.ids.size;
      this.grow(slot + 1);
      this.ids.set(slot, record.id);
      this.byId.add(keyHash(record.id), slot);
      this.count++;
    } else {
      this.liveBytes -= this.lengths[slot]!;
      if (previous) this.unindex(previous, slot);
    }
    this.offsets[slot] = at.offset;
    this.lengths[slot] = at.length;
    this.versions[slot] = at.version;
    this.liveBytes += at.length;
    for (const [name, map] of this.indexes) {
      for (const key of this.keysOf(name, record)) map.add(keyHash(key), slot);
    }
    for (const [name, ordered] of this.ordered) ordered.add(slot, this.keysOf(name, record));
  }

  delete(record: { id: string; version: number }): void {
    const slot = this.slotOf(record.id);
    if (slot === undefined) return;
    this.writes++;
    this.unindex(record, slot);
    this.byId.remove(keyHash(record.id), slot);
    this.ids.set(slot, null);
    this.free.push(slot);
    this.count--;
    this.liveBytes -= this.lengths[slot]!;
  }

  /**
   * Where each record will lie in the next generation, gathered while it is written and taken over in one
   * step: relocating hundreds of thousands of records one by one at the switch held the event loop.
   */
  relocation(): Relocation {
    const next = new Float64Array(this.offsets.length);
    const since = this.writes;
    let moved = 0;
    return {
      move: (id, offset) => {
        const slot = this.slotOf(id);
        if (slot === undefined) return;
        next[slot] = offset;
        moved++;
      },
      // Compaction runs on the commit lane, so nothing is written meanwhile; were anything, its place is unknown.
      check: () => {
        if (this.writes !== since || moved !== this.count) throw new Error('The table changed while it was relocated');
      },
      apply: () => void (this.offsets = next),
    };
  }

  private unindex(record: { id: string; version: number }, slot: number): void {
    for (const [name, map] of this.indexes) {
      for (const key of this.keysOf(name, record)) map.remove(keyHash(key), slot);
    }
    for (const [name, ordered] of this.ordered) ordered.remove(slot, this.keysOf(name, record));
  }

  /** Ids of the records that may have `key` in `index` (a hash collision can add others: check the record). */
  candidates(index: string, key: string): string[] {
    const ordered = this.ordered.get(index);
    if (ordered) return ordered.candidates(key).map((slot) => this.ids.get(slot)!);
    const map = this.indexes.get(index);
    if (!map) throw new Error(`Unknown index ${index}`);
    return map.get(keyHash(key)).map((slot) => this.ids.get(slot)!);
  }

  /** One page of an ordered index between two sortable parts (no `from`: from the start), and how many there are. */
  page(index: string, range: { group: string; from: string; to: string; offset: number; limit: number }) {
    const ordered = this.ordered.get(index);
    if (!ordered) throw new Error(`${index} is not an ordered index`);
    const from = range.from ? ordered.position(range.from) : -Infinity;
    const { total, slots } = ordered.page(
      range.group,
      { from, to: ordered.position(range.to), offset: range.offset, limit: range.limit },
      (a, b) => this.ids.compare(a, b),
    );
    return { total, ids: slots.map((slot) => this.ids.get(slot)!) };
  }

  private grow(needed: number): void {
    if (needed <= this.offsets.length) return;
    const capacity = Math.max(needed, this.offsets.length * 2);
    const offsets = new Float64Array(capacity);
    offsets.set(this.offsets);
    const lengths = new Uint32Array(capacity);
    lengths.set(this.lengths);
    const versions = new Uint32Array(capacity);
    versions.set(this.versions);
    [this.offsets, this.lengths, this.versions] = [offsets, lengths, versions];
  }

  /** Slots held, free ones included: the hint's slot lines cover 0 to this. */
  get slotCount(): number {
    return this.ids.size;
  }

  /**
   * The slots from `from` to `to` as plain data, for one line of the hint file. The hint is written a part at
   * a time, so writing it never copies a whole table (tens of megabytes at 100,000 relationships) at once.
   */
  exportSlots(from: number, to: number): SlotsExport {
    const end = Math.min(to, this.ids.size);
    const ids: (string | null)[] = [];
    for (let slot = from; slot < end; slot++) ids.push(this.ids.get(slot));
    return {
      ids,
      offsets: Array.from(this.offsets.subarray(from, end)),
      lengths: Array.from(this.lengths.subarray(from, end)),
      versions: Array.from(this.versions.subarray(from, end)),
    };
  }

  /** Per index (ordered ones too), its [hash, slot] pairs flattened, at most `pairs` pairs a part. */
  *exportIndexes(pairs: number): Generator<[name: string, flat: number[]]> {
    const maps: [string, Iterable<[number, number]>][] = [...this.indexes, ...this.ordered].map(([name, map]) => [
      name,
      map.entries(),
    ]);
    for (const [name, entries] of maps) {
      let flat: number[] = [];
      for (const [hash, slot] of entries) {
        flat.push(hash, slot);
        if (flat.length === 2 * pairs) {
          yield [name, flat];
          flat = [];
        }
      }
      if (flat.length > 0) yield [name, flat];
    }
  }

  get orderedNames(): string[] {
    return [...this.ordered.keys()];
  }

  /** An ordered index's times and group checks for the slots from `from` to `to`. */
  exportOrdered(name: string, from: number, to: number): OrderedExport {
    return this.ordered.get(name)!.export(from, Math.min(to, this.ids.size));
  }

  /** Loads slots from `from` on (the hint file comes in chunks), keeping the slot numbers the indexes refer to. */
  importSlots(from: number, part: SlotsExport): void {
    this.writes++;
    this.grow(from + part.ids.length);
    part.ids.forEach((id, i) => {
      const slot = from + i;
      this.ids.set(slot, id);
      if (id === null) {
        this.free.push(slot);
        return;
      }
      this.byId.add(keyHash(id), slot);
      this.count++;
      this.offsets[slot] = part.offsets[i]!;
      this.lengths[slot] = part.lengths[i]!;
      this.versions[slot] = part.versions[i]!;
      this.liveBytes += part.lengths[i]!;
    });
  }

  importOrderedSlots(name: string, from: number, part: OrderedExport): void {
    const ordered = this.ordered.get(name);
    if (!ordered) throw new Error(`${name} is not an ordered index`);
    ordered.importSlots(from, part);
  }

  /** Adds [hash, slot] pairs, flattened, to an index. */
  importIndex(name: string, pairs: number[]): void {
    const ordered = this.ordered.get(name);
    if (ordered) return ordered.importEntries(pairs);
    const map = this.indexes.get(name);
    if (!map) throw new Error(`Unknown index ${name}`);
    for (let i = 0; i + 1 < pairs.length; i += 2) map.add(pairs[i]!, pairs[i + 1]!);
  }
}
