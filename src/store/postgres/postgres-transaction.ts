import { validate, type AnyRecord, type PendingWrite } from '../log-transaction.js';
import {
  ConflictError,
  INDEXES,
  type CollectionName,
  type Collections,
  type IndexName,
  type NewRecord,
  type StoreReader,
  type Transaction,
} from '../store.js';

export function keysOf(collection: CollectionName, index: string, record: AnyRecord): string[] {
  const fn = (INDEXES[collection] as Record<string, (r: AnyRecord) => string[]>)[index];
  if (!fn) throw new Error(`Unknown index ${collection}.${index}`);
  return fn(record);
}

/**
 * Reads go to the database's committed state (overlaid with this transaction's own writes); writes are
 * validated as they are made and kept here until commit, where the database checks every version.
 */
export class PostgresTransaction implements Transaction {
  readonly writes = new Map<string, PendingWrite>();

  constructor(private readonly committed: StoreReader) {}

  private pending(collection: CollectionName, id: string): PendingWrite | undefined {
    return this.writes.get(`${collection}/${id}`);
  }

  async get<C extends CollectionName>(collection: C, id: string): Promise<Collections[C] | undefined> {
    const w = this.pending(collection, id);
    if (w) return w.kind === 'remove' ? undefined : (structuredClone(w.record) as Collections[C]);
    return this.committed.get(collection, id);
  }

  async findBy<C extends CollectionName>(collection: C, index: IndexName<C>, key: string): Promise<Collections[C][]> {
    const found = new Map<string, AnyRecord>();
    for (const record of (await this.committed.findBy(collection, index, key)) as AnyRecord[]) {
      if (!this.pending(collection, record.id)) found.set(record.id, record);
    }
    for (const w of this.writes.values()) {
      if (w.collection === collection && w.kind !== 'remove' && keysOf(collection, index, w.record).includes(key)) {
        found.set(w.id, structuredClone(w.record));
      }
    }
    return [...found.values()] as Collections[C][];
  }

  /** A transaction is short: its scan is one batch, its own writes included. */
  async *scan<C extends CollectionName>(
    collection: C,
    index: IndexName<C>,
    key: string,
  ): AsyncIterable<Collections[C][]> {
    const records = await this.findBy(collection, index, key);
    if (records.length > 0) yield records;
  }

  async all<C extends CollectionName>(collection: C): Promise<Collections[C][]> {
    const byId = new Map<string, AnyRecord>();
    for (const record of (await this.committed.all(collection)) as AnyRecord[]) {
      if (!this.pending(collection, record.id)) byId.set(record.id, record);
    }
    for (const w of this.writes.values()) {
      if (w.collection !== collection) continue;
      if (w.kind === 'remove') byId.delete(w.id);
      else byId.set(w.id, structuredClone(w.record));
    }
    return [...byId.values()] as Collections[C][];
  }

  insert<C extends CollectionName>(collection: C, record: NewRecord<C>): Collections[C] {
    const id = (record as { id: string }).id;
    const existing = this.pending(collection, id);
    if (existing && existing.kind !== 'remove') throw new ConflictError(collection, id, 'exists');
    const valid = validate(collection, { ...record, version: 1 });
    this.writes.set(`${collection}/${id}`, {
      collection,
      id,
      kind: existing ? 'update' : 'insert',
      expectedVersion: existing?.expectedVersion ?? 0,
      record: existing ? { ...valid, version: existing.expectedVersion + 1 } : valid,
    });
    return structuredClone(valid) as Collections[C];
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
      return structuredClone({ ...valid, version: existing.record.version }) as Collections[C];
    }
    this.writes.set(`${collection}/${id}`, { collection, id, kind: 'update', expectedVersion: version, record: valid });
    return structuredClone(valid) as Collections[C];
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
