import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deleteStore, openLowdbStore } from '../../src/store/lowdb-store.js';
import { StoreFileError, type Store } from '../../src/store/store.js';
import { CURRENT_SCHEMA_VERSION } from '../../src/store/data-file.js';
import { COLLECTION_NAMES } from '../../src/store/collections.js';
import { NOW, TENANTS, org, smallWorld } from '../support/world.js';
import { storeContract } from './store-contract.js';

storeContract(
  'lowdb store',
  (() => {
    const dirs: string[] = [];
    let file = '';
    const place = () => {
      const dir = mkdtempSync(join(tmpdir(), 'partner-desk-store-'));
      dirs.push(dir);
      return join(dir, 'store.json');
    };
    return {
      create: async (seed) => openLowdbStore({ file: (file = place()), seed, now: () => NOW }),
      reopen: async () => openLowdbStore({ file, seed: smallWorld(), now: () => NOW }),
      crashTarget: async () => place(),
      openTarget: async (target) => openLowdbStore({ file: target }),
      cleanup: async () => {
        for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
      },
    };
  })(),
);

describe('lowdb store: embedded only', () => {
  let dir: string;
  let file: string;
  const open: Store[] = [];
  const openStore = async (seed = smallWorld()) => {
    const store = await openLowdbStore({ file, seed, now: () => NOW });
    open.push(store);
    return store;
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'partner-desk-store-'));
    file = join(dir, 'nested', 'store.json');
  });
  afterEach(async () => {
    for (const store of open.splice(0)) await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates the file with the seed and a schema version', async () => {
    const store = await openStore();
    expect(await store.get('organizations', TENANTS.contoso)).toMatchObject({ name: 'Contoso Ltd', version: 1 });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
      format: 'partner-desk-store',
      schemaVersion: CURRENT_SCHEMA_VERSION,
      generation: 1,
    });
    const log = readFileSync(`${file}.1.log`, 'utf8');
    expect(log).toContain('"Contoso Ltd"');
    expect(log.split('\n')).toHaveLength(3); // header, the seed, and the final newline
  });

  it('commits a transaction durably and reopens with it', async () => {
    const store = await openStore();
    await store.transaction(async (tx) => {
      const contoso = await tx.get('organizations', TENANTS.contoso);
      tx.update('organizations', { ...contoso!, name: 'Contoso Group' });
    });
    await store.close();
    const again = await openStore();
    expect(await again.get('organizations', TENANTS.contoso)).toMatchObject({ name: 'Contoso Group', version: 2 });
    expect(readdirSync(join(dir, 'nested')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    await again.close();
    expect(existsSync(`${file}.lock`)).toBe(false);
  });

  it('refuses an invalid record and writes nothing of the transaction', async () => {
    const store = await openStore();
    const before = readFileSync(`${file}.1.log`);
    await expect(
      store.transaction(async (tx) => {
        tx.insert('organizations', org({ tenantId: 'ok-tenant', primaryDomain: 'ok.example' }));
        tx.insert('organizations', org({ tenantId: 'bad-tenant', countryRegion: 'USA' }));
      }),
    ).rejects.toThrow(/countryRegion/);
    expect(await store.get('organizations', 'ok-tenant')).toBeUndefined();
    expect(readFileSync(`${file}.1.log`).equals(before)).toBe(true);
  });

  it.each([
    ['not JSON', '{"schemaVersion": 1, "collections": '],
    ['an invalid record', JSON.stringify({ schemaVersion: 1, collections: { organizations: [{ id: 'x' }] } })],
    ['a newer schema version', JSON.stringify({ schemaVersion: 99, collections: {} })],
    ['an array', '[]'],
  ])('refuses a file holding %s and leaves it byte-for-byte intact', async (_name, content) => {
    writeFileSync(join(dir, 'bad.json'), content);
    file = join(dir, 'bad.json');
    const before = readFileSync(file);
    const attempt = openLowdbStore({ file, seed: smallWorld() });
    await expect(attempt).rejects.toBeInstanceOf(StoreFileError);
    await expect(openLowdbStore({ file })).rejects.toThrow(file);
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(readdirSync(dir)).toEqual(['bad.json']);
  });

  it('imports a single-file store (schema v2, as lowdb wrote it) into the log, keeping versions', async () => {
    file = join(dir, 'v2.json');
    const contoso = { ...org({ tenantId: TENANTS.contoso, name: 'Contoso Ltd' }), version: 7 };
    const collections = Object.fromEntries(COLLECTION_NAMES.map((c) => [c, c === 'organizations' ? [contoso] : []]));
    writeFileSync(file, JSON.stringify({ schemaVersion: 2, collections }));
    const store = await openStore();
    expect(await store.get('organizations', TENANTS.contoso)).toMatchObject({ name: 'Contoso Ltd', version: 7 });
    expect(JSON.parse(readFileSync(file, 'utf8')).format).toBe('partner-desk-store');
    await store.close();
    expect(await (await openStore()).get('organizations', TENANTS.contoso)).toMatchObject({ version: 7 });
  });

  it('drops a commit a crash tore in half (it was never acknowledged) and keeps every whole one', async () => {
    const store = await openStore();
    await store.transaction((tx) => void tx.insert('activities', { id: 'whole', at: NOW.toISOString() }));
    await store.close();
    rmSync(`${file}.1.hint`); // as after a crash: no hint written at close
    const log = readFileSync(`${file}.1.log`, 'utf8');
    writeFileSync(`${file}.1.log`, `${log}[["activities","torn",{"id":"torn","ver`);
    const again = await openStore();
    expect(await again.get('activities', 'whole')).toMatchObject({ id: 'whole' });
    expect(await again.get('activities', 'torn')).toBeUndefined();
    expect(readFileSync(`${file}.1.log`, 'utf8')).toBe(log);
    await again.transaction((tx) => void tx.insert('activities', { id: 'after', at: NOW.toISOString() }));
    await again.close();
    expect(await (await openStore()).get('activities', 'after')).toBeDefined();
  });

  it('refuses a log damaged before its last commit, and leaves it as it is', async () => {
    const store = await openStore();
    await store.transaction((tx) => void tx.insert('activities', { id: 'a', at: NOW.toISOString() }));
    await store.close();
    rmSync(`${file}.1.hint`);
    const damaged = readFileSync(`${file}.1.log`, 'utf8').replace('"Contoso Ltd"', '"Contoso Ltd');
    writeFileSync(`${file}.1.log`, damaged);
    await expect(openLowdbStore({ file })).rejects.toBeInstanceOf(StoreFileError);
    expect(readFileSync(`${file}.1.log`, 'utf8')).toBe(damaged);
  });

  it('reopens from the hint without reading the log, and from the log alone when the hint is stale or missing', async () => {
    const store = await openStore();
    await store.transaction(async (tx) => {
      const contoso = await tx.get('organizations', TENANTS.contoso);
      tx.update('organizations', { ...contoso!, primaryDomain: 'contoso.example' });
    });
    await store.close();
    const stale = readFileSync(`${file}.1.hint`);
    const fromHint = await openStore();
    expect(await fromHint.findBy('organizations', 'domain', 'contoso.example')).toHaveLength(1);
    await fromHint.transaction(async (tx) => {
      const contoso = await tx.get('organizations', TENANTS.contoso);
      tx.update('organizations', { ...contoso!, primaryDomain: 'contoso.net' });
    });
    await fromHint.close();
    writeFileSync(`${file}.1.hint`, stale); // covers less of the log than there is: the rest is read
    const fromTail = await openStore();
    expect(await fromTail.findBy('organizations', 'domain', 'contoso.example')).toEqual([]);
    expect(await fromTail.findBy('organizations', 'domain', 'contoso.net')).toHaveLength(1);
    await fromTail.close();
    rmSync(`${file}.1.hint`);
    const fromLog = await openStore();
    expect(await fromLog.get('organizations', TENANTS.contoso)).toMatchObject({
      primaryDomain: 'contoso.net',
      version: 3,
    });
  });

  it('ignores a hint written for other indexes (it would miss keys) and reads the log instead', async () => {
    const store = await openStore();
    await store.close();
    const [header, ...rest] = readFileSync(`${file}.1.hint`, 'utf8').split('\n');
    const otherCode = { ...JSON.parse(header!), indexes: 12345 };
    // Without its index lines, a hint that were used would find nobody by domain.
    const withoutIndexes = rest.filter((line) => !line.includes('"ix"'));
    writeFileSync(`${file}.1.hint`, [JSON.stringify(otherCode), ...withoutIndexes].join('\n'));
    const again = await openStore();
    expect(await again.findBy('organizations', 'domain', 'contoso.com')).toHaveLength(1);
  });

  it('compacts into a new generation once dead versions outweigh live ones, and reopens from it', async () => {
    const store = await openLowdbStore({ file, seed: smallWorld(), compactAfterBytes: 20_000 });
    open.push(store);
    for (let n = 0; n < 60; n++) {
      await store.transaction(async (tx) => {
        const contoso = await tx.get('organizations', TENANTS.contoso);
        tx.update('organizations', { ...contoso!, name: `Contoso ${n}` });
      });
    }
    await store.close();
    const generation = JSON.parse(readFileSync(file, 'utf8')).generation as number;
    expect(generation).toBeGreaterThan(1);
    expect(existsSync(`${file}.1.log`)).toBe(false);
    const again = await openStore();
    expect(await again.get('organizations', TENANTS.contoso)).toMatchObject({ name: 'Contoso 59', version: 61 });
    expect(await again.findBy('users', 'tenant', TENANTS.contoso)).toHaveLength(1);
  });

  it('deletes a store with every generation of its log, but not while a process owns it', async () => {
    const store = await openLowdbStore({ file, seed: smallWorld(), compactAfterBytes: 20_000 });
    for (let n = 0; n < 60; n++) {
      await store.transaction(async (tx) => {
        const contoso = await tx.get('organizations', TENANTS.contoso);
        tx.update('organizations', { ...contoso!, name: `Contoso ${n}` });
      });
    }
    await store.close();
    expect(JSON.parse(readFileSync(file, 'utf8')).generation).toBeGreaterThan(1);
    writeFileSync(join(dir, 'nested', 'other.json.1.log'), 'not ours');
    writeFileSync(`${file}.lock`, String(process.ppid)); // a running bot owns it
    await expect(deleteStore(file)).rejects.toThrow(/in use by another Partner Desk process/);
    rmSync(`${file}.lock`);
    await deleteStore(file);
    expect(readdirSync(join(dir, 'nested'))).toEqual(['other.json.1.log']);
  });

  it('commits arriving together are checked in arrival order: a conflicting one among them is refused alone', async () => {
    const store = await openStore();
    const contoso = (await store.get('organizations', TENANTS.contoso))!;
    const results = await Promise.allSettled([
      ...Array.from({ length: 20 }, (_, n) =>
        store.transaction((tx) => void tx.insert('activities', { id: `burst-${n}`, at: NOW.toISOString() })),
      ),
      store.transaction((tx) => void tx.update('organizations', { ...contoso, name: 'First' })),
      store.transaction((tx) => void tx.update('organizations', { ...contoso, name: 'Second' })),
    ]);
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(1);
    expect((await store.all('activities')).length).toBe(20);
    expect(await store.get('organizations', TENANTS.contoso)).toMatchObject({ name: 'First', version: 2 });
    const lines = readFileSync(`${file}.1.log`, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(2 + 21); // header, seed, one line per accepted commit
  });

  it('migrates a v0 file (no schema version, no runtime collections) on load', async () => {
    file = join(dir, 'v0.json');
    const contoso = {
      ...org({ tenantId: TENANTS.contoso, name: 'Contoso Ltd', primaryDomain: 'contoso.com' }),
      version: 3,
    };
    writeFileSync(file, JSON.stringify({ collections: { organizations: [contoso] } }));
    const store = await openStore();
    expect(await store.get('organizations', TENANTS.contoso)).toMatchObject({ version: 3 });
    expect(await store.all('notifications')).toEqual([]);
    await store.transaction((tx) => void tx.insert('activities', { id: 'a1', at: NOW.toISOString() }));
    expect(JSON.parse(readFileSync(file, 'utf8')).schemaVersion).toBe(CURRENT_SCHEMA_VERSION);
  });

  it('migrates a v1 file (before enrolments) on load', async () => {
    file = join(dir, 'v1.json');
    const collections = Object.fromEntries(
      [
        'organizations',
        'users',
        'invitations',
        'relationships',
        'agreements',
        'leads',
        'auditEvents',
        'conversations',
        'state',
        'activities',
        'notifications',
        'reminders',
      ].map((c) => [c, []]),
    );
    writeFileSync(file, JSON.stringify({ schemaVersion: 1, collections }));
    const store = await openStore();
    expect(await store.all('enrollments')).toEqual([]);
  });

  it("refuses a second process while one owns the file, and takes over a dead owner's lock", async () => {
    await openStore();
    writeFileSync(`${file}.lock`, String(process.ppid));
    await expect(openLowdbStore({ file })).rejects.toThrow(/in use by another Partner Desk process/);
    writeFileSync(`${file}.lock`, '999999999');
    const again = await openLowdbStore({ file });
    open.push(again);
    expect(readFileSync(`${file}.lock`, 'utf8')).toBe(String(process.pid));
  });
});
