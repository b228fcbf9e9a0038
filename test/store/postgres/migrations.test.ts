import pg from 'pg';
import {
  LATEST_SCHEMA_VERSION,
  MIGRATIONS,
  migrate,
  SchemaTooNewError,
} from '../../../src/store/postgres/migrations.js';
import { openPostgresStore, type PostgresStore } from '../../../src/store/postgres/postgres-store.js';
import { freshDatabase } from '../../support/postgres.js';
import { TENANTS, smallWorld } from '../../support/world.js';

describe('PostgreSQL schema migrations', () => {
  const open: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    for (const o of open.splice(0)) await o.close();
  });
  const pool = (url: string) => {
    const p = new pg.Pool({ connectionString: url });
    open.push({ close: () => p.end() });
    return p;
  };
  const versions = async (url: string) =>
    (await pool(url).query<{ version: number }>('SELECT version FROM schema_version ORDER BY version')).rows.map(
      (r) => r.version,
    );

  it('three instances starting together on an empty database migrate it once and seed it once', async () => {
    const url = await freshDatabase();
    const stores = await Promise.all([1, 2, 3].map(() => openPostgresStore({ url, seed: smallWorld() })));
    open.push(...stores);
    expect(await versions(url)).toEqual(MIGRATIONS.map((m) => m.version));
    for (const store of stores) expect(await store.all('organizations')).toHaveLength(2);
  });

  it('applies only the steps a database lacks, keeping its records', async () => {
    const url = await freshDatabase();
    const store: PostgresStore = await openPostgresStore({ url, seed: smallWorld() });
    open.push(store);
    const next = { version: LATEST_SCHEMA_VERSION + 1, description: 'a later step', sql: 'CREATE TABLE later (x int)' };
    expect(await migrate(pool(url), 'test', [...MIGRATIONS, next])).toEqual([next.version]);
    expect(await migrate(pool(url), 'test', [...MIGRATIONS, next])).toEqual([]);
    expect(await versions(url)).toEqual([...MIGRATIONS.map((m) => m.version), next.version]);
    expect(await store.get('organizations', TENANTS.contoso)).toMatchObject({ version: 1 });
  });

  it('a failing step changes nothing and stops the start', async () => {
    const url = await freshDatabase();
    const broken = { version: LATEST_SCHEMA_VERSION + 1, description: 'broken', sql: 'CREATE TABLE x (; nonsense' };
    await expect(migrate(pool(url), 'test', [...MIGRATIONS, broken])).rejects.toThrow(/syntax/);
    expect(await versions(url)).toEqual(MIGRATIONS.map((m) => m.version));
  });

  it('refuses to start on a schema newer than the code, naming the database, and changes nothing', async () => {
    const url = await freshDatabase();
    open.push(await openPostgresStore({ url, seed: smallWorld() }));
    await pool(url).query("INSERT INTO schema_version (version, description) VALUES (99, 'from the future')");
    const attempt = openPostgresStore({ url, seed: smallWorld() });
    await expect(attempt).rejects.toBeInstanceOf(SchemaTooNewError);
    await expect(openPostgresStore({ url })).rejects.toThrow(
      new RegExp(`schema version 99.*supports \\(${LATEST_SCHEMA_VERSION}\\)`),
    );
    await expect(openPostgresStore({ url })).rejects.toThrow(new URL(url).pathname.slice(1));
    expect(await versions(url)).toEqual([...MIGRATIONS.map((m) => m.version), 99]);
  });
});
