import { Low } from 'lowdb';
import { SCHEMAS, COLLECTION_NAMES } from './collections.js';
import { CURRENT_SCHEMA_VERSION, emptyDataFile, type DataFile } from './data-file.js';
import { DurableJsonFile } from './durable-file-adapter.js';
import { lockDataFile } from './file-lock.js';
import {
  ConflictError,
  INDEXES,
  type CollectionName,
  type Collections,
  type IndexName,
  type NewRecord,
  type SeedData,
  type Store,
  type Transaction,
} from './store.js';

type AnyRecord = { id: string; version: number };
type IndexFn = (record: AnyRecord) => string[];

interface PendingWrite {
  collection: CollectionName;
  id: string;
  kind: 'insert' | 'update' | 'remove';
  /** The version the record had when read (update/remove); checked at commit. */
  expectedVersion: number;
  record: AnyRecord;
}

const copy = <T>(value: T): T => structuredClone(value);

/** One collection in memory: records by id, and each index as key → ids. */
class Table {
  readonly records = new Map<string, AnyRecord>();
  readonly indexes = new Map<string, Map<string, Set<string>>>();

  constructor(private readonly indexFns: Record<string, IndexFn>) {
    for (const name of Object.keys(indexFns)) this.indexes.set(name, new Map());
  }

  keysOf(index: string, record: AnyRecord): string[] {
    const fn = this.indexFns[index];
    if (!fn) throw new Error(`Unknown index ${index}`);
    return fn(record);
  }

  put(record: AnyRecord): void {
    this.delete(record.id);
    this.records.set(record.id, record);
    for (const [name, map] of this.indexes) {
      for (const key of this.keysOf(name, record)) {
        let ids = map.get(key);
        if (!ids) map.set(key, (ids = new Set()));
        ids.add(record.id);
      }
    }
  }

  delete(id: string): void {
    const old = this.records.get(id);
    if (!old) return;
    this.records.delete(id);
    for (const [name, map] of this.indexes) {
      for (const key of this.keysOf(name, old)) {
        const ids = map.get(key);
        ids?.delete(id);
        if (ids?.size === 0) map.delete(key);
      }
    }
  }

  find(index: string, key: string): AnyRecord[] {
    const ids = this.indexes.get(index)?.get(key);
    if (!this.indexes.has(index)) throw new Error(`Unknown index ${index}`);
    return ids ? [...ids].map((id) => this.records.get(id)!) : [];
  }
}

/**
 * The embedded store: the whole data set in memory, indexed, persisted by lowdb to one JSON file on
 * every commit (whole-file rewrite, one process only). The PostgreSQL implementation of `Store` is the
 * way to several bot instances.
 */
