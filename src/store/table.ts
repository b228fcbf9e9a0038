/** Where a record's current JSON lies in the log, and its version (checked at commit without a read). */
export interface Location {
  offset: number;
  length: number;
  version: number;
}

export type IndexFn = (record: { id: string; version: number }) => string[];

/** Slots that hold a key: most keys name one record (a domain, a token hash), so a single slot is kept bare. */
type Slots = number | Set<number>;

/**
 * Index keys are kept as 30-bit hashes (small integers cost no allocation), so two keys can share an
 * entry: lookups return candidates, and the store keeps those whose record really has the key.
 */
export function keyHash(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash & 0x3fffffff;
}

function addSlot(map: Map<number, Slots>, key: number, slot: number): void {
  const current = map.get(key);
  if (current === undefined) map.set(key, slot);
  else if (typeof current === 'number') {
    if (current !== slot) map.set(key, new Set([current, slot]));
  } else current.add(slot);
}

function removeSlot(map: Map<number, Slots>, key: number, slot: number): void {
  const current = map.get(key);
  if (current === undefined) return;
  if (typeof current === 'number') {
    if (current === slot) map.delete(key);
    return;
  }
  current.delete(slot);
  if (current.size === 1) map.set(key, current.values().next().value as number);
  else if (current.size === 0) map.delete(key);
}

/** The table as plain data, for the hint file: ids by slot (null for a free slot), locations, index entries. */
export interface TableExport {
  ids: (string | null)[];
  offsets: number[];
  lengths: number[];
  versions: number[];
  indexes: Record<string, [number, number[]][]>;
}

/**
 * One collection in memory: for each record a slot holding its id and where its JSON lies in the log, and
 * each secondary index as key hash → slots. Record bodies stay on disk, so memory grows with the number
 * of records, not with their size.
 */
export class Table {
  private readonly slotOf = new Map<string, number>();
  private ids: (string | null)[] = [];
  private offsets = new Float64Array(256);
  private lengths = new Uint32Array(256);
  private versions = new Uint32Array(256);
  private free: number[] = [];
  private readonly indexes = new Map<string, Map<number, Slots>>();
  /** Bytes of the live records' JSON, to tell when the log holds mostly dead versions. */
  liveBytes = 0;

  constructor(private readonly indexFns: Record<string, IndexFn>) {
    for (const name of Object.keys(indexFns)) this.indexes.set(name, new Map());
  }

  get size(): number {
    return this.slotOf.size;
  }

  has(id: string): boolean {
    return this.slotOf.has(id);
  }

  location(id: string): Location | undefined {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return undefined;
    return { offset: this.offsets[slot]!, length: this.lengths[slot]!, version: this.versions[slot]! };
  }

  *entries(): Generator<[string, Location]> {
    for (const [id, slot] of this.slotOf) {
      yield [id, { offset: this.offsets[slot]!, length: this.lengths[slot]!, version: this.versions[slot]! }];
    }
  }

  keys(): IterableIterator<string> {
    return this.slotOf.keys();
  }

  keysOf(index: string, record: { id: string; version: number }): string[] {
    const fn = this.indexFns[index];
    if (!fn) throw new Error(`Unknown index ${index}`);
    return fn(record);
  }

  /** Records where `record` now lies; `previous` is the version it replaces (its index keys are dropped). */
  put(record: { id: string; version: number }, at: Location, previous?: { id: string; version: number }): void {
    let slot = this.slotOf.get(record.id);
    if (slot === undefined) {
      slot = this.free.pop() ?? this.ids.length;
      this.grow(slot + 1);
      this.ids[slot] = record.id;
      this.slotOf.set(record.id, slot);
    } else {
      this.liveBytes -= this.lengths[slot]!;
      if (previous) this.unindex(previous, slot);
    }
    this.offsets[slot] = at.offset;
    this.lengths[slot] = at.length;
    this.versions[slot] = at.version;
    this.liveBytes += at.length;
    for (const [name, map] of this.indexes) {
      for (const key of this.keysOf(name, record)) addSlot(map, keyHash(key), slot);
    }
  }

  delete(record: { id: string; version: number }): void {
    const slot = this.slotOf.get(record.id);
    if (slot === undefined) return;
    this.unindex(record, slot);
    this.slotOf.delete(record.id);
    this.ids[slot] = null;
    this.free.push(slot);
    this.liveBytes -= this.lengths[slot]!;
  }

  /** Moves a record's JSON to a new place in a new log generation (compaction); nothing else changes. */
  relocate(id: string, offset: number): void {
    const slot = this.slotOf.get(id);
    if (slot !== undefined) this.offsets[slot] = offset;
  }

  private unindex(record: { id: string; version: number }, slot: number): void {
    for (const [name, map] of this.indexes) {
      for (const key of this.keysOf(name, record)) removeSlot(map, keyHash(key), slot);
    }
  }

  /** Ids of the records that may have `key` in `index` (a hash collision can add others: check the record). */
  candidates(index: string, key: string): string[] {
    const map = this.indexes.get(index);
    if (!map) throw new Error(`Unknown index ${index}`);
    const slots = map.get(keyHash(key));
    if (slots === undefined) return [];
    if (typeof slots === 'number') return [this.ids[slots]!];
    return [...slots].map((slot) => this.ids[slot]!);
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
      indexes[name] = [...map].map(([key, slots]) => [key, typeof slots === 'number' ? [slots] : [...slots]]);
    }
    return {
      ids: this.ids.slice(),
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
      this.slotOf.set(id, slot);
      this.offsets[slot] = part.offsets[i]!;
      this.lengths[slot] = part.lengths[i]!;
      this.versions[slot] = part.versions[i]!;
      this.liveBytes += part.lengths[i]!;
    });
  }

  importIndex(name: string, entries: [number, number[]][]): void {
    const map = this.indexes.get(name);
    if (!map) throw new Error(`Unknown index ${name}`);
    for (const [key, slots] of entries) map.set(key, slots.length === 1 ? slots[0]! : new Set(slots));
  }
}
