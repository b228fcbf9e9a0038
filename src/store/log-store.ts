import { rm } from 'node:fs/promises';
import type { Low } from 'lowdb';
import { writeGeneration, type GenerationRecord } from './generation.js';
import { INDEX_SIGNATURE, writeHint } from './hint-file.js';
import type { LogFile, OpenFile } from './log-file.js';
import { LOG_VERSION } from './log-line.js';
import { LogTransaction, type AnyRecord, type CommittedState, type PendingWrite } from './log-transaction.js';
import type { QueuedCommit } from './log-transaction.js';
import { hintFileOf, logFileOf, type Manifest } from './manifest.js';
import { RecentRecords } from './recent-records.js';
import { ChangeFeed, type ChangeInterest, type ChangeListener } from './change-feed.js';
import { scanIndexed } from './scan.js';
import { encodeBatch } from './log-batch.js';
import { inTurns } from './give-way.js';
import {
  StorageUnavailableError,
  type CollectionName,
  type Collections,
  type IndexName,
  type Store,
  type Transaction,
} from './store.js';
import { describeError, type Logger } from '../logging/logger.js';
import type { Location, Table } from './table.js';

/**
 * The embedded store. lowdb keeps the manifest (the configured data file), which names the current
 * generation of an append-only log; each commit appends one line to the log and fsyncs it, and commits
 * that arrive while one is being written share the next fsync (group commit). Memory holds only where
 * each record lies and the indexes; bodies are read from the log (the OS page cache keeps hot ones).
 * When dead versions outweigh live ones the live records are copied into a new generation and the
 * manifest switched to it. One process only; a PostgreSQL `Store` is the way to several bot instances.
 */
export class LogStore implements Store, CommittedState {
  private lane: Promise<void> = Promise.resolve();
  private waiting: QueuedCommit[] = [];
  private flushScheduled = false;
  private maintenanceScheduled = false;
  private closed = false;
  private readonly recent = new RecentRecords(8 * 1024 * 1024);
  private readonly changes = new ChangeFeed((error) =>
    this.options.logger.error('a store change listener failed', { error: describeError(error) }),
  );

  constructor(
    private readonly file: string,
    private readonly db: Low<Manifest>,
    private log: LogFile,
    private readonly tables: Map<CollectionName, Table>,
    private hintCovers: number,
    private readonly unlock: () => void,
    private readonly options: {
      compactAfterBytes: number;
      hintAfterBytes: number;
      openFile?: OpenFile;
      logger: Logger;
    },
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
      text = this.log.readRecord(at.offset, at.length);
      this.recent.set(key, text);
    }
    return JSON.parse(text) as AnyRecord;
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

  async findPage<C extends CollectionName>(
    collection: C,
    index: IndexName<C>,
    range: { group: string; from: string; to: string; offset: number; limit: number },
  ): Promise<{ total: number; records: Collections[C][] }> {
    const { total, ids } = this.table(collection).page(index, range);
    return { total, records: ids.map((id) => this.read(collection, id)!) as Collections[C][] };
  }

  scan<C extends CollectionName>(collection: C, index: IndexName<C>, key: string): AsyncIterable<Collections[C][]> {
    return scanIndexed(this, collection, index, key) as AsyncIterable<Collections[C][]>;
  }