class LowdbStore implements Store {
  private readonly tables = new Map<CollectionName, Table>();
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly db: Low<DataFile>,
    private readonly unlock: () => void = () => undefined,
  ) {
    for (const name of COLLECTION_NAMES) {
      const table = new Table(INDEXES[name] as unknown as Record<string, IndexFn>);
      for (const record of db.data.collections[name] as AnyRecord[]) table.put(record);
      this.tables.set(name, table);
    }
  }

  table(collection: CollectionName): Table {
    const table = this.tables.get(collection);
    if (!table) throw new Error(`Unknown collection ${collection}`);
    return table;
  }

  async get<C extends CollectionName>(collection: C, id: string): Promise<Collections[C] | undefined> {
    const record = this.table(collection).records.get(id);
    return record ? (copy(record) as Collections[C]) : undefined;
  }

  async findBy<C extends CollectionName>(collection: C, index: IndexName<C>, key: string): Promise<Collections[C][]> {
    return this.table(collection).find(index, key).map(copy) as Collections[C][];
  }

  async all<C extends CollectionName>(collection: C): Promise<Collections[C][]> {
    return [...this.table(collection).records.values()].map(copy) as Collections[C][];
  }

  async transaction<T>(work: (tx: Transaction) => Promise<T> | T): Promise<T> {
    if (this.closed) throw new Error('The store is closed');
    const tx = new LowdbTransaction(this);
    const result = await work(tx);
    if (tx.writes.size > 0) await this.commit([...tx.writes.values()]);
    return result;
  }

  /** Commits run one at a time: check every version, write the file durably, then apply in memory. */
  private commit(writes: PendingWrite[]): Promise<void> {
    const run = this.queue.then(async () => {
      for (const w of writes) {
        const current = this.table(w.collection).records.get(w.id);
        if (w.kind === 'insert' && current) throw new ConflictError(w.collection, w.id, 'exists');
        if (w.kind !== 'insert' && !current) throw new ConflictError(w.collection, w.id, 'missing');
        if (w.kind !== 'insert' && current && current.version !== w.expectedVersion) {
          throw new ConflictError(w.collection, w.id, 'version');
        }
      }
      await this.db.adapter.write(this.snapshotWith(writes));
      for (const w of writes) {
        if (w.kind === 'remove') this.table(w.collection).delete(w.id);
        else this.table(w.collection).put(w.record);
      }
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private snapshotWith(writes: PendingWrite[]): DataFile {
    const changed = new Map<CollectionName, Map<string, PendingWrite>>();
    for (const w of writes) {
      let byId = changed.get(w.collection);
      if (!byId) changed.set(w.collection, (byId = new Map()));
      byId.set(w.id, w);
    }
    const collections = {} as Record<CollectionName, AnyRecord[]>;
    for (const name of COLLECTION_NAMES) {
      const records = this.table(name).records;
      const byId = changed.get(name);
      if (!byId) {
        collections[name] = [...records.values()];
        continue;
      }
      const list: AnyRecord[] = [];
      for (const [id, record] of records) {
        const w = byId.get(id);
        if (!w) list.push(record);
        else if (w.kind !== 'remove') list.push(w.record);
      }
      for (const w of byId.values()) if (w.kind === 'insert') list.push(w.record);
      collections[name] = list;
    }
    return { schemaVersion: CURRENT_SCHEMA_VERSION, collections } as DataFile;
  }

  async ping(): Promise<void> {
    if (this.closed) throw new Error('The store is closed');
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.queue;
    this.unlock();
  }
}

class LowdbTransaction implements Transaction {
  readonly writes = new Map<string, PendingWrite>();

  constructor(private readonly store: LowdbStore) {}

  private pending(collection: CollectionName, id: string): PendingWrite | undefined {
    return this.writes.get(`${collection}/${id}`);
  }

  async get<C extends CollectionName>(collection: C, id: string): Promise<Collections[C] | undefined> {
    const w = this.pending(collection, id);
    if (w) return w.kind === 'remove' ? undefined : (copy(w.record) as Collections[C]);
    return this.store.get(collection, id);
  }

  async findBy<C extends CollectionName>(collection: C, index: IndexName<C>, key: string): Promise<Collections[C][]> {
    const table = this.store.table(collection);
    const found = new Map<string, AnyRecord>();
    for (const record of table.find(index, key)) {
      if (!this.pending(collection, record.id)) found.set(record.id, record);
    }
    for (const w of this.writes.values()) {
      if (w.collection === collection && w.kind !== 'remove' && table.keysOf(index, w.record).includes(key)) {
        found.set(w.id, w.record);
      }
    }
    return [...found.values()].map(copy) as Collections[C][];
  }

  async all<C extends CollectionName>(collection: C): Promise<Collections[C][]> {
    const byId = new Map<string, AnyRecord>();
    for (const record of this.store.table(collection).records.values()) byId.set(record.id, record);
    for (const w of this.writes.values()) {
      if (w.collection !== collection) continue;
      if (w.kind === 'remove') byId.delete(w.id);
      else byId.set(w.id, w.record);
    }
    return [...byId.values()].map(copy) as Collections[C][];
  }

  insert<C extends CollectionName>(collection: C, record: NewRecord<C>): Collections[C] {
    const id = (record as { id: string }).id;
    const existing = this.pending(collection, id);
    if ((existing && existing.kind !== 'remove') || (!existing && this.store.table(collection).records.has(id))) {
      throw new ConflictError(collection, id, 'exists');
    }
    const valid = validate(collection, { ...record, version: 1 });
    this.writes.set(`${collection}/${id}`, {
      collection,
      id,
      kind: existing ? 'update' : 'insert',
      expectedVersion: existing?.expectedVersion ?? 0,
      record: existing ? { ...valid, version: existing.expectedVersion + 1 } : valid,
    });
    return copy(valid) as Collections[C];
  }

  update<C extends CollectionName>(collection: C, record: Collections[C]): Collections[C] {
    const { id, version } = record as AnyRecord;
    const existing = this.pending(collection, id);
    if (existing?.kind === 'remove') throw new ConflictError(collection, id, 'missing');
    if (existing && existing.record.version !== version) throw new ConflictError(collection, id, 'version');
    const valid = validate(collection, { ...record, version: version + 1 });
    if (existing) {
      // A second write in the same transaction keeps the first one's kind and expected version.
      this.writes.set(`${collection}/${id}`, { ...existing, record: { ...valid, version: existing.record.version } });
      return copy({ ...valid, version: existing.record.version }) as Collections[C];
    }
    this.writes.set(`${collection}/${id}`, { collection, id, kind: 'update', expectedVersion: version, record: valid });
    return copy(valid) as Collections[C];
  }

  remove<C extends CollectionName>(collection: C, record: Collections[C]): void {
    const { id, version } = record as AnyRecord;
    const existing = this.pending(collection, id);
    if (existing?.kind === 'insert') {
      this.writes.delete(`${collection}/${id}`);
      return;
    }
    const expectedVersion = existing ? existing.expectedVersion : version;
    this.writes.set(`${collection}/${id}`, { collection, id, kind: 'remove', expectedVersion, record });
  }
}

function validate(collection: CollectionName, record: unknown): AnyRecord {
  const parsed = SCHEMAS[collection].safeParse(record);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(record)'}: ${i.message}`).join('; ');
    throw new Error(`Invalid ${collection} record: ${problems}`);
  }
  return parsed.data as AnyRecord;
}

export interface LowdbStoreOptions {
  file: string;
  /** Loaded when the file does not exist yet (the demo world). */
  seed?: SeedData;
  now?: () => Date;
}

/** Opens (or creates) the data file. A corrupt or invalid file throws StoreFileError and is left as it is. */
export async function openLowdbStore(options: LowdbStoreOptions): Promise<Store> {
  const adapter = new DurableJsonFile(options.file);
  const db = new Low<DataFile>(adapter, emptyDataFile());
  const existing = await adapter.read();
  const unlock = lockDataFile(options.file);
  if (existing) {
    db.data = existing;
  } else {
    const data = emptyDataFile();
    for (const name of COLLECTION_NAMES) {
      const records = (options.seed?.[name] ?? []) as NewRecord<typeof name>[];
      (data.collections[name] as AnyRecord[]) = records.map((r) => validate(name, { ...r, version: 1 }));
    }
    try {
      await adapter.write(data);
    } catch (error) {
      unlock();
      throw error;
    }
    db.data = data;
  }
  return new LowdbStore(db, unlock);
}
