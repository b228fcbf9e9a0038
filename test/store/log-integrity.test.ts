import { mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openLowdbStore } from '../../src/store/lowdb-store.js';
import { StorageUnavailableError, StoreFileError, type Store } from '../../src/store/store.js';
import { FailingDisk } from '../support/failing-disk.js';
import { NOW, TENANTS, org, smallWorld } from '../support/world.js';

/** Every file of the store's directory with its bytes, to prove a refused open changed nothing. */
function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(dir).map((name) => [name, readFileSync(join(dir, name)).toString('base64')]));
}

describe('lowdb store integrity', () => {
  let dir: string;
  let file: string;
  const open: Store[] = [];
  const openStore = async (extra: Partial<Parameters<typeof openLowdbStore>[0]> = {}) => {
    const store = await openLowdbStore({ file, seed: smallWorld(), now: () => NOW, ...extra });
    open.push(store);
    return store;
  };
  const rename = (store: Store, name: string) =>
    store.transaction(async (tx) => {
      const contoso = await tx.get('organizations', TENANTS.contoso);
      tx.update('organizations', { ...contoso!, name });
    });
  const expectRefusal = async (pattern: RegExp) => {
    const before = snapshot(dir);
    const attempt = openLowdbStore({ file, seed: smallWorld() });
    await expect(attempt).rejects.toBeInstanceOf(StoreFileError);
    await expect(openLowdbStore({ file, seed: smallWorld() })).rejects.toThrow(pattern);
    expect(snapshot(dir)).toEqual(before);
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'partner-desk-integrity-'));
    file = join(dir, 'store.json');
  });
  afterEach(async () => {
    for (const store of open.splice(0)) await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    [
      'its log and hint',
      [] as string[],
      /store\.json\.1\.log.*store\.json\.1\.hint|store\.json\.1\.hint.*store\.json\.1\.log/,
    ],
    ['its hint alone', ['store.json.1.log'], /store\.json\.1\.hint/],
    ['its log alone', ['store.json.1.hint'], /store\.json\.1\.log/],
  ])('a missing manifest beside %s stops start-up instead of seeding over them', async (_name, alsoGone, names) => {
    const store = await openStore();
    await rename(store, 'Contoso Renamed');
    await store.close();
    rmSync(file);
    for (const name of alsoGone) rmSync(join(dir, name));
    await expectRefusal(new RegExp(`${file.replace(/[.\\/]/g, '.')}`));
    await expectRefusal(names);
  });

  it('a log shorter than its hint says stops start-up, naming both lengths', async () => {
    const store = await openStore();
    await rename(store, 'One');
    await rename(store, 'Two');
    await store.close();
    const log = readFileSync(`${file}.1.log`, 'utf8');
    const full = Buffer.byteLength(log);
    const lines = log.split('\n');
    const cut = Buffer.byteLength(`${lines.slice(0, 2).join('\n')}\n`); // header and seed: whole lines, nothing torn
    truncateSync(`${file}.1.log`, cut);
    await expectRefusal(new RegExp(`store\\.json\\.1\\.log.*${cut} bytes.*${full}`));
  });

  it('a changed byte in a commit the hint does not cover stops start-up, naming the file and offset', async () => {
    const store = await openStore();
    await rename(store, 'Contoso Ltd');
    await store.close();
    rmSync(`${file}.1.hint`);
    const log = readFileSync(`${file}.1.log`, 'utf8');
    const lastLine = log.lastIndexOf('\n', log.length - 2) + 1;
    writeFileSync(`${file}.1.log`, log.slice(0, lastLine) + log.slice(lastLine).replace('Contoso Ltd', 'Contoso Ltc'));
    await expectRefusal(new RegExp(`store\\.json\\.1\\.log.*byte ${lastLine}\\b`));
  });

  it('a changed byte in a record the hint covers fails the read loudly, naming the file and offset', async () => {
    const store = await openStore();
    await store.close();
    const log = readFileSync(`${file}.1.log`);
    const at = log.indexOf('Contoso Ltd');
    log[at + 10] = 'c'.charCodeAt(0); // "Contoso Ltc": still valid JSON, so only the checksum can tell
    writeFileSync(`${file}.1.log`, log);
    const again = await openStore();
    expect(await again.get('organizations', TENANTS.adatum)).toMatchObject({ name: 'Adatum Cloud Partners' });
    const reading = again.get('organizations', TENANTS.contoso);
    await expect(reading).rejects.toBeInstanceOf(StoreFileError);
    await expect(again.get('organizations', TENANTS.contoso)).rejects.toThrow(
      new RegExp(`store\\.json\\.1\\.log.*record at byte ${log.lastIndexOf('{', at)}\\b`),
    );
  });

  it('opens a store written in log format 1 (no checksums) and rewrites it once into a checksummed generation', async () => {
    const contoso = {
      ...org({ tenantId: TENANTS.contoso, name: 'Contoso Ltd', primaryDomain: 'contoso.com' }),
      version: 4,
    };
    writeFileSync(file, JSON.stringify({ format: 'partner-desk-store', schemaVersion: 3, generation: 1 }));
    writeFileSync(
      `${file}.1.log`,
      `${JSON.stringify({ format: 'partner-desk-store-log', generation: 1 })}\n` +
        `${JSON.stringify([['organizations', contoso.id, contoso]])}\n` +
        `${JSON.stringify([['activities', 'a1', { id: 'a1', at: NOW.toISOString(), version: 1 }]])}\n` +
        `${JSON.stringify([['activities', 'a1', null]])}\n`,
    );
    const store = await openStore();
    expect(await store.get('organizations', TENANTS.contoso)).toMatchObject({ name: 'Contoso Ltd', version: 4 });
    expect(await store.get('activities', 'a1')).toBeUndefined();
    expect(JSON.parse(readFileSync(file, 'utf8')).generation).toBe(2);
    expect(readdirSync(dir).filter((name) => name.includes('.1.'))).toEqual([]);
    const [header, ...lines] = readFileSync(`${file}.2.log`, 'utf8').trimEnd().split('\n');
    expect(JSON.parse(header!)).toMatchObject({ version: 2, generation: 2 });
    for (const line of lines) expect(line).toMatch(/^[0-9a-f]{8}\[\["organizations","[^"]+","[0-9a-f]{8}",\{/);
    await rename(store, 'Contoso Group');
    await store.close();
    const again = await openStore();
    expect(await again.get('organizations', TENANTS.contoso)).toMatchObject({ name: 'Contoso Group', version: 5 });
    expect(JSON.parse(readFileSync(file, 'utf8')).generation).toBe(2);
  });

  it.each([
    ['its bytes are cut back', false],
    ['cutting its bytes back fails too', true],
  ])(
    'a commit that fails with a full disk rejects with StorageUnavailableError, keeps nothing (%s), and the next works',
    async (_name, failTruncate) => {
      const disk = new FailingDisk();
      const store = await openStore({ openFile: disk.openFile });
      await rename(store, 'Before the disk filled');
      const logBefore = readFileSync(`${file}.1.log`);
      disk.full = true;
      disk.failTruncate = failTruncate;
      const failed = rename(store, 'While the disk was full');
      await expect(failed).rejects.toBeInstanceOf(StorageUnavailableError);
      await expect(
        store.transaction((tx) => void tx.insert('activities', { id: 'lost', at: NOW.toISOString() })),
      ).rejects.toBeInstanceOf(StorageUnavailableError);
      expect(disk.failures).toBeGreaterThan(0);
      expect(await store.get('organizations', TENANTS.contoso)).toMatchObject({
        name: 'Before the disk filled',
        version: 2,
      });
      expect(await store.get('activities', 'lost')).toBeUndefined();
      if (!failTruncate) expect(readFileSync(`${file}.1.log`).equals(logBefore)).toBe(true);
      disk.full = false;
      await rename(store, 'After space returned');
      expect(await store.get('organizations', TENANTS.contoso)).toMatchObject({
        name: 'After space returned',
        version: 3,
      });
      await store.close();
      expect(readFileSync(`${file}.1.log`).subarray(0, logBefore.length).equals(logBefore)).toBe(true);
      rmSync(`${file}.1.hint`); // read every line, not the hint
      const again = await openStore();
      expect(await again.get('organizations', TENANTS.contoso)).toMatchObject({
        name: 'After space returned',
        version: 3,
      });
      expect(await again.all('activities')).toEqual([]);
    },
  );
});
