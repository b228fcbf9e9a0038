import { readFile, rm } from 'node:fs/promises';
import { Low } from 'lowdb';
import { SCHEMAS, COLLECTION_NAMES } from './collections.js';
import { CURRENT_SCHEMA_VERSION } from './data-file.js';
import { DurableJsonFile } from './durable-file-adapter.js';
import { lockDataFile } from './file-lock.js';
import { writeGeneration, type GenerationRecord } from './generation.js';
import { indexSignature, readHint, writeHint } from './hint-file.js';
import { decodeLine, encodeLine, LogFile, type EncodedLine } from './log-file.js';
import {
  hintFileOf,
  logFileOf,
  parseManifest,
  parseStoreFile,
  STORE_FORMAT,
  type Manifest,
  type StoreFileContent,
} from './manifest.js';
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
import { Table, type IndexFn, type Location } from './table.js';

type AnyRecord = { id: string; version: number };

interface PendingWrite {
  collection: CollectionName;
  id: string;
  kind: 'insert' | 'update' | 'remove';
  /** The version the record had when read (update/remove); checked at commit. */
  expectedVersion: number;
  record: AnyRecord;
}

interface QueuedCommit {
  writes: PendingWrite[];
  resolve: () => void;
  reject: (error: unknown) => void;
}

const MB = 1024 * 1024;
const INDEX_SIGNATURE = indexSignature(INDEXES);
const RECENT_BYTES = 8 * MB;

export interface LowdbStoreOptions {
  /** The manifest's path; the log and hint files sit beside it (`<file>.<generation>.log`, `.hint`). */
  file: string;
  /** Loaded when the file does not exist yet (the demo world). */
  seed?: SeedData;
  now?: () => Date;
  /** Compact once the log is this big and more than half of it is dead versions. */
  compactAfterBytes?: number;
  /** Refresh the hint file once this much log was appended since the last one (faster restart after a crash). */
  hintAfterBytes?: number;
}

function newTables(): Map<CollectionName, Table> {
  return new Map(
    COLLECTION_NAMES.map((name) => [name, new Table(INDEXES[name] as unknown as Record<string, IndexFn>)]),
  );
}

/**
 * The embedded store. lowdb keeps the manifest (the configured data file), which names the current
 * generation of an append-only log; each commit appends one line to the log and fsyncs it, and commits
 * that arrive while one is being written share the next fsync (group commit). Memory holds only where
 * each record lies and the indexes; bodies are read from the log (the OS page cache keeps hot ones).
 * When dead versions outweigh live ones the live records are copied into a new generation and the
 * manifest switched to it. One process only; a PostgreSQL `Store` is the way to several bot instances.
 */
class LogStore implements Store {
  private lane: Promise<void> = Promise.resolve();
  private waiting: QueuedCommit[] = [];
  private flushScheduled = false;
  private maintenanceScheduled = false;
  private closed = false;
  /** The JSON of recently read records, least recently used first: a turn reads the same user, organisation and state again and again. */
  private readonly recent = new Map<string, string>();
  private recentBytes = 0;

  constructor(
    private readonly file: string,
    private readonly db: Low<Manifest>,
    private log: LogFile,
    private readonly tables: Map<CollectionName, Table>,
    private hintCovers: number,
    private readonly unlock: () => void,
    private readonly thresholds: { compactAfterBytes: number; hintAfterBytes: number },
  ) {}

  private get generation(): number {
    return this.db.data.generation;
  }

  table(collection: CollectionName): Table {
    const table = this.tables.get(collection);
    if (!table) throw new Error(`Unknown collection ${collection}`);
    return table;
  }

  /** A fresh copy of the record as committed. */
  read(collection: CollectionName, id: string): AnyRecord | undefined {
    const at = this.table(collection).location(id);
    if (!at) return undefined;
    const key = `${collection}/${id}`;
    let text = this.recent.get(key);
    if (text === undefined) {
      text = this.log.read(at.offset, at.length);
      this.remember(key, text);
    } else {
      this.recent.delete(key);
      this.recent.set(key, text);
    }
    return JSON.parse(text) as AnyRecord;
  }

