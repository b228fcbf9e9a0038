// A store as code from before an index left it: the same records, none of that index's keys. Opening it
// again is the upgrade a new index must survive.
import { readFileSync, writeFileSync } from 'node:fs';
import pg from 'pg';

/** The embedded store's hint rewritten without `index` and with another index signature: the log is read anew. */
export function hintWithout(storeFile: string, index: string): void {
  const hint = `${storeFile}.1.hint`;
  const [header, ...rest] = readFileSync(hint, 'utf8').split('\n');
  const older = rest.filter((line) => !line.includes(`"${index}"`));
  writeFileSync(hint, [JSON.stringify({ ...JSON.parse(header!), indexes: 1 }), ...older].join('\n'));
}

/** The PostgreSQL database at `url` without any key of `collection`'s `index`. */
export async function databaseWithout(url: string, collection: string, index: string): Promise<void> {
  const db = new pg.Pool({ connectionString: url });
  try {
    for (const table of ['record_keys', 'record_indexes'])
      await db.query(`DELETE FROM ${table} WHERE collection = $1 AND index_name = $2`, [collection, index]);
  } finally {
    await db.end();
  }
}
