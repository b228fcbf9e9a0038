import type pg from 'pg';
import { describeError, type Logger } from '../../logging/logger.js';
import type { PendingWrite } from '../log-transaction.js';
import { ConflictError } from '../store.js';
import { isUnavailable, unavailable } from './connection.js';
import { applyWrite, mapFailure } from './record-writes.js';
import { announcements, CHANGES_CHANNEL } from './remote-changes.js';

interface Committer {
  pool: pg.Pool;
  /** Tags the announcement of the commit, so this instance does not hear it back. */
  instance: string;
  target: string;
  logger: Logger;
}

/**
 * Applies the writes in one PostgreSQL transaction, in (collection, id) order so two commits touching
 * the same records lock them in the same order and cannot deadlock, and announces them to the other
 * instances in the same transaction (PostgreSQL delivers a NOTIFY only if, and when, it commits).
 */
export async function commitWrites(store: Committer, writes: PendingWrite[]): Promise<void> {
  const ordered = [...writes].sort((a, b) =>
    a.collection === b.collection ? (a.id < b.id ? -1 : 1) : a.collection < b.collection ? -1 : 1,
  );
  let client: pg.PoolClient;
  try {
    client = await store.pool.connect();
  } catch (error) {
    throw unavailable(error);
  }
  let broken: unknown;
  let txid: string | undefined;
  try {
    await client.query('BEGIN');
    txid = (await client.query<{ txid: string }>('SELECT txid_current()::text AS txid')).rows[0]!.txid;
    for (const w of ordered) await applyWrite(client, w);
    for (const payload of announcements(store.instance, ordered)) {
      await client.query('SELECT pg_notify($1, $2)', [CHANGES_CHANNEL, payload]);
    }
    await client.query('COMMIT');
  } catch (error) {
    if (isUnavailable(error)) broken = error;
    else await client.query('ROLLBACK').catch((rollback: unknown) => (broken = rollback));
    if (broken && txid && (await committedDespite(store, txid))) return;
    throw error instanceof ConflictError ? error : mapFailure(error, writes);
  } finally {
    client.release(broken instanceof Error ? broken : undefined);
  }
}

/**
 * A connection lost while COMMIT was under way leaves its outcome unknown to this side; the server
 * knows. Asked on another connection, so a commit that did happen is acknowledged, not retried twice.
 */
async function committedDespite(store: Committer, txid: string): Promise<boolean> {
  try {
    const { rows } = await store.pool.query<{ status: string | null }>('SELECT txid_status($1) AS status', [txid]);
    return rows[0]?.status === 'committed';
  } catch (error) {
    store.logger.warn('outcome of a commit unknown: the database cannot be asked', {
      target: store.target,
      error: describeError(error),
    });
    return false;
  }
}