  private remember(key: string, text: string): void {
    this.forget(key);
    this.recent.set(key, text);
    this.recentBytes += text.length;
    for (const [oldest, value] of this.recent) {
      if (this.recentBytes <= RECENT_BYTES) break;
      this.recent.delete(oldest);
      this.recentBytes -= value.length;
    }
  }

  private forget(key: string): void {
    const text = this.recent.get(key);
    if (text === undefined) return;
    this.recent.delete(key);
    this.recentBytes -= text.length;
  }

  async get<C extends CollectionName>(collection: C, id: string): Promise<Collections[C] | undefined> {
    return this.read(collection, id) as Collections[C] | undefined;
  }

  async findBy<C extends CollectionName>(collection: C, index: IndexName<C>, key: string): Promise<Collections[C][]> {
    return this.indexed(collection, index, key) as Collections[C][];
  }

  /** The records whose `index` keys include `key` (hash collisions are read and dropped). */
  indexed(collection: CollectionName, index: string, key: string, skip?: (id: string) => boolean): AnyRecord[] {
    const table = this.table(collection);
    const found: AnyRecord[] = [];
    for (const id of table.candidates(index, key)) {
      if (skip?.(id)) continue;
      const record = this.read(collection, id)!;
      if (table.keysOf(index, record).includes(key)) found.push(record);
    }
    return found;
  }

  async all<C extends CollectionName>(collection: C): Promise<Collections[C][]> {
    return [...this.table(collection).keys()].map((id) => this.read(collection, id)!) as Collections[C][];
  }

  async transaction<T>(work: (tx: Transaction) => Promise<T> | T): Promise<T> {
    if (this.closed) throw new Error('The store is closed');
    const tx = new LogTransaction(this);
    const result = await work(tx);
    if (tx.writes.size > 0) await this.commit([...tx.writes.values()]);
    return result;
  }

