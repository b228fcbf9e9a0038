// What every Store engine promises, as one suite: each engine's test file runs it with its own opener.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/paths.js';
import { ConflictError, type NewRecord, type SeedData, type Store } from '../../src/store/store.js';
import { NOW, PEOPLE, TENANTS, org, smallWorld } from '../support/world.js';

export interface StoreEngine {
  /** A store in a new, empty place, loaded with `seed`. */
  create(seed: SeedData): Promise<Store>;
  /** The place `create` made last, opened again as a restarted process would (after the first was closed). */
  reopen(): Promise<Store>;
  /** A new place for the crash fixture: a data file, or a postgres:// URL. */
  crashTarget(): Promise<string>;
  /** Opens the crash fixture's place. */
  openTarget(target: string): Promise<Store>;
  /** Removes what `create` and `crashTarget` made (stores are closed by then). */
  cleanup(): Promise<void>;
}

/** Runs `writes` concurrently after each has read: the race two instances or two turns have. */
async function raceOnContoso(store: Store, names: string[]) {
  let release!: () => void;
  const allRead = new Promise<void>((resolve) => (release = resolve));
  let reads = 0;
  const rename = (name: string) =>
    store.transaction(async (tx) => {
      const contoso = await tx.get('organizations', TENANTS.contoso);
      if (++reads === names.length) release();
      await allRead;
      tx.update('organizations', { ...contoso!, name });
      return name;
    });
  return Promise.allSettled(names.map(rename));
}

