import type { Position } from './ordered-indexes.js';
import { OrderedSlots, type OrderedExport } from './ordered-slots.js';
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

/** The table as plain data, for the hint file: ids by slot (null for a free slot), locations, index entries. */
export interface TableExport {
  ids: (string | null)[];
  offsets: number[];
  lengths: number[];
  versions: number[];
  /** Per index, [hash, slot] pairs flattened. */
  indexes: Record<string, number[]>;
  /** Per ordered index, each slot's time and group checks. */
  ordered: Record<string, OrderedExport>;
}

/**
 * One collection in memory: for each record a slot holding its id and where its JSON lies in the log, and
 * each secondary index as key hash → slots. Record bodies stay on disk, so memory grows with the number
 * of records, not with their size; ids and index keys are found through hashes and then checked.
 */
export class Table {
  private readonly byId = new SlotMultimap();
  private ids: (string | null)[] = [];
  private offsets = new Float64Array(256);
  private lengths = new Uint32Array(256);
  private versions = new Uint32Array(256);
  private free: number[] = [];
  private readonly indexes = new Map<string, SlotMultimap>();
  private readonly ordered = new Map<string, OrderedSlots>();
  private count = 0;
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
    for (const slot of this.byId.get(keyHash(id))) if (this.ids[slot] === id) return slot;
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
    for (let slot = 0; slot < this.ids.length; slot++) {
      const id = this.ids[slot];
      if (id === null || id === undefined) continue;
      yield [id, { offset: this.offsets[slot]!, length: this.lengths[slot]!, version: this.versions[slot]! }];
    }
  }

  *keys(): Generator<string> {
    for (const id of this.ids) if (id !== null && id !== undefined) yield id;
  }

  keysOf(index: string, record: { id: string; version: number }): string[] {
    const fn = this.indexFns[index];
    if (!fn) throw new Error(`Unknown index ${index}`);
    return fn(record);
  }

  /** Records where `record` now lies; `previous` is the version it replaces (its index keys are dropped). */
  put(record: { id: string; version: number }, at: Location, previous?: { id: string; version: number }): void {
    let slot = this.slotOf(record.id);
    if (slot === undefined) {
      slot = this.free.pop() ?? this.ids.length;
      this.grow(slot + 1);
      this.ids[slot] = record.id;
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
    this.unindex(record, slot);
    this.byId.remove(keyHash(record.id), slot);
    this.ids[slot] = null;
    this.free.push(slot);
    this.count--;
    this.liveBytes -= this.lengths[slot]!;
  }

  /** Moves a record's JSON to a new place in a new log generation (compaction); nothing else changes. */
  relocate(id: string, offset: number): void {
    const slot = this.slotOf(id);
    if (slot !== undefined) this.offsets[slot] = offset;
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
    if (ordered) return ordered.candidates(key).map((slot) => this.ids[slot]!);
    const map = this.indexes.get(index);
    if (!map) throw new Error(`Unknown index ${index}`);
    return map.get(keyHash(key)).map((slot) => this.ids[slot]!);
  }

  /** One page of an ordered index between two sortable parts (no `from`: from the start), and how many there are. */
  page(index: string, range: { group: string; from: string; to: string; offset: number; limit: number }) {
    const ordered = this.ordered.get(index);
    if (!ordered) throw new Error(`${index} is not an ordered index`);
    const from = range.from ? ordered.position(range.from) : -Infinity;
    const { total, slots } = ordered.page(
      range.group,
      { from, to: ordered.position(range.to), offset: range.offset, limit: range.limit },
      (slot) => this.ids[slot]!,
    );
    return { total, ids: slots.map((slot) => this.ids[slot]!) };
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

  export(): TableExport {
    const n = this.ids.length;
    const indexes: TableExport['indexes'] = {};
    for (const [name, map] of this.indexes) {
      const flat: number[] = [];
      for (const [hash, slot] of map.entries()) flat.push(hash, slot);
      indexes[name] = flat;
    }
    const ordered: TableExport['ordered'] = {};
    for (const [name, slots] of this.ordered) {
      const flat: number[] = [];
      for (const [hash, slot] of slots.entries()) flat.push(hash, slot);
      indexes[name] = flat;
      ordered[name] = slots.export(n);
    }
    return {
      ordered,
      ids: this.ids.map((id) => id ?? null),
      offsets: Array.from(this.offsets.subarray(0, n)),
      lengths: Array.from(this.lengths.subarray(0, n)),
      versions: Array.from(this.versions.subarray(0, n)),
      indexes,
    };
  }

  /** Loads slots from `from` on (the hint file comes in chunks), keeping the slot numbers the indexes refer to. */
  importSlots(from: number, part: Pick<TableExport, 'ids' | 'offsets' | 'lengths' | 'versions'>): void {
    this.grow(from + part.ids.length);
    part.ids.forEach((id, i) => {
      const slot = from + i;
      this.ids[slot] = id;
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
