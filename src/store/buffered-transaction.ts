import { SCHEMAS } from './collections.js';
import {
  ConflictError,
  type CollectionName,
  type Collections,
  type IndexName,
  type NewRecord,
  type Transaction,
} from './store.js';

export type AnyRecord = { id: string; version: number };

export interface PendingWrite {
  collection: CollectionName;
  id: string;
  kind: 'insert' | 'update' | 'remove';
  /** The version the record had when read (update/remove); checked at commit. */
  expectedVersion: number;
  record: AnyRecord;
}

/**
 * What every engine's transaction does the same way: reads see the committed state overlaid with this
 * transaction's own writes, and writes are validated as they are made and kept until commit, where the
 * engine checks every version. An engine says only how to read its committed state.
 */
export abstract class BufferedTransaction implements Transaction {
  readonly writes = new Map<string, PendingWrite>();

  protected abstract committedGet(collection: CollectionName, id: string): Promise<AnyRecord | undefined>;
  /** Committed records under `key`, leaving out those `skip` names (this transaction wrote them). */
  protected abstract committedFindBy(
    collection: CollectionName,
    index: string,
    key: string,
    skip: (id: string) => boolean,
  ): Promise<AnyRecord[]>;
  protected abstract committedAll(collection: CollectionName): Promise<AnyRecord[]>;
  protected abstract keysOf(collection: CollectionName, index: string, record: AnyRecord): string[];
  /** Whether an insert can be refused at once (the engine knows the id is taken without asking). */
  protected abstract knownToExist(collection: CollectionName, id: string): boolean;

  protected pending(collection: CollectionName, id: string): PendingWrite | undefined {
    return this.writes.get(`${collection}/${id}`);
  }

  async get<C extends CollectionName>(collection: C, id: string): Promise<Collections[C] | undefined> {
    const w = this.pending(collection, id);
    if (w) return w.kind === 'remove' ? undefined : (structuredClone(w.record) as Collections[C]);
    return (await this.committedGet(collection, id)) as Collections[C] | undefined;
  }

  async findBy<C extends CollectionName>(collection: C, index: IndexName<C>, key: string): Promise<Collections[C][]> {
    const found = new Map<string, AnyRecord>();
    const mine = (id: string) => !!this.pending(collection, id);
    for (const record of await this.committedFindBy(collection, index, key, mine)) found.set(record.id, record);
    for (const w of this.writes.values()) {
      if (
        w.collection === collection &&
        w.kind !== 'remove' &&
        this.keysOf(collection, index, w.record).includes(key)
      ) {
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
    for (const record of await this.committedAll(collection)) {
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
    if ((existing && existing.kind !== 'remove') || (!existing && this.knownToExist(collection, id))) {
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
