import type { Pool, PoolClient } from 'pg';

export interface Migration {
  version: number;
  /** What it changes, for the operator reading schema_version. */
  description: string;
  sql: string;
}

/**
 * The schema, as numbered steps: a step once released is never edited, a change is a new step.
 * Records are one table (collection, id) holding the JSON body and its version, so an optimistic check is
 * one `UPDATE … WHERE version = $n`; every secondary index key is a row of record_keys, written in the
 * same transaction as its record and found through a btree, never a scan; keys compare byte by byte
 * (COLLATE "C"), so a range of keys such as due minutes is one index range.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'records and their index keys',
    sql: `
      CREATE TABLE records (
        collection text NOT NULL,
        id text NOT NULL,
        version integer NOT NULL CHECK (version > 0),
        body jsonb NOT NULL,
        PRIMARY KEY (collection, id)
      );
      CREATE TABLE record_keys (
        collection text NOT NULL,
        index_name text NOT NULL,
        key text COLLATE "C" NOT NULL,
        id text NOT NULL,
        PRIMARY KEY (collection, index_name, key, id),
        FOREIGN KEY (collection, id) REFERENCES records (collection, id) ON DELETE CASCADE
      );
      CREATE INDEX record_keys_of_record ON record_keys (collection, id);
    `,
  },
  {
    version: 2,
    description: 'the index set record_keys holds keys for',
    sql: `
      CREATE TABLE record_indexes (
        collection text NOT NULL,
        index_name text NOT NULL,
        keyed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (collection, index_name)
      );
    `,
  },
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.at(-1)!.version;

/** One key for every Partner Desk instance on this database: instances starting together migrate once. */
const MIGRATION_LOCK = 0x5044_0001;

export class SchemaTooNewError extends Error {
  override readonly name = 'SchemaTooNewError';
  constructor(
    readonly found: number,
    readonly supported: number,
    target: string,
  ) {
    super(
      `The PostgreSQL database ${target} has schema version ${found}, newer than this Partner Desk supports (${supported}). ` +
        'Run the release that migrated it (or a newer one); nothing was changed.',
    );
  }
}

async function currentVersion(client: PoolClient): Promise<number> {
  const { rows } = await client.query<{ version: number | null }>('SELECT max(version) AS version FROM schema_version');
  return rows[0]?.version ?? 0;
}

/**
 * Brings the database to the latest schema, each step in its own transaction with its schema_version row.
 * Runs under a session advisory lock so a second instance waits and then finds nothing to do. Returns the
 * versions applied.
 */
export async function migrate(
  pool: Pool,
  target: string,
  migrations = MIGRATIONS,
  /** Runs after the steps, still under the lock: the re-keying of indexes the database has not seen. */
  thenUnderLock?: (client: PoolClient) => Promise<unknown>,
): Promise<number[]> {
  const client = await pool.connect();
  const applied: number[] = [];
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await client.query(
        `CREATE TABLE IF NOT EXISTS schema_version (
           version integer PRIMARY KEY,
           description text NOT NULL,
           applied_at timestamptz NOT NULL DEFAULT now()
         )`,
      );
      const latest = migrations.at(-1)?.version ?? 0;
      const found = await currentVersion(client);
      if (found > latest) throw new SchemaTooNewError(found, latest, target);
      for (const step of migrations.filter((m) => m.version > found)) {
        await client.query('BEGIN');
        try {
          await client.query(step.sql);
          await client.query('INSERT INTO schema_version (version, description) VALUES ($1, $2)', [
            step.version,
            step.description,
          ]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK');
          throw error;
        }
        applied.push(step.version);
      }
      await thenUnderLock?.(client);
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    client.release();
  }
  return applied;
}
