import pg from 'pg';
import type { AnyRecord } from '../log-transaction.js';
import {
  ConflictError,
  INDEXES,
  StorageUnavailableError,
  type CollectionName,
  type Collections,
  type IndexName,
  type SeedData,
  type Store,
  type Transaction,
} from '../store.js';
import { describeError, silentLogger, type Logger } from '../../logging/logger.js';
import { DatabaseUnavailableError, describeTarget, reasonOf, unavailable } from './connection.js';
import { MIGRATIONS, migrate } from './migrations.js';
import { reconcileIndexes } from './index-catalogue.js';
import { ChangeFeed, type ChangeInterest, type ChangeListener } from '../change-feed.js';
import { inBatches } from '../give-way.js';
import { PostgresTransaction } from './postgres-transaction.js';
import { loadRecords, seedRecords } from './record-writes.js';
import { commitWrites } from './commit.js';
import { RemoteChanges } from './remote-changes.js';
import { randomUUID } from 'node:crypto';
import { settleCustomerMca } from '../customer-mca-settle.js';

export { loadRecords } from './record-writes.js';

export interface PostgresStoreOptions {
  /** postgres://user:password@host:port/database */
  url: string;
  /** Loaded when the database holds no record yet (the demo world). */
  seed?: SeedData;
  logger?: Logger;
  /** Connections this instance keeps at most, for commits and reads (and as many again for conversation locks). */
  poolSize?: number;
  /**
   * How long a turn may queue for a free connection; after it the store throws StoreBusyError (answered
   * 503 with Retry-After) instead of making the turn wait longer than Teams does.
   */
  poolWaitMs?: number;
}

export const DEFAULT_POOL_SIZE = 10;
export const DEFAULT_POOL_WAIT_MS = 5_000;

type Row = { body: AnyRecord; version: number };

function recordOf(row: Row): AnyRecord {
  return { ...row.body, version: row.version };
}

/**
 * The store for several bot instances: every commit is one PostgreSQL transaction that checks each
 * written record's version in SQL (`UPDATE … WHERE version = $n`; no row means another instance won),
 * so a lost race is a ConflictError exactly as in the embedded store. Bodies are JSONB; index keys are
 * rows of record_keys kept in the same transaction. Every read is a fresh row, so records are copies.
 */
export class PostgresStore implements Store {
  private closed = false;
  /** Tags this instance's announcements of its commits, so it does not hear them back. */
  readonly instance = randomUUID();
  /** This instance's commits, told at once, and the others' (RemoteChanges), read back when announced. */
  readonly changes = new ChangeFeed((error) =>
    this.logger.error('a change listener failed', { error: describeError(error) }),
  );
  private remote?: RemoteChanges;

  constructor(
    readonly pool: pg.Pool,
    readonly target: string,
    readonly logger: Logger,
    /** Connections that only hold locks, so turns waiting on a lock never take the ones commits need. */
    private readonly lockPool?: pg.Pool,
  ) {}