  subscribe(listener: ChangeListener, interest?: ChangeInterest): () => void {
    return this.changes.subscribe(listener, interest);
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

  /** Writes every commit that queued up while the previous batch was being synced, with one fsync. */
  private async flush(): Promise<void> {
    this.flushScheduled = false;
    const batch = this.waiting.splice(0);
    const { accepted, lines } = await encodeBatch(batch, this.log.size, (c, id) => this.table(c).location(id)?.version);
    if (accepted.length === 0) return;
    try {
      await this.log.append(lines.join(''));
    } catch (error) {
      // Nothing of the batch was applied and the log was cut back: the store is as before it.
      const failure = StorageUnavailableError.from(error);
      for (const { commit } of accepted) commit.reject(failure);
      return;
    }
    for (const { commit, at, jsons } of accepted) {
      commit.writes.forEach((w, i) => {
        this.apply(w.collection, w.id, w.kind === 'remove' ? null : w.record, at[i]!);
        // A record just written is usually read again soon (the next turn's state, the ledger entry).
        if (jsons[i]) this.recent.set(`${w.collection}/${w.id}`, jsons[i]);
        this.changes.emit({ collection: w.collection, id: w.id, record: w.kind === 'remove' ? null : w.record });
      });
    }
    // Every commit of the batch is durable and visible now; their turns go on a few per loop turn.
    inTurns(accepted, ({ commit }) => commit.resolve());
    this.scheduleMaintenance();
  }

  /** Makes a durable write visible: its location and index keys (the replaced version's keys are dropped). */
  apply(collection: string, id: string, record: AnyRecord | null, at: Omit<Location, 'version'> | null): void {
    const table = this.tables.get(collection as CollectionName);
    if (!table) return;
    const previous = this.read(collection as CollectionName, id);
    this.recent.forget(`${collection}/${id}`);
    if (record === null || at === null) {
      if (previous) table.delete(previous);
      return;
    }
    table.put(record, { offset: at.offset, length: at.length, version: record.version }, previous);
  }

  private liveBytes(): number {
    return [...this.tables.values()].reduce((total, table) => total + table.liveBytes, 0);
  }

  /** Compaction and hint refreshes run on the commit lane, so no commit interleaves with them. */
  scheduleMaintenance(): void {
    if (this.maintenanceScheduled || this.closed) return;
    const { compactAfterBytes, hintAfterBytes } = this.options;
    const compact = this.log.size >= compactAfterBytes && this.log.size > 2 * this.liveBytes();
    const hint = this.log.size - this.hintCovers >= hintAfterBytes;
    if (!compact && !hint) return;
    this.maintenanceScheduled = true;
    this.lane = this.lane.then(async () => {
      try {
        if (compact) await this.compact();
        else await this.refreshHint();
      } catch (error) {
        // Maintenance is an optimisation: the log stays the truth, and the next trigger tries again.
        this.options.logger.warn('store maintenance failed', { file: this.file, compact, error: describeError(error) });
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
    const tables = this.tables;
    const moves = new Map([...tables].map(([collection, table]) => [collection, table.relocation()]));
    function* live(): Generator<GenerationRecord> {
      for (const [collection, table] of tables) {
        for (const [id, at] of table.entries()) {
          yield { collection, id, version: at.version, json: old.log.readRecord(at.offset, at.length) };
        }
      }
    }
    const next = await writeGeneration(
      logFileOf(this.file, generation),
      generation,
      live(),
      (record, at) => moves.get(record.collection as CollectionName)!.move(record.id, at.offset),
      this.options.openFile,
    );
    try {
      for (const relocation of moves.values()) relocation.check();
      this.db.data = { ...this.db.data, generation };
      await this.db.write();
    } catch (error) {
      this.db.data = { ...this.db.data, generation: old.generation };
      await next.close();
      await rm(next.path, { force: true });
      throw error;
    }
    for (const relocation of moves.values()) relocation.apply();
    this.log = next;
    this.hintCovers = 0;
    await old.log.close();
    await rm(logFileOf(this.file, old.generation), { force: true });
    await rm(hintFileOf(this.file, old.generation), { force: true });
    await this.refreshHint();
  }

  /** A log in an older line format is rewritten once, with checksums, into the next generation. */
  async upgrade(): Promise<void> {
    if (this.log.version === LOG_VERSION) return;
    const done = this.lane.then(() => this.compact());
    // The caller awaits `done` and gets its error; the lane only orders what comes after it.
    const settled = () => undefined;
    this.lane = done.then(settled, settled);
    await done;
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
