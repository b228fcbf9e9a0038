import { SCHEMAS } from './collections.js';
import {
  ConflictError,
  type CollectionName,
  type Collections,
  type IndexName,
  type NewRecord,
  type Transaction,
} from './store.js';
import type { Table } from './table.js';

export type AnyRecord = { id: string; version: number };

export interface PendingWrite {
  collection: CollectionName;
  id: string;
  kind: 'insert' | 'update' | 'remove';
  /** The version the record had when read (update/remove); checked at commit. */
  expectedVersion: number;
  record: AnyRecord;
}

/** What a transaction reads through: the committed state. */
export interface CommittedState {
  table(collection: CollectionName): Table;
  read(collection: CollectionName, id: string): AnyRecord | undefined;
  indexed(collection: CollectionName, index: string, key: string, skip?: (id: string) => boolean): AnyRecord[];
}

/** Reads see the committed state plus this transaction's own writes; writes are validated as they are made. */
export class LogTransaction implements Transaction {
  readonly writes = new Map<string, PendingWrite>();

  constructor(private readonly store: CommittedState) {}

  private pending(collection: CollectionName, id: string): PendingWrite | undefined {
    return this.writes.get(`${collection}/${id}`);
  }

  async get<C extends CollectionName>(collection: C, id: string): Promise<Collections[C] | undefined> {
    const w = this.pending(collection, id);
    if (w) return w.kind === 'remove' ? undefined : (structuredClone(w.record) as Collections[C]);
    return this.store.read(collection, id) as Collections[C] | undefined;
  }

  async findBy<C extends CollectionName>(collection: C, index: IndexName<C>, key: string): Promise<Collections[C][]> {
    const table = this.store.table(collection);
    const found = new Map<string, AnyRecord>();
    for (const record of this.store.indexed(collection, index, key, (id) => !!this.pending(collection, id))) {
      found.set(record.id, record);
    }
    for (const w of this.writes.values()) {
      if (w.collection === collection && w.kind !== 'remove' && table.keysOf(index, w.record).includes(key)) {
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
    yield await this.findBy(collection, index, key);
  }

  async all<C extends CollectionName>(collection: C): Promise<Collections[C][]> {
    const byId = new Map<string, AnyRecord>();
    for (const id of this.store.table(collection).keys()) {
      if (!this.pending(collection, id)) byId.set(id, this.store.read(collection, id)!);
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
    if ((existing && existing.kind !== 'remove') || (!existing && this.store.table(collection).has(id))) {
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

/** The record as its collection's schema reads it, or an error naming each problem. */
export function validate(collection: CollectionName, record: unknown): AnyRecord {
  const parsed = SCHEMAS[collection].safeParse(record);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(record)'}: ${i.message}`).join('; ');
    throw new Error(`Invalid ${collection} record: ${problems}`);
  }
  return parsed.data as AnyRecord;
}