  /**
   * A transaction-scoped advisory lock on a hash of `key`, held on its own connection while `work` runs:
   * the server releases it at COMMIT, or when the connection of an instance that died drops.
   */
  async withLock<T>(key: string, work: () => Promise<T>): Promise<T> {
    const pool = this.lockPool ?? this.pool;
    let client: pg.PoolClient;
    try {
      client = await pool.connect();
    } catch (error) {
      throw unavailable(error);
    }
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [key]);
    } catch (error) {
      client.release(error instanceof Error ? error : true);
      throw unavailable(error);
    }
    try {
      return await work();
    } finally {
      await client.query('COMMIT').catch((error: unknown) => {
        // The work is done; only the lock's connection failed, and the server dropped the lock with it.
        broken = error instanceof Error ? error : new Error(String(error));
        this.logger.warn('conversation lock released by a lost connection', {
          target: this.target,
          error: describeError(error),
        });
      });
      client.release(broken);
    }
  }

  private async query<R extends pg.QueryResultRow>(text: string, values: unknown[]): Promise<R[]> {
    if (this.closed) throw new Error('The store is closed');
    try {
      return (await this.pool.query<R>(text, values)).rows;
    } catch (error) {
      throw unavailable(error);
    }
  }

  async get<C extends CollectionName>(collection: C, id: string): Promise<Collections[C] | undefined> {
    const rows = await this.query<Row>('SELECT body, version FROM records WHERE collection = $1 AND id = $2', [
      collection,
      id,
    ]);
    return rows[0] ? (recordOf(rows[0]) as Collections[C]) : undefined;
  }

  async findBy<C extends CollectionName>(collection: C, index: IndexName<C>, key: string): Promise<Collections[C][]> {
    if (!(index in INDEXES[collection])) throw new Error(`Unknown index ${collection}.${index}`);
    const rows = await this.query<Row>(
      `SELECT r.body, r.version FROM record_keys k
         JOIN records r ON r.collection = k.collection AND r.id = k.id
        WHERE k.collection = $1 AND k.index_name = $2 AND k.key = $3
        ORDER BY r.id`,
      [collection, index, key],
    );
    return rows.map(recordOf) as Collections[C][];
  }

  async findRange<C extends CollectionName>(
    collection: C,
    index: IndexName<C>,
    from: string,
    to: string,
  ): Promise<Collections[C][]> {
    if (!(index in INDEXES[collection])) throw new Error(`Unknown index ${collection}.${index}`);
    const rows = await this.query<Row>(
      `SELECT DISTINCT r.id, r.body, r.version FROM record_keys k
         JOIN records r ON r.collection = k.collection AND r.id = k.id
        WHERE k.collection = $1 AND k.index_name = $2 AND k.key BETWEEN $3 AND $4
        ORDER BY r.id`,
      [collection, index, from, to],
    );
    return rows.map(recordOf) as Collections[C][];
  }

  /** See Store.findPage: the keys are `<group>/<sortable part>`, so key order is that order within a group. */
  async findPage<C extends CollectionName>(
    collection: C,
    index: IndexName<C>,
    range: { group: string; from: string; to: string; offset: number; limit: number },
  ): Promise<{ total: number; records: Collections[C][] }> {
    if (!(index in INDEXES[collection])) throw new Error(`Unknown index ${collection}.${index}`);
    const bounds = [collection, index, `${range.group}/${range.from}`, `${range.group}/${range.to}`];
    const where = 'k.collection = $1 AND k.index_name = $2 AND k.key BETWEEN $3 AND $4';
    const [count] = await this.query<{ total: string }>(
      `SELECT count(DISTINCT k.id) AS total FROM record_keys k WHERE ${where}`,
      bounds,
    );
    const rows = await this.query<Row>(
      `SELECT r.id, r.body, r.version FROM record_keys k
         JOIN records r ON r.collection = k.collection AND r.id = k.id
        WHERE ${where} ORDER BY k.key, r.id OFFSET $5 LIMIT $6`,
      [...bounds, range.offset, range.limit],
    );
    return { total: Number(count!.total), records: rows.map(recordOf) as Collections[C][] };
  }

  async all<C extends CollectionName>(collection: C): Promise<Collections[C][]> {
    const rows = await this.query<Row>('SELECT body, version FROM records WHERE collection = $1 ORDER BY id', [
      collection,
    ]);
    return rows.map(recordOf) as Collections[C][];
  }

  async transaction<T>(work: (tx: Transaction) => Promise<T> | T): Promise<T> {
    if (this.closed) throw new Error('The store is closed');
    const tx = new PostgresTransaction(this);
    const result = await work(tx);
    if (tx.writes.size > 0) {
      const writes = [...tx.writes.values()];
      await commitWrites(this, writes);
      for (const w of writes) {
        this.changes.emit({ collection: w.collection, id: w.id, record: w.kind === 'remove' ? null : w.record });
      }
    }
    return result;
  }

  /** The records under `key`, a batch at a time with the event loop given back between batches. */
  async *scan<C extends CollectionName>(
    collection: C,
    index: IndexName<C>,
    key: string,
  ): AsyncIterable<Collections[C][]> {
    yield* inBatches(await this.findBy(collection, index, key));
  }

  subscribe(listener: ChangeListener, interest?: ChangeInterest): () => void {
    return this.changes.subscribe(listener, interest);
  }

  /** Starts hearing of other instances' commits (openPostgresStore does, before the store is used). */
  async listenToOthers(url: string): Promise<void> {
    this.remote = new RemoteChanges(url, this.target, this.instance, this.changes, this.pool, this.logger);
    await this.remote.start();
  }

  async ping(): Promise<void> {
    await this.query('SELECT 1', []);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.remote?.close();
    await this.pool.end();
    await this.lockPool?.end();
  }
}

/**
 * Connects, migrates the schema (once, whichever instance starts first), on an empty database loads the
 * seed, and brings records written by older code up to date (settleCustomerMca). An unreachable or
 * unusable database throws DatabaseUnavailableError naming host and database only.
 */
export async function openPostgresStore(options: PostgresStoreOptions): Promise<PostgresStore> {
  const target = describeTarget(options.url);
  const logger = options.logger ?? silentLogger;
  const poolOptions = {
    connectionString: options.url,
    max: options.poolSize ?? DEFAULT_POOL_SIZE,
    // pg-pool bounds both the wait in its queue and the opening of a new connection by this.
    connectionTimeoutMillis: options.poolWaitMs ?? DEFAULT_POOL_WAIT_MS,
  };
  const pool = new pg.Pool({
    ...poolOptions,
    application_name: 'partner-desk',
  });
  // An idle connection the server drops must not crash the process; the next query opens a new one.
  pool.on('error', (error) => logger.warn('idle database connection lost', { target, error: describeError(error) }));
  try {
    try {
      await pool.query('SELECT 1');
    } catch (error) {
      throw new DatabaseUnavailableError(target, reasonOf(error, options.url));
    }
    await migrate(pool, target, MIGRATIONS, (client) => reconcileIndexes(client, logger, target));
    if (options.seed) {
      const { rows } = await pool.query('SELECT 1 FROM records LIMIT 1');
      if (rows.length === 0) {
        await loadRecords(pool, seedRecords(options.seed)).catch((error: unknown) => {
          // Two instances seeding one empty database at once: the second finds the first's records.
          if ((error as { code?: unknown }).code !== '23505' && !(error instanceof ConflictError)) throw error;
        });
      }
    }
  } catch (error) {
    await pool
      .end()
      .catch((end: unknown) =>
        logger.warn('pool not closed after a failed open', { target, error: describeError(end) }),
      );
    if (error instanceof StorageUnavailableError) throw new DatabaseUnavailableError(target, error.message);
    throw error;
  }
  const lockPool = new pg.Pool({
    ...poolOptions,
    application_name: 'partner-desk-locks',
  });
  lockPool.on('error', (error) => logger.warn('idle lock connection lost', { target, error: describeError(error) }));
  const store = new PostgresStore(pool, target, logger, lockPool);
  try {
    await store.listenToOthers(options.url);
  } catch (error) {
    await store.close();
    throw new DatabaseUnavailableError(target, reasonOf(error, options.url));
  }
  try {
    await settleCustomerMca(store, logger);
  } catch (error) {
    await store.close();
    throw error instanceof StorageUnavailableError ? new DatabaseUnavailableError(target, error.message) : error;
  }
  return store;
}
