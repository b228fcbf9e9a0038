import { COLLECTION_NAMES } from '../store/collections.js';
import type { AnyRecord } from '../store/log-transaction.js';
import { validate } from '../store/log-transaction.js';
import { loadRecords, type PostgresStore } from '../store/postgres/postgres-store.js';
import type { CollectionName, Store } from '../store/store.js';

export class CopyRefusedError extends Error {
  override readonly name = 'CopyRefusedError';
}

export type CollectionCounts = Record<CollectionName, number>;

async function countsIn(target: PostgresStore): Promise<CollectionCounts> {
  const { rows } = await target.pool.query<{ collection: CollectionName; n: string }>(
    'SELECT collection, count(*) AS n FROM records GROUP BY collection',
  );
  const counts = Object.fromEntries(COLLECTION_NAMES.map((c) => [c, 0])) as CollectionCounts;
  for (const row of rows) counts[row.collection] = Number(row.n);
  return counts;
}

/**
 * Copies every record of `source` (versions kept, each checked against its schema) into an empty
 * PostgreSQL store in one transaction, then counts each collection on both sides. A target that already
 * holds a record is refused untouched: merging two stores is not a copy.
 */
export async function copyStore(source: Store, target: PostgresStore): Promise<CollectionCounts> {
  const before = await countsIn(target);
  const held = COLLECTION_NAMES.filter((c) => before[c] > 0);
  if (held.length > 0) {
    throw new CopyRefusedError(
      `The target database ${target.target} already holds data (${held.map((c) => `${c}: ${before[c]}`).join(', ')}); copy into an empty database.`,
    );
  }
  const expected = {} as CollectionCounts;
  const records: { collection: CollectionName; record: AnyRecord }[] = [];
  for (const collection of COLLECTION_NAMES) {
    const all = (await source.all(collection)) as AnyRecord[];
    expected[collection] = all.length;
    for (const record of all) records.push({ collection, record: validate(collection, record) });
  }
  await loadRecords(target.pool, records);
  const copied = await countsIn(target);
  const wrong = COLLECTION_NAMES.filter((c) => copied[c] !== expected[c]);
  if (wrong.length > 0) {
    throw new Error(
      `The copy does not match its source: ${wrong.map((c) => `${c} ${copied[c]} of ${expected[c]}`).join(', ')}`,
    );
  }
  return copied;
}

export function describeCopy(counts: CollectionCounts, target: string): string {
  const lines = COLLECTION_NAMES.map((c) => `  ${c.padEnd(14)} ${counts[c]}`);
  return [`Copied into PostgreSQL ${target}; records per collection (checked on both sides):`, ...lines].join('\n');
}
