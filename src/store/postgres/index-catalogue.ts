import type pg from 'pg';
import type { Logger } from '../../logging/logger.js';
import type { AnyRecord } from '../log-transaction.js';
import { INDEXES, type CollectionName } from '../store.js';
import { keysOf } from './postgres-transaction.js';

/** Records re-keyed per transaction: small enough that one batch never holds locks for long. */
export const REKEY_BATCH = 500;

export interface IndexChange {
  collection: string;
  index: string;
  change: 'keyed' | 'dropped';
  records: number;
}

type Pair = { collection: string; index: string };
const pairName = (p: Pair) => `${p.collection}.${p.index}`;

/** The index set this code keeps keys for: collection → index names of INDEXES. */
export function definedIndexes(): Pair[] {
  return Object.entries(INDEXES).flatMap(([collection, indexes]) =>
    Object.keys(indexes).map((index) => ({ collection, index })),
  );
}

async function recordedIndexes(client: pg.PoolClient): Promise<Pair[]> {
  const { rows } = await client.query<{ collection: string; index_name: string }>(
    'SELECT collection, index_name FROM record_indexes',
  );
  return rows.map((r) => ({ collection: r.collection, index: r.index_name }));
}

async function inTransaction<T>(client: pg.PoolClient, work: () => Promise<T>): Promise<T> {
  await client.query('BEGIN');
  try {
    const result = await work();
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}

/**
 * Writes the keys of one index for every record of its collection, a batch per transaction. Each batch
 * first deletes the index's keys of its records, so a start that crashed half-way re-does it exactly.
 */
async function keyIndex(client: pg.PoolClient, { collection, index }: Pair): Promise<number> {
  let after = '';
  let count = 0;
  for (;;) {
    const { rows } = await client.query<{ id: string; body: Omit<AnyRecord, 'version'>; version: number }>(
      // Walks the primary key in its own order, so each batch is one index range, not a sort.
      'SELECT id, body, version FROM records WHERE collection = $1 AND id > $2 ORDER BY id LIMIT $3',
      [collection, after, REKEY_BATCH],
    );
    if (rows.length === 0) return count;
    const ids: string[] = [];
    const keys: string[] = [];
    for (const row of rows) {
      const record = { ...row.body, version: row.version } as AnyRecord;
      for (const key of new Set(keysOf(collection as CollectionName, index, record))) {
        ids.push(row.id);
        keys.push(key);
      }
    }
    await inTransaction(client, async () => {
      await client.query('DELETE FROM record_keys WHERE collection = $1 AND index_name = $2 AND id = ANY($3)', [
        collection,
        index,
        rows.map((r) => r.id),
      ]);
      if (keys.length === 0) return;
      // A record removed since the SELECT has no row to join, so its keys are simply not written.
      await client.query(
        `INSERT INTO record_keys (collection, index_name, key, id)
           SELECT $1, $2, k.key, k.id FROM unnest($3::text[], $4::text[]) AS k(id, key)
             JOIN records r ON r.collection = $1 AND r.id = k.id
           ON CONFLICT DO NOTHING`,
        [collection, index, ids, keys],
      );
    });
    count += rows.length;
    after = rows.at(-1)!.id;
  }
}

/**
 * Brings record_keys to the index set the code defines: an index the database has not seen is keyed for
 * every record already there (a database written by an older Partner Desk lacks its keys, and findBy
 * would silently miss those records); an index the code no longer has loses its keys. An index enters
 * the catalogue only after all its keys are written, so a crash mid-way re-does it on the next start.
 * Runs under the migration lock, so instances starting together re-key once.
 */
export async function reconcileIndexes(client: pg.PoolClient, logger: Logger, target: string): Promise<IndexChange[]> {
  const defined = definedIndexes();
  const recorded = await recordedIndexes(client);
  const known = new Set(recorded.map(pairName));
  const wanted = new Set(defined.map(pairName));
  const changes: IndexChange[] = [];
  for (const gone of recorded.filter((p) => !wanted.has(pairName(p)))) {
    const records = await inTransaction(client, async () => {
      const deleted = await client.query('DELETE FROM record_keys WHERE collection = $1 AND index_name = $2', [
        gone.collection,
        gone.index,
      ]);
      await client.query('DELETE FROM record_indexes WHERE collection = $1 AND index_name = $2', [
        gone.collection,
        gone.index,
      ]);
      return deleted.rowCount ?? 0;
    });
    logger.info('dropped the keys of an index the code no longer has', { target, ...gone, keys: records });
    changes.push({ ...gone, change: 'dropped', records });
  }
  for (const missing of defined.filter((p) => !known.has(pairName(p)))) {
    const records = await keyIndex(client, missing);
    await client.query('INSERT INTO record_indexes (collection, index_name) VALUES ($1, $2) ON CONFLICT DO NOTHING', [
      missing.collection,
      missing.index,
    ]);
    // A new database keys its (empty) indexes on its first start: nothing an operator needs to read.
    if (records > 0) logger.info('re-keyed an index the database had not seen', { target, ...missing, records });
    changes.push({ ...missing, change: 'keyed', records });
  }
  return changes;
}
