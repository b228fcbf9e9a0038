import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryLogger } from '../../src/logging/logger.js';
import { RelationshipLists } from '../../src/services/relationships/relationship-lists.js';
import { openLowdbStore } from '../../src/store/lowdb-store.js';
import { FOREVER, MCA_UNSETTLED_GROUP } from '../../src/store/ordered-indexes.js';
import { openPostgresStore } from '../../src/store/postgres/postgres-store.js';
import type { NewRecord, Store } from '../../src/store/store.js';
import { databaseWithout, hintWithout } from '../support/older-index.js';
import { freshDatabase } from '../support/postgres.js';
import { NOW, TENANTS, org, smallWorld } from '../support/world.js';

interface Engine {
  create(): Promise<Store>;
  /** The same place opened again as code from before the withoutMca index left it: none of its keys. */
  reopenAsUpgraded(logger: MemoryLogger): Promise<Store>;
  reopen(logger: MemoryLogger): Promise<Store>;
  cleanup(): Promise<void>;
}

const embedded = (): Engine => {
  let dir = '';
  const file = () => join(dir, 'store.json');
  return {
    create: async () => {
      dir = mkdtempSync(join(tmpdir(), 'partner-desk-mca-'));
      return openLowdbStore({ file: file(), seed: world() });
    },
    reopenAsUpgraded: async (logger) => {
      hintWithout(file(), 'withoutMca');
      return openLowdbStore({ file: file(), logger });
    },
    reopen: (logger) => openLowdbStore({ file: file(), logger }),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
};

const postgres = (): Engine => {
  let url = '';
  return {
    create: async () => openPostgresStore({ url: (url = await freshDatabase()), seed: world() }),
    reopenAsUpgraded: async (logger) => {
      await databaseWithout(url, 'relationships', 'withoutMca');
      return openPostgresStore({ url, logger });
    },
    reopen: (logger) => openPostgresStore({ url, logger }),
    cleanup: async () => undefined,
  };
};

const SIGNED = '44444444-0000-4000-8000-000000000004';
const RESELLER = '55555555-0000-4000-8000-000000000005';

/** Adatum and Contoso (no MCA), a customer that accepted it, and a reseller, which needs none. */
function world() {
  const seed = smallWorld();
  seed.organizations!.push(
    org({ tenantId: SIGNED, name: 'Signed Customer', primaryDomain: 'signed.example', mcaAcceptanceId: 'mca-1' }),
    org({ tenantId: RESELLER, name: 'Reseller', primaryDomain: 'reseller.example', kind: 'indirect-reseller' }),
  );
  return seed;
}

const CUSTOMERS = [TENANTS.contoso, SIGNED, RESELLER];
const OLD_BOOK = 600; // more than one batch of the settling pass

/** Relationships as code from before the fact wrote them: no customerMcaMissing at all. */
function oldRelationship(n: number): NewRecord<'relationships'> {
  const at = new Date(NOW.getTime() - (OLD_BOOK - n) * 60_000).toISOString();
  return {
    id: `rel-old-${String(n).padStart(4, '0')}`,
    partnerTenantId: TENANTS.adatum,
    customerTenantId: CUSTOMERS[n % CUSTOMERS.length]!,
    types: ['reseller'],
    adminAccess: null,
    status: n % 2 === 0 ? 'active' : 'terminated',
    createdAt: at,
    updatedAt: at,
  };
}

describe.each([
  ['embedded store', embedded],
  ['PostgreSQL store', postgres],
])('%s: relationships written before they said whether their customer accepted the MCA', (_, makeEngine) => {
  let engine: Engine;
  const open: Store[] = [];
  beforeEach(() => void (engine = makeEngine()));
  afterEach(async () => {
    for (const store of open.splice(0)) await store.close();
    await engine.cleanup();
  });
  const keep = (store: Store) => (open.push(store), store);
  const closeAll = async () => {
    for (const store of open.splice(0)) await store.close();
  };
  const unsettled = async (store: Store) =>
    (
      await store.findPage('relationships', 'withoutMca', {
        group: MCA_UNSETTLED_GROUP,
        from: '',
        to: FOREVER,
        offset: 0,
        limit: 10,
      })
    ).total;

  async function upgraded(logger = new MemoryLogger()): Promise<Store> {
    const old = keep(await engine.create());
    await old.transaction((tx) => {
      for (let n = 0; n < OLD_BOOK; n++) tx.insert('relationships', oldRelationship(n));
    });
    await closeAll();
    return keep(await engine.reopenAsUpgraded(logger));
  }

  it('the open settles each from its customer, and the list is right from the first turn', async () => {
    const logger = new MemoryLogger();
    const store = await upgraded(logger);
    expect(await unsettled(store)).toBe(0);
    const stored = await store.findBy('relationships', 'partner', TENANTS.adatum);
    expect(stored).toHaveLength(OLD_BOOK);
    for (const r of stored) expect(r.customerMcaMissing).toBe(r.customerTenantId === TENANTS.contoso);
    expect(logger.lines).toContainEqual(
      expect.objectContaining({ level: 'info', fields: { relationships: OLD_BOOK } }),
    );

    const [alex] = await store.findBy('users', 'tenant', TENANTS.adatum);
    const acting = { user: alex!, org: (await store.get('organizations', TENANTS.adatum))! };
    const listed = await new RelationshipLists(store, () => NOW).list(acting, 'no-mca', 1);
    if (!listed.ok || listed.value.kind !== 'no-mca') throw new Error('no list');
    // Contoso's active ones only: every third of the 600, half of those active.
    expect(listed.value.page.total).toBe(100);
    expect(listed.value.page.items.map((row) => row.relationship.id)).toEqual([
      'rel-old-0000',
      'rel-old-0006',
      'rel-old-0012',
      'rel-old-0018',
      'rel-old-0024',
    ]);
  });

  it('a store already settled is left as it is on the next open', async () => {
    await upgraded();
    await closeAll();
    const logger = new MemoryLogger();
    const again = keep(await engine.reopen(logger));
    expect(await unsettled(again)).toBe(0);
    expect(logger.lines.filter((line) => line.message.includes('MCA'))).toEqual([]);
  });
});
