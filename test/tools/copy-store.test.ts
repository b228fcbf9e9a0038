import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { COLLECTION_NAMES } from '../../src/store/collections.js';
import { demoWorld } from '../../src/store/demo-world.js';
import { openLowdbStore } from '../../src/store/lowdb-store.js';
import { openPostgresStore } from '../../src/store/postgres/postgres-store.js';
import type { Store } from '../../src/store/store.js';
import { runCopyStore, UsageError } from '../../src/tools/admin.js';
import { copyStore, CopyRefusedError } from '../../src/tools/copy-store.js';
import { freshDatabase } from '../support/postgres.js';
import { NOW } from '../support/world.js';

describe('copy-store --to postgres', () => {
  let dir: string;
  let file: string;
  const open: Store[] = [];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'partner-desk-copy-'));
    file = join(dir, 'store.json');
  });
  afterEach(async () => {
    for (const store of open.splice(0)) await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The demo world, with one record past version 1 (versions must survive the copy). */
  async function embeddedStore(): Promise<Store> {
    const store = await openLowdbStore({ file, seed: demoWorld(NOW), now: () => NOW });
    await store.transaction(async (tx) => {
      const first = (await tx.all('organizations'))[0]!;
      tx.update('organizations', { ...first, name: 'Renamed Ltd' });
    });
    return store;
  }

  it('copies every record of every collection, versions and indexes kept, and counts them', async () => {
    const source = await embeddedStore();
    const target = await openPostgresStore({ url: await freshDatabase() });
    open.push(source, target);
    const counts = await copyStore(source, target);
    for (const c of COLLECTION_NAMES) {
      const byId = (records: { id: string }[]) => [...records].sort((a, b) => (a.id < b.id ? -1 : 1));
      expect(byId(await target.all(c))).toEqual(byId(await source.all(c)));
      expect(counts[c]).toBe((await source.all(c)).length);
    }
    expect(counts.organizations).toBeGreaterThan(0);
    const renamed = (await target.all('organizations')).find((o) => o.name === 'Renamed Ltd');
    expect(renamed).toMatchObject({ version: 2 });
    expect(await target.findBy('organizations', 'domain', renamed!.primaryDomain)).toEqual([renamed]);
  });

  it('refuses a database that already holds data, and leaves it as it was', async () => {
    const source = await embeddedStore();
    const url = await freshDatabase();
    const target = await openPostgresStore({ url, seed: { activities: [{ id: 'already', at: NOW.toISOString() }] } });
    open.push(source, target);
    await expect(copyStore(source, target)).rejects.toThrow(CopyRefusedError);
    await expect(copyStore(source, target)).rejects.toThrow(/already holds data \(activities: 1\)/);
    expect(await target.all('organizations')).toEqual([]);
    expect(await target.all('activities')).toHaveLength(1);
  });

  it('as the operator runs it: STORE_FILE into DATABASE_URL, then refused a second time', async () => {
    await (await embeddedStore()).close();
    const url = await freshDatabase();
    const env = { STORE_FILE: file, DATABASE_URL: url };
    const report = await runCopyStore(['--to', 'postgres'], env);
    expect(report).toMatch(/Copied into PostgreSQL "pd_\w+" on 127\.0\.0\.1:\d+/);
    expect(report).toMatch(/organizations\s+\d+/);
    await expect(runCopyStore(['--to', 'postgres'], env)).rejects.toThrow(UsageError);
    await expect(runCopyStore(['--to', 'mysql'], env)).rejects.toThrow(/--to postgres/);
    const target = await openPostgresStore({ url });
    open.push(target);
    expect((await target.all('organizations')).find((o) => o.name === 'Renamed Ltd')).toMatchObject({ version: 2 });
  });
});
