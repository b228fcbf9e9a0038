import pg from 'pg';
import { MemoryLogger } from '../../../src/logging/logger.js';
import { REKEY_BATCH, definedIndexes } from '../../../src/store/postgres/index-catalogue.js';
import { MIGRATIONS, migrate } from '../../../src/store/postgres/migrations.js';
import { loadRecords, openPostgresStore, type PostgresStore } from '../../../src/store/postgres/postgres-store.js';
import type { SeedData } from '../../../src/store/store.js';
import { seedRecords } from '../../../src/store/postgres/record-writes.js';
import { freshDatabase } from '../../support/postgres.js';
import { TENANTS, smallWorld, user } from '../../support/world.js';

const REKEYED = 're-keyed an index the database had not seen';

describe('PostgreSQL index catalogue: keys for indexes an older database has not seen', () => {
  const open: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    for (const o of open.splice(0)) await o.close();
  });
  const pool = (url: string) => {
    const p = new pg.Pool({ connectionString: url });
    open.push({ close: () => p.end() });
    return p;
  };
  const reopen = async (url: string, seed?: SeedData) => {
    const logger = new MemoryLogger();
    const store: PostgresStore = await openPostgresStore({ url, seed, logger });
    open.push(store);
    const rekeyed = logger.lines
      .filter((l) => l.message === REKEYED)
      .map((l) => ({ index: `${String(l.fields.collection)}.${String(l.fields.index)}`, records: l.fields.records }));
    return { store, logger, rekeyed };
  };
  /** What an older Partner Desk left: records, but no keys and no catalogue row for one index. */
  const forget = async (db: pg.Pool, collection: string, index: string) => {
    await db.query('DELETE FROM record_keys WHERE collection = $1 AND index_name = $2', [collection, index]);
    await db.query('DELETE FROM record_indexes WHERE collection = $1 AND index_name = $2', [collection, index]);
  };
  const catalogue = async (db: pg.Pool) =>
    (
      await db.query<{ name: string }>(
        "SELECT collection || '.' || index_name AS name FROM record_indexes ORDER BY collection, index_name",
      )
    ).rows.map((r) => r.name);
  const definedNames = () =>
    definedIndexes()
      .map((p) => `${p.collection}.${p.index}`)
      .sort();

  it('a new database records the whole index set and logs no re-keying', async () => {
    const url = await freshDatabase();
    const { rekeyed } = await reopen(url, smallWorld());
    expect(rekeyed).toEqual([]);
    expect((await catalogue(pool(url))).sort()).toEqual(definedNames());
  });

  const keyCount = async (db: pg.Pool, collection: string, index: string) =>
    (await db.query('SELECT 1 FROM record_keys WHERE collection = $1 AND index_name = $2', [collection, index]))
      .rowCount;

  it('an index whose keys are missing finds the old records after a restart; a second restart re-keys nothing', async () => {
    const url = await freshDatabase();
    await (await reopen(url, smallWorld())).store.close();
    const db = pool(url);
    await forget(db, 'organizations', 'kind');
    expect(await keyCount(db, 'organizations', 'kind')).toBe(0);

    const second = await reopen(url);
    expect(second.rekeyed).toEqual([{ index: 'organizations.kind', records: 2 }]);
    expect((await second.store.findBy('organizations', 'kind', 'direct-reseller')).map((o) => o.id)).toEqual([
      TENANTS.adatum,
    ]);
    expect(await keyCount(db, 'organizations', 'kind')).toBe(2);
    expect((await catalogue(db)).sort()).toEqual(definedNames());
    await second.store.close();

    const third = await reopen(url);
    expect(third.rekeyed).toEqual([]);
    expect(third.logger.errors()).toEqual([]);
    expect(await keyCount(db, 'organizations', 'kind')).toBe(2);
  });

  it('re-keys records written by a running store and leaves the keys of other indexes alone', async () => {
    const url = await freshDatabase();
    const seed = smallWorld();
    await (await reopen(url, seed)).store.close();
    const db = pool(url);
    const otherKeys = await keyCount(db, 'organizations', 'domain');
    const users = await reopen(url);
    // Records written by a running store, then stripped of one index as an older release would have left them.
    await users.store.transaction((tx) => {
      for (let n = 0; n < 3; n++) {
        tx.insert('users', user({ tenantId: TENANTS.contoso, aadObjectId: `dddddddd-0000-4000-8000-00000000000${n}` }));
      }
    });
    await users.store.close();
    await forget(db, 'users', 'tenant');
    const { store, rekeyed } = await reopen(url);
    expect(rekeyed).toEqual([{ index: 'users.tenant', records: 5 }]);
    expect(await store.findBy('users', 'tenant', TENANTS.contoso)).toHaveLength(4);
    expect(await keyCount(db, 'organizations', 'domain')).toBe(otherKeys);
  });

  it(`re-keys a collection larger than one batch (${REKEY_BATCH} records) completely`, async () => {
    const url = await freshDatabase();
    await (await reopen(url)).store.close();
    const many = Array.from({ length: REKEY_BATCH * 2 + 1 }, (_, n) =>
      user({ tenantId: TENANTS.adatum, aadObjectId: `u-${String(n).padStart(5, '0')}`, email: `u${n}@adatum.com` }),
    );
    await loadRecords(pool(url), seedRecords({ users: many }));
    await forget(pool(url), 'users', 'email');
    const { store, rekeyed } = await reopen(url);
    expect(rekeyed).toEqual([{ index: 'users.email', records: many.length }]);
    expect(await keyCount(pool(url), 'users', 'email')).toBe(many.length);
    expect((await store.findBy('users', 'email', `u${REKEY_BATCH}@adatum.com`)).map((u) => u.id)).toEqual([
      `u-${String(REKEY_BATCH).padStart(5, '0')}`,
    ]);
  });

  it('a database from before the catalogue (schema 1, keys missing) is keyed for every index on its first start', async () => {
    const url = await freshDatabase();
    const db = pool(url);
    await migrate(db, 'test', MIGRATIONS.slice(0, 1));
    await loadRecords(db, seedRecords(smallWorld()));
    await db.query("DELETE FROM record_keys WHERE collection = 'organizations'");
    const { store, rekeyed } = await reopen(url);
    expect(rekeyed).toEqual(
      [
        'organizations.domain',
        'organizations.name',
        'organizations.kind',
        'organizations.listedPartner',
        'users.tenant',
        'users.identity',
        'users.email',
        'users.partnerAdmins',
      ].map((index) => ({ index, records: 2 })),
    );
    expect((await store.findBy('organizations', 'domain', 'contoso.com')).map((o) => o.id)).toEqual([TENANTS.contoso]);
    expect((await catalogue(db)).sort()).toEqual(definedNames());
  });

  it('a re-keying that stopped half-way (some keys written, no catalogue row) is re-done exactly on the next start', async () => {
    const url = await freshDatabase();
    await (await reopen(url, smallWorld())).store.close();
    const db = pool(url);
    await forget(db, 'users', 'email');
    // What the first batch of a crashed start leaves: one record keyed, the index not yet in the catalogue.
    await db.query(
      "INSERT INTO record_keys (collection, index_name, key, id) VALUES ('users', 'email', 'alex@adatum.com', $1)",
      ['aaaaaaaa-0000-4000-8000-000000000001'],
    );
    const { store, rekeyed } = await reopen(url);
    expect(rekeyed).toEqual([{ index: 'users.email', records: 2 }]);
    expect(await keyCount(db, 'users', 'email')).toBe(2);
    expect(await store.findBy('users', 'email', 'carmen@contoso.com')).toHaveLength(1);
  });

  it('an index the code no longer has loses its keys and its catalogue row', async () => {
    const url = await freshDatabase();
    await (await reopen(url, smallWorld())).store.close();
    const db = pool(url);
    await db.query(
      `INSERT INTO record_keys (collection, index_name, key, id) VALUES ('organizations', 'retired', 'x', $1)`,
      [TENANTS.contoso],
    );
    await db.query("INSERT INTO record_indexes (collection, index_name) VALUES ('organizations', 'retired')");
    const { logger } = await reopen(url);
    expect(await keyCount(db, 'organizations', 'retired')).toBe(0);
    expect(await catalogue(db)).not.toContain('organizations.retired');
    expect(logger.lines.filter((l) => l.fields.index === 'retired').map((l) => l.fields.keys)).toEqual([1]);
  });

  it('instances starting together on an old database re-key it once', async () => {
    const url = await freshDatabase();
    await (await reopen(url, smallWorld())).store.close();
    await forget(pool(url), 'organizations', 'name');
    const opened = await Promise.all([1, 2, 3].map(() => reopen(url)));
    expect(opened.flatMap((o) => o.rekeyed)).toEqual([{ index: 'organizations.name', records: 2 }]);
    for (const { store } of opened) expect(await store.findBy('organizations', 'name', 'contoso ltd')).toHaveLength(1);
  });
});
