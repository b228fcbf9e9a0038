import type pg from 'pg';
import { COLLECTION_NAMES } from '../collections.js';
import { validate, type AnyRecord, type PendingWrite } from '../log-transaction.js';
import { ConflictError, INDEXES, type CollectionName, type NewRecord, type SeedData } from '../store.js';
import { unavailable } from './connection.js';
import { keysOf } from './postgres-transaction.js';

/** One write of a commit, its version checked by the database: no row changed means another commit won. */
export async function applyWrite(client: pg.PoolClient, w: PendingWrite): Promise<void> {
  const { version: _version, ...body } = w.record;
  let changed: number | null;
  if (w.kind === 'insert') {
    changed = (
      await client.query(
        'INSERT INTO records (collection, id, version, body) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING',
        [w.collection, w.id, w.record.version, body],
      )
    ).rowCount;
  } else if (w.kind === 'update') {
    changed = (
      await client.query(
        'UPDATE records SET version = $4, body = $5 WHERE collection = $1 AND id = $2 AND version = $3',
        [w.collection, w.id, w.expectedVersion, w.record.version, body],
      )
    ).rowCount;
  } else {
    changed = (
      await client.query('DELETE FROM records WHERE collection = $1 AND id = $2 AND version = $3', [
        w.collection,
        w.id,
        w.expectedVersion,
      ])
    ).rowCount;
  }
  if (changed !== 1) {
    if (w.kind === 'insert') throw new ConflictError(w.collection, w.id, 'exists');
    const exists = await client.query('SELECT 1 FROM records WHERE collection = $1 AND id = $2', [w.collection, w.id]);
    throw new ConflictError(w.collection, w.id, exists.rowCount ? 'version' : 'missing');
  }
  if (w.kind === 'remove') return; // its keys go with it (ON DELETE CASCADE)
  if (w.kind === 'update') {
    await client.query('DELETE FROM record_keys WHERE collection = $1 AND id = $2', [w.collection, w.id]);
  }
  const rows: [string, string][] = [];
  for (const index of Object.keys(INDEXES[w.collection])) {
    for (const key of new Set(keysOf(w.collection, index, w.record))) rows.push([index, key]);
  }
  if (rows.length === 0) return;
  await client.query(
    `INSERT INTO record_keys (collection, index_name, key, id)
       SELECT $1, k.index_name, k.key, $2 FROM unnest($3::text[], $4::text[]) AS k(index_name, key)`,
    [w.collection, w.id, rows.map((r) => r[0]), rows.map((r) => r[1])],
  );
}

/** A commit that lost a race the database detected itself (a deadlock, a serialisation failure) is a conflict. */
export function mapFailure(error: unknown, writes: PendingWrite[]): unknown {
  const code = (error as { code?: unknown }).code;
  if ((code === '40001' || code === '40P01' || code === '23505') && writes[0]) {
    return new ConflictError(writes[0].collection, writes[0].id, 'version');
  }
  return unavailable(error);
}

/** Loads records (versions as given) into an empty store in one transaction; for the seed and copy-store. */
export async function loadRecords(
  pool: pg.Pool,
  records: Iterable<{ collection: CollectionName; record: AnyRecord }>,
): Promise<void> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    for (const { collection, record } of records) {
      await applyWrite(client, { collection, id: record.id, kind: 'insert', expectedVersion: 0, record });
    }
    await client.query('COMMIT');
  } catch (error) {
    // A ROLLBACK that fails means the connection is broken: it is destroyed, and the load's own error is told.
    broken = await client.query('ROLLBACK').then(
      () => undefined,
      (rollbackError: unknown) => (rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError))),
    );
    throw error;
  } finally {
    client.release(broken);
  }
}

export function* seedRecords(seed: SeedData): Generator<{ collection: CollectionName; record: AnyRecord }> {
  for (const collection of COLLECTION_NAMES) {
    for (const record of (seed[collection] ?? []) as NewRecord<typeof collection>[]) {
      yield { collection, record: validate(collection, { ...record, version: 1 }) };
    }
  }
}
