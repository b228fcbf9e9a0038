import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openLowdbStore } from '../../src/store/lowdb-store.js';
import { ConflictError, StoreFileError, type Store } from '../../src/store/store.js';
import { CURRENT_SCHEMA_VERSION } from '../../src/store/data-file.js';
import { NOW, PEOPLE, TENANTS, org, smallWorld } from '../support/world.js';
import { PROJECT_ROOT } from '../../src/paths.js';

describe('lowdb store', () => {
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
    const onDisk = JSON.parse(readFileSync(file, 'utf8'));
    expect(onDisk.schemaVersion).toBe(CURRENT_SCHEMA_VERSION);
    expect(onDisk.collections.users).toHaveLength(2);
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

  it('applies nothing when the work throws', async () => {
    const store = await openStore();
    await expect(
      store.transaction(async (tx) => {
        tx.insert('organizations', org({ tenantId: 'new-tenant', name: 'New', primaryDomain: 'new.example' }));
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(await store.get('organizations', 'new-tenant')).toBeUndefined();
  });

  it('refuses an invalid record and writes nothing of the transaction', async () => {
    const store = await openStore();
    const before = readFileSync(file);
    await expect(
      store.transaction(async (tx) => {
        tx.insert('organizations', org({ tenantId: 'ok-tenant', primaryDomain: 'ok.example' }));
        tx.insert('organizations', org({ tenantId: 'bad-tenant', countryRegion: 'USA' }));
      }),
    ).rejects.toThrow(/countryRegion/);
    expect(await store.get('organizations', 'ok-tenant')).toBeUndefined();
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('of two concurrent conflicting transactions exactly one succeeds', async () => {
    const store = await openStore();
    let release!: () => void;
    const bothRead = new Promise<void>((resolve) => (release = resolve));
    let reads = 0;
    const accept = (name: string) =>
      store.transaction(async (tx) => {
        const contoso = await tx.get('organizations', TENANTS.contoso);
        if (++reads === 2) release();
        await bothRead;
        tx.update('organizations', { ...contoso!, name });
        return name;
      });
    const results = await Promise.allSettled([accept('First'), accept('Second')]);
    const fulfilled = results.filter((r) => r.status === 'fulfilled');
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(fulfilled).toHaveLength(1);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]!.reason).toBeInstanceOf(ConflictError);
    const winner = (fulfilled[0] as PromiseFulfilledResult<string>).value;
    expect(await store.get('organizations', TENANTS.contoso)).toMatchObject({ name: winner, version: 2 });
  });

  it('refuses to insert an id twice', async () => {
    const store = await openStore();
    await expect(
      store.transaction((tx) => void tx.insert('organizations', org({ tenantId: TENANTS.contoso }))),
    ).rejects.toBeInstanceOf(ConflictError);
  });

  it('reads its own writes inside a transaction, and keeps indexes in step', async () => {
    const store = await openStore();
    await store.transaction(async (tx) => {
      tx.insert(
        'organizations',
        org({ tenantId: 'fab', name: 'Fabrikam', primaryDomain: 'Fabrikam.de', countryRegion: 'DE' }),
      );
      expect(await tx.findBy('organizations', 'domain', 'fabrikam.de')).toHaveLength(1);
      expect((await tx.all('organizations')).map((o) => o.tenantId)).toContain('fab');
    });
    expect(await store.findBy('organizations', 'domain', 'fabrikam.de')).toHaveLength(1);
    await store.transaction(async (tx) => {
      const fab = await tx.get('organizations', 'fab');
      tx.update('organizations', { ...fab!, primaryDomain: 'fabrikam.com' });
    });
    expect(await store.findBy('organizations', 'domain', 'fabrikam.de')).toEqual([]);
    expect(await store.findBy('organizations', 'domain', 'fabrikam.com')).toHaveLength(1);
    await store.transaction(async (tx) => tx.remove('organizations', (await tx.get('organizations', 'fab'))!));
    expect(await store.findBy('organizations', 'domain', 'fabrikam.com')).toEqual([]);
    expect(
      await store.findBy(
        'users',
        'identity',
        `${PEOPLE.customerGlobalAdmin.tenantId}/${PEOPLE.customerGlobalAdmin.aadObjectId}`,
      ),
    ).toHaveLength(1);
  });

  it('hands out copies: changing a returned record changes nothing', async () => {
    const store = await openStore();
    const contoso = await store.get('organizations', TENANTS.contoso);
    contoso!.name = 'Mutated';
    expect((await store.get('organizations', TENANTS.contoso))?.name).toBe('Contoso Ltd');
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

  it('a writer killed mid-burst leaves a valid file with every acknowledged write', async () => {
    file = join(dir, 'burst.json');
    const writer = spawn(
      process.execPath,
      [join(PROJECT_ROOT, 'dist', 'test', 'store', 'fixtures', 'burst-writer.js'), file, '100000'],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    const acknowledged = await new Promise<number>((resolve, reject) => {
      let buffer = '';
      let last = -1;
      writer.stdout.on('data', (chunk: Buffer) => {
        buffer += chunk.toString();
        const lines = buffer.split('\n');
        buffer = lines.pop() ?? '';
        for (const line of lines) {
          const match = /^ack (\d+)$/.exec(line);
          if (match) last = Number(match[1]);
        }
        if (last >= 60 && writer.exitCode === null && !writer.killed) {
          writer.kill('SIGKILL');
        }
      });
      writer.on('exit', () => resolve(last));
      writer.on('error', reject);
    });
    expect(acknowledged).toBeGreaterThanOrEqual(60);
    expect(existsSync(file)).toBe(true);
    const store = await openStore();
    const ids = new Set((await store.all('activities')).map((a) => a.id));
    for (let n = 0; n <= acknowledged; n++) expect(ids.has(`write-${n}`)).toBe(true);
  });
});