  private commit(writes: PendingWrite[]): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ writes, resolve, reject });
      if (this.flushScheduled) return;
      this.flushScheduled = true;
      this.lane = this.lane.then(() => this.flush());
    });
  }

  /**
   * Writes every commit that queued up while the previous batch was being synced, with one fsync.
   * Each is checked against the committed versions and the batch's earlier commits, in arrival order.
   */
  private async flush(): Promise<void> {
    this.flushScheduled = false;
    const batch = this.waiting.splice(0);
    const versions = new Map<string, number | null>();
    const accepted: { commit: QueuedCommit; at: EncodedLine['at']; jsons: (string | null)[] }[] = [];
    const lines: string[] = [];
    let position = this.log.size;
    for (const commit of batch) {
      const conflict = this.conflictOf(commit.writes, versions);
      if (conflict) {
        commit.reject(conflict);
        continue;
      }
      for (const w of commit.writes)
        versions.set(`${w.collection}/${w.id}`, w.kind === 'remove' ? null : w.record.version);
      const writes = commit.writes.map((w) => ({
        collection: w.collection,
        id: w.id,
        json: w.kind === 'remove' ? null : JSON.stringify(w.record),
      }));
      const line = encodeLine(writes, position);
      position += line.bytes;
      lines.push(line.text);
      accepted.push({ commit, at: line.at, jsons: writes.map((w) => w.json) });
    }
    if (accepted.length === 0) return;
    try {
      await this.log.append(lines.join(''));
    } catch (error) {
      for (const { commit } of accepted) commit.reject(error);
      return;
    }
    for (const { commit, at, jsons } of accepted) {
      commit.writes.forEach((w, i) => {
        this.apply(w.collection, w.id, w.kind === 'remove' ? null : w.record, at[i]!);
        // A record just written is usually read again soon (the next turn's state, the ledger entry).
        if (jsons[i]) this.remember(`${w.collection}/${w.id}`, jsons[i]);
      });
      commit.resolve();
    }
    this.scheduleMaintenance();
  }

  private conflictOf(writes: PendingWrite[], batchVersions: Map<string, number | null>): ConflictError | undefined {
    for (const w of writes) {
      const key = `${w.collection}/${w.id}`;
      const current = batchVersions.has(key)
        ? batchVersions.get(key)
        : this.table(w.collection).location(w.id)?.version;
      const exists = current !== undefined && current !== null;
      if (w.kind === 'insert' && exists) return new ConflictError(w.collection, w.id, 'exists');
      if (w.kind !== 'insert' && !exists) return new ConflictError(w.collection, w.id, 'missing');
      if (w.kind !== 'insert' && current !== w.expectedVersion) return new ConflictError(w.collection, w.id, 'version');
    }
    return undefined;
  }

  /** Makes a durable write visible: its location and index keys (the replaced version's keys are dropped). */
  apply(collection: string, id: string, record: AnyRecord | null, at: Omit<Location, 'version'> | null): void {
    const table = this.tables.get(collection as CollectionName);
    if (!table) return;
    const previous = this.read(collection as CollectionName, id);
    this.forget(`${collection}/${id}`);
    if (record === null || at === null) {
      if (previous) table.delete(previous);
      return;
    }
    table.put(record, { offset: at.offset, length: at.length, version: record.version }, previous);
  }

  private liveBytes(): number {
    let total = 0;
    for (const table of this.tables.values()) total += table.liveBytes;
    return total;
  }

  /** Compaction and hint refreshes run on the commit lane, so no commit interleaves with them. */
  scheduleMaintenance(): void {
    if (this.maintenanceScheduled || this.closed) return;
    const { compactAfterBytes, hintAfterBytes } = this.thresholds;
    const compact = this.log.size >= compactAfterBytes && this.log.size > 2 * this.liveBytes();
    const hint = this.log.size - this.hintCovers >= hintAfterBytes;
    if (!compact && !hint) return;
    this.maintenanceScheduled = true;
    this.lane = this.lane.then(async () => {
      try {
        if (compact) await this.compact();
        else await this.refreshHint();
      } catch {
        // Maintenance is an optimisation: the log stays the truth, and the next trigger tries again.
      } finally {
        this.maintenanceScheduled = false;
      }
    });
  }

  private async refreshHint(): Promise<void> {
    const covers = this.log.size;
    await writeHint(hintFileOf(this.file, this.generation), this.generation, covers, INDEX_SIGNATURE, this.tables);
    this.hintCovers = covers;
  }

  /** Copies the live records into the next generation, switches the manifest to it, and drops the old log. */
  private async compact(): Promise<void> {
    const old = { log: this.log, generation: this.generation };
    const generation = old.generation + 1;
    const moved: { collection: CollectionName; id: string; offset: number }[] = [];
    const tables = this.tables;
    function* live(): Generator<GenerationRecord> {
      for (const [collection, table] of tables) {
        for (const [id, at] of table.entries()) {
          yield { collection, id, version: at.version, json: old.log.read(at.offset, at.length) };
        }
      }
    }
    const next = await writeGeneration(logFileOf(this.file, generation), generation, live(), (record, at) =>
      moved.push({ collection: record.collection as CollectionName, id: record.id, offset: at.offset }),
    );
    try {
      this.db.data = { ...this.db.data, generation };
      await this.db.write();
    } catch (error) {
      this.db.data = { ...this.db.data, generation: old.generation };
      await next.close();
      await rm(next.path, { force: true });
      throw error;
    }
    for (const { collection, id, offset } of moved) this.table(collection).relocate(id, offset);
    this.log = next;
    this.hintCovers = 0;
    await old.log.close();
    await rm(logFileOf(this.file, old.generation), { force: true });
    await rm(hintFileOf(this.file, old.generation), { force: true });
    await this.refreshHint();
  }

  async ping(): Promise<void> {
    if (this.closed) throw new Error('The store is closed');
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.lane;
    try {
      if (this.log.size > this.hintCovers) await this.refreshHint();
    } finally {
      await this.log.close();
      this.unlock();
    }
  }
}