export function storeContract(name: string, engine: StoreEngine): void {
  describe(`${name}: the store contract`, () => {
    const open: Store[] = [];
    const create = async (seed: SeedData = smallWorld()) => {
      const store = await engine.create(seed);
      open.push(store);
      return store;
    };
    const reopen = async () => {
      const store = await engine.reopen();
      open.push(store);
      return store;
    };
    afterEach(async () => {
      for (const store of open.splice(0)) await store.close();
      await engine.cleanup();
    });

    it('opens with the seed, every record at version 1', async () => {
      const store = await create();
      expect(await store.get('organizations', TENANTS.contoso)).toMatchObject({ name: 'Contoso Ltd', version: 1 });
      expect((await store.all('users')).map((u) => u.version)).toEqual([1, 1]);
      await store.ping();
    });

    it('commits a transaction durably: reopened, the store has it (and is not seeded again)', async () => {
      const store = await create();
      await store.transaction(async (tx) => {
        const contoso = await tx.get('organizations', TENANTS.contoso);
        tx.update('organizations', { ...contoso!, name: 'Contoso Group' });
      });
      await store.close();
      const again = await reopen();
      expect(await again.get('organizations', TENANTS.contoso)).toMatchObject({ name: 'Contoso Group', version: 2 });
      expect(await again.all('users')).toHaveLength(2);
    });

    it('applies nothing when the work throws', async () => {
      const store = await create();
      await expect(
        store.transaction(async (tx) => {
          tx.insert('organizations', org({ tenantId: 'new-tenant', name: 'New', primaryDomain: 'new.example' }));
          throw new Error('changed my mind');
        }),
      ).rejects.toThrow('changed my mind');
      expect(await store.get('organizations', 'new-tenant')).toBeUndefined();
    });

    it('refuses an invalid record and writes nothing of the transaction', async () => {
      const store = await create();
      await expect(
        store.transaction(async (tx) => {
          tx.insert('organizations', org({ tenantId: 'ok-tenant', primaryDomain: 'ok.example' }));
          tx.insert('organizations', org({ tenantId: 'bad-tenant', countryRegion: 'USA' }));
        }),
      ).rejects.toThrow(/countryRegion/);
      expect(await store.get('organizations', 'ok-tenant')).toBeUndefined();
    });

    it('of two concurrent conflicting transactions exactly one succeeds', async () => {
      const store = await create();
      const results = await raceOnContoso(store, ['First', 'Second']);
      const fulfilled = results.filter((r): r is PromiseFulfilledResult<string> => r.status === 'fulfilled');
      const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(fulfilled).toHaveLength(1);
      expect(rejected).toHaveLength(1);
      expect(rejected[0]!.reason).toBeInstanceOf(ConflictError);
      expect(await store.get('organizations', TENANTS.contoso)).toMatchObject({
        name: fulfilled[0]!.value,
        version: 2,
      });
    });

    it('of eight concurrent conflicting transactions exactly one succeeds, among unrelated commits that all do', async () => {
      const store = await create();
      const [race, burst] = await Promise.all([
        raceOnContoso(
          store,
          Array.from({ length: 8 }, (_, n) => `Name ${n}`),
        ),
        Promise.allSettled(
          Array.from({ length: 20 }, (_, n) =>
            store.transaction((tx) => void tx.insert('activities', { id: `burst-${n}`, at: NOW.toISOString() })),
          ),
        ),
      ]);
      expect(race.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      for (const r of race.filter((r): r is PromiseRejectedResult => r.status === 'rejected'))
        expect(r.reason).toBeInstanceOf(ConflictError);
      expect(burst.filter((r) => r.status === 'rejected')).toEqual([]);
      expect(await store.all('activities')).toHaveLength(20);
      expect(await store.get('organizations', TENANTS.contoso)).toMatchObject({ version: 2 });
    });

    it('refuses to insert an id twice, and a write from a stale or removed copy', async () => {
      const store = await create();
      const contoso = (await store.get('organizations', TENANTS.contoso))!;
      await expect(
        store.transaction((tx) => void tx.insert('organizations', org({ tenantId: TENANTS.contoso }))),
      ).rejects.toMatchObject({ name: 'ConflictError', reason: 'exists' });
      await store.transaction((tx) => void tx.update('organizations', { ...contoso, name: 'Fresh' }));
      await expect(
        store.transaction((tx) => void tx.update('organizations', { ...contoso, name: 'Stale' })),
      ).rejects.toMatchObject({ name: 'ConflictError', reason: 'version' });
      await expect(store.transaction((tx) => tx.remove('organizations', contoso))).rejects.toBeInstanceOf(
        ConflictError,
      );
      const fresh = (await store.get('organizations', TENANTS.contoso))!;
      await store.transaction((tx) => tx.remove('organizations', fresh));
      await expect(
        store.transaction((tx) => void tx.update('organizations', { ...fresh, name: 'Gone' })),
      ).rejects.toMatchObject({ name: 'ConflictError', reason: 'missing' });
      expect(await store.get('organizations', TENANTS.contoso)).toBeUndefined();
    });

    it('reads its own writes inside a transaction, and keeps indexes in step', async () => {
      const store = await create();
      await store.transaction(async (tx) => {
        tx.insert(
          'organizations',
          org({ tenantId: 'fab', name: 'Fabrikam', primaryDomain: 'Fabrikam.de', countryRegion: 'DE' }),
        );
        expect(await tx.findBy('organizations', 'domain', 'fabrikam.de')).toHaveLength(1);
        expect((await tx.all('organizations')).map((o) => o.tenantId)).toContain('fab');
        expect(await tx.get('organizations', 'fab')).toMatchObject({ name: 'Fabrikam', version: 1 });
      });
      expect(await store.findBy('organizations', 'domain', 'fabrikam.de')).toHaveLength(1);
      await store.transaction(async (tx) => {
        const fab = await tx.get('organizations', 'fab');
        tx.update('organizations', { ...fab!, primaryDomain: 'fabrikam.com' });
        expect(await tx.findBy('organizations', 'domain', 'fabrikam.de')).toEqual([]);
      });
      expect(await store.findBy('organizations', 'domain', 'fabrikam.de')).toEqual([]);
      expect(await store.findBy('organizations', 'domain', 'fabrikam.com')).toHaveLength(1);
      await store.transaction(async (tx) => {
        tx.remove('organizations', (await tx.get('organizations', 'fab'))!);
        expect(await tx.get('organizations', 'fab')).toBeUndefined();
        expect((await tx.all('organizations')).map((o) => o.tenantId)).not.toContain('fab');
      });
      expect(await store.findBy('organizations', 'domain', 'fabrikam.com')).toEqual([]);
      expect(
        await store.findBy(
          'users',
          'identity',
          `${PEOPLE.customerGlobalAdmin.tenantId}/${PEOPLE.customerGlobalAdmin.aadObjectId}`,
        ),
      ).toHaveLength(1);
    });

    it('finds a record under each of several keys of one index, and loses only the keys it no longer has', async () => {
      const store = await create();
      const event = {
        id: 'e1',
        at: NOW.toISOString(),
        actor: { userId: 'u', name: 'U', tenantId: TENANTS.adatum },
        action: 'test.event',
        target: { type: 'organization', id: TENANTS.contoso },
        tenantIds: [TENANTS.adatum, TENANTS.contoso],
      };
      await store.transaction((tx) => void tx.insert('auditEvents', event));
      expect(await store.findBy('auditEvents', 'tenant', TENANTS.adatum)).toHaveLength(1);
      expect(await store.findBy('auditEvents', 'tenant', TENANTS.contoso)).toHaveLength(1);
      await store.transaction(async (tx) => {
        const stored = (await tx.get('auditEvents', 'e1'))!;
        tx.update('auditEvents', { ...stored, tenantIds: [TENANTS.contoso] });
      });
      expect(await store.findBy('auditEvents', 'tenant', TENANTS.adatum)).toEqual([]);
      expect(await store.findBy('auditEvents', 'tenant', TENANTS.contoso)).toHaveLength(1);
    });

    it('reads one page of an ordered index in time order, counts the rest, and keeps it in step with writes', async () => {
      const store = await create();
      const ends = ['2026-12-05', '2026-12-01', '2026-12-03', '2026-12-02', '2026-12-04'];
      const relationship = (n: number, endAt: string): NewRecord<'relationships'> => ({
        id: `r${n}`,
        partnerTenantId: TENANTS.adatum,
        customerTenantId: TENANTS.contoso,
        types: ['reseller', 'delegated-admin'],
        adminAccess: {
          roles: ['helpdesk-administrator'],
          durationDays: 30,
          autoExtend: false,
          startAt: NOW.toISOString(),
          endAt: `${endAt}T00:00:00.000Z`,
        },
        status: 'active',
        createdAt: NOW.toISOString(),
        updatedAt: NOW.toISOString(),
      });
      await store.transaction((tx) => ends.forEach((end, n) => void tx.insert('relationships', relationship(n, end))));
      const page = (group: string, offset: number, limit: number, to = '2026-12-31T00:00:00.000Z') =>
        store.findPage('relationships', 'accessEnds', { group, from: '', to, offset, limit });
      const partner = `partner:${TENANTS.adatum}`;
      const second = await page(partner, 2, 2);
      expect(second.total).toBe(5);
      expect(second.records.map((r) => r.id)).toEqual(['r2', 'r4']); // 3 and 4 December
      expect((await page(`customer:${TENANTS.contoso}`, 0, 10)).records.map((r) => r.id)).toEqual([
        'r1',
        'r3',
        'r2',
        'r4',
        'r0',
      ]);
      expect((await page(partner, 0, 10, '2026-12-02T00:00:00.000Z')).records.map((r) => r.id)).toEqual(['r1', 'r3']);
      expect(await page(`partner:${TENANTS.contoso}`, 0, 10)).toEqual({ total: 0, records: [] });
      await store.transaction(async (tx) => {
        const r1 = (await tx.get('relationships', 'r1'))!;
        tx.update('relationships', { ...r1, adminAccess: { ...r1.adminAccess!, endAt: '2026-12-06T00:00:00.000Z' } });
        const r3 = (await tx.get('relationships', 'r3'))!;
        tx.update('relationships', { ...r3, status: 'terminated' });
      });
      const after = await page(partner, 0, 10);
      expect([after.total, after.records.map((r) => r.id)]).toEqual([4, ['r2', 'r4', 'r0', 'r1']]);
      const reopened = await (async () => {
        await store.close();
        return reopen();
      })();
      const again = await reopened.findPage('relationships', 'accessEnds', {
        group: partner,
        from: '2026-12-04T00:00:00.000Z',
        to: '2026-12-31T00:00:00.000Z',
        offset: 1,
        limit: 5,
      });
      expect([again.total, again.records.map((r) => r.id)]).toEqual([3, ['r0', 'r1']]);
    });

    it('hands out copies: changing a returned record changes nothing', async () => {
      const store = await create();
      const contoso = await store.get('organizations', TENANTS.contoso);
      contoso!.name = 'Mutated';
      (await store.findBy('organizations', 'domain', 'contoso.com'))[0]!.name = 'Mutated too';
      (await store.all('organizations'))[0]!.name = 'Mutated three';
      await store.transaction(async (tx) => {
        const inserted = tx.insert('activities', { id: 'a', at: NOW.toISOString() });
        inserted.at = 'changed';
        expect((await tx.get('activities', 'a'))?.at).toBe(NOW.toISOString());
      });
      expect((await store.all('organizations')).map((o) => o.name)).not.toContain('Mutated three');
      expect((await store.get('organizations', TENANTS.contoso))?.name).toBe('Contoso Ltd');
      expect((await store.get('activities', 'a'))?.at).toBe(NOW.toISOString());
    });

    it('a writer killed mid-burst leaves every acknowledged write', async () => {
      const target = await engine.crashTarget();
      const writer = spawn(
        process.execPath,
        [join(PROJECT_ROOT, 'dist', 'test', 'store', 'fixtures', 'burst-writer.js'), target, '100000'],
        { stdio: ['ignore', 'pipe', 'inherit'] },
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
          if (last >= 60 && writer.exitCode === null && !writer.killed) writer.kill('SIGKILL');
        });
        writer.on('exit', () => resolve(last));
        writer.on('error', reject);
      });
      expect(acknowledged).toBeGreaterThanOrEqual(60);
      const store = await engine.openTarget(target);
      open.push(store);
      const ids = new Set((await store.all('activities')).map((a) => a.id));
      for (let n = 0; n <= acknowledged; n++) expect(ids.has(`write-${n}`)).toBe(true);
    });
  });
}