class LogTransaction implements Transaction {
  readonly writes = new Map<string, PendingWrite>();

  constructor(private readonly store: LogStore) {}

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

function validate(collection: CollectionName, record: unknown): AnyRecord {
  const parsed = SCHEMAS[collection].safeParse(record);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(record)'}: ${i.message}`).join('; ');
    throw new Error(`Invalid ${collection} record: ${problems}`);
  }
  return parsed.data as AnyRecord;
}

async function readStoreFile(file: string): Promise<StoreFileContent | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  return parseStoreFile(file, text);
}

/** Records of a new store: the seed (versions start at 1) or an imported single-file store (versions kept). */
function* initialRecords(
  content: StoreFileContent | null,
  seed: SeedData | undefined,
): Generator<AnyRecord & { c: CollectionName }> {
  for (const c of COLLECTION_NAMES) {
    if (content?.kind === 'single-file') {
      for (const record of content.data.collections[c] as AnyRecord[]) yield { ...record, c };
    } else {
      for (const record of (seed?.[c] ?? []) as NewRecord<typeof c>[])
        yield { ...validate(c, { ...record, version: 1 }), c };
    }
  }
}

/**
 * Opens (or creates) the store. A store from before the log layout (one JSON document) is imported into
 * generation 1 and its file becomes the manifest. A corrupt or invalid file throws StoreFileError and is
 * left as it is.
 */
export async function openLowdbStore(options: LowdbStoreOptions): Promise<Store> {
  const { file } = options;
  const content = await readStoreFile(file);
  const unlock = lockDataFile(file);
  const thresholds = {
    compactAfterBytes: options.compactAfterBytes ?? 64 * MB,
    hintAfterBytes: options.hintAfterBytes ?? 64 * MB,
  };
  const db = new Low<Manifest>(new DurableJsonFile(file, parseManifest), {
    format: STORE_FORMAT,
    schemaVersion: CURRENT_SCHEMA_VERSION,
    generation: 1,
  });
  let log: LogFile | undefined;
  try {
    let tables = newTables();
    let covers: number | undefined;
    if (content?.kind === 'manifest') {
      db.data = content.manifest;
      log = await LogFile.open(logFileOf(file, db.data.generation), db.data.generation);
      covers = await readHint(
        hintFileOf(file, db.data.generation),
        db.data.generation,
        log.size,
        INDEX_SIGNATURE,
        tables,
      );
      if (covers === undefined) tables = newTables();
      const store = new LogStore(file, db, log, tables, covers ?? 0, unlock, thresholds);
      await log.scan(covers ?? log.headerBytes, (line, start) => {
        for (const w of decodeLine(log!.path, line, start)) {
          store.apply(w.collection, w.id, w.record as AnyRecord | null, w.at);
        }
      });
      store.scheduleMaintenance();
      return store;
    }
    const records = new Map<string, AnyRecord>();
    log = await writeGeneration(
      logFileOf(file, 1),
      1,
      (function* () {
        for (const { c, ...record } of initialRecords(content, options.seed)) {
          records.set(`${c}/${record.id}`, record);
          yield { collection: c, id: record.id, version: record.version, json: JSON.stringify(record) };
        }
      })(),
      (record, at) => {
        tables.get(record.collection as CollectionName)!.put(records.get(`${record.collection}/${record.id}`)!, at);
        records.delete(`${record.collection}/${record.id}`);
      },
    );
    await db.write();
    await writeHint(hintFileOf(file, 1), 1, log.size, INDEX_SIGNATURE, tables);
    return new LogStore(file, db, log, tables, log.size, unlock, thresholds);
  } catch (error) {
    await log?.close().catch(() => undefined);
    unlock();
    throw error;
  }
}
