import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RelationshipStatus } from '../../src/domain/model.js';
import { openLowdbStore } from '../../src/store/lowdb-store.js';
import { MCA_UNSETTLED_GROUP, byState, stateSpan, withoutMca } from '../../src/store/ordered-indexes.js';
import { openPostgresStore } from '../../src/store/postgres/postgres-store.js';
import type { NewRecord, Store } from '../../src/store/store.js';
import { databaseWithout, hintWithout } from '../support/older-index.js';
import { freshDatabase } from '../support/postgres.js';
import { NOW, TENANTS, smallWorld } from '../support/world.js';

interface Engine {
  create(): Promise<Store>;
  /** The same place opened again as code from before the byState index left it: no byState keys. */
  reopenWithoutByState(): Promise<Store>;
  cleanup(): Promise<void>;
}

const embedded = (): Engine => {
  let dir = '';
  const file = () => join(dir, 'store.json');
  return {
    create: async () => {
      dir = mkdtempSync(join(tmpdir(), 'partner-desk-ordered-'));
      return openLowdbStore({ file: file(), seed: smallWorld() });
    },
    reopenWithoutByState: async () => {
      hintWithout(file(), 'byState');
      return openLowdbStore({ file: file() });
    },
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
};

const postgres = (): Engine => {
  let url = '';
  return {
    create: async () => openPostgresStore({ url: (url = await freshDatabase()), seed: smallWorld() }),
    reopenWithoutByState: async () => {
      await databaseWithout(url, 'relationships', 'byState');
      return openPostgresStore({ url });
    },
    cleanup: async () => undefined,
  };
};

const relationship = (
  id: string,
  status: RelationshipStatus,
  createdAt: string,
  partnerTenantId: string = TENANTS.adatum,
): NewRecord<'relationships'> => ({
  id,
  partnerTenantId,
  customerTenantId: TENANTS.contoso,
  types: ['reseller'],
  adminAccess: null,
  status,
  createdAt: `${createdAt}T00:00:00.000Z`,
  updatedAt: NOW.toISOString(),
});

/** Inserted in no useful order; their order is state, then when they began, then id. */
const BOOK = [
  relationship('r5', 'terminated', '2026-01-01'),
  relationship('r4', 'active', '2026-03-01'),
  relationship('r3', 'active', '2026-02-01'),
  relationship('r2b', 'active', '2026-02-01'),
  relationship('r1', 'approved', '2026-06-01'),
  relationship('r6', 'expired', '2025-12-01'),
  relationship('r7', 'active', '2026-01-15', '33333333-0000-4000-8000-000000000003'),
];
const PARTNER = `partner:${TENANTS.adatum}`;
const CUSTOMER = `customer:${TENANTS.contoso}`;

describe('the byState key', () => {
  it('is one key per side with the same sortable part: the state rank, then the time it began', () => {
    expect(byState({ ...BOOK[1]!, version: 1 })).toEqual([
      `${PARTNER}/01|2026-03-01T00:00:00.000Z`,
      `${CUSTOMER}/01|2026-03-01T00:00:00.000Z`,
    ]);
  });

  it('sorts byte by byte into state order, then time order, and a state span holds that state only', () => {
    const parts = BOOK.slice(0, 6).map((r) => [byState({ ...r, version: 1 })[0]!.split('/')[1]!, r.id] as const);
    expect(parts.sort(([a], [b]) => (a < b ? -1 : 1)).map(([, id]) => id)).toEqual([
      'r1',
      'r3',
      'r2b',
      'r4',
      'r6',
      'r5',
    ]);
    const { from, to } = stateSpan('active');
    expect(parts.filter(([at]) => at >= from && at <= to).map(([, id]) => id)).toEqual(['r3', 'r2b', 'r4']);
  });
});

describe('the withoutMca key', () => {
  const at = '2026-03-01T00:00:00.000Z';
  const sides = [`${PARTNER}/${at}`, `${CUSTOMER}/${at}`];
  it.each<[RelationshipStatus, boolean | undefined, string[]]>([
    ['approved', true, sides],
    ['active', true, sides],
    ['expiring', true, sides],
    ['expired', true, []],
    ['termination-requested', true, []],
    ['terminated', true, []],
    ['active', false, []],
    ['approved', false, []],
    // Written before the fact was kept: apart, whatever its state, until the store settles it.
    ['active', undefined, [`${MCA_UNSETTLED_GROUP}/${at}`]],
    ['terminated', undefined, [`${MCA_UNSETTLED_GROUP}/${at}`]],
  ])('%s, customer MCA missing %s: when it began, by side', (status, customerMcaMissing, keys) => {
    const r = { ...BOOK[1]!, version: 1, status, createdAt: at };
    expect(withoutMca(customerMcaMissing === undefined ? r : { ...r, customerMcaMissing })).toEqual(keys);
  });
});

describe.each([
  ['embedded store', embedded],
  ['PostgreSQL store', postgres],
])('%s: relationships by state through the byState index', (_, makeEngine) => {
  let engine: Engine;
  const open: Store[] = [];
  beforeEach(() => void (engine = makeEngine()));
  afterEach(async () => {
    for (const store of open.splice(0)) await store.close();
    await engine.cleanup();
  });
  const withBook = async () => {
    const store = await engine.create();
    open.push(store);
    await store.transaction((tx) => BOOK.forEach((r) => void tx.insert('relationships', r)));
    return store;
  };
  const page = async (store: Store, group: string, offset: number, limit: number, state?: RelationshipStatus) => {
    const found = await store.findPage('relationships', 'byState', { group, ...stateSpan(state), offset, limit });
    return { total: found.total, ids: found.records.map((r) => r.id) };
  };

  it('pages one side in state order, then in the order they began, then by id', async () => {
    const store = await withBook();
    expect(await page(store, PARTNER, 0, 10)).toEqual({ total: 6, ids: ['r1', 'r2b', 'r3', 'r4', 'r6', 'r5'] });
    expect(await page(store, PARTNER, 2, 2)).toEqual({ total: 6, ids: ['r3', 'r4'] });
    expect(await page(store, PARTNER, 6, 2)).toEqual({ total: 6, ids: [] });
    expect(await page(store, PARTNER, 0, 10, 'active')).toEqual({ total: 3, ids: ['r2b', 'r3', 'r4'] });
    expect(await page(store, PARTNER, 0, 10, 'expiring')).toEqual({ total: 0, ids: [] });
  });

  it('pages the customer side over all its partners', async () => {
    const store = await withBook();
    expect(await page(store, CUSTOMER, 0, 10, 'active')).toEqual({ total: 4, ids: ['r7', 'r2b', 'r3', 'r4'] });
  });

  it('moves a relationship whose state changes, and drops one removed', async () => {
    const store = await withBook();
    await store.transaction(async (tx) => {
      tx.update('relationships', { ...(await tx.get('relationships', 'r3'))!, status: 'expiring' });
      tx.remove('relationships', (await tx.get('relationships', 'r6'))!);
    });
    expect(await page(store, PARTNER, 0, 10)).toEqual({ total: 5, ids: ['r1', 'r2b', 'r4', 'r3', 'r5'] });
  });

  it('a store written before the index existed gets it on open', async () => {
    const store = await withBook();
    await store.close();
    open.splice(0);
    const again = await engine.reopenWithoutByState();
    open.push(again);
    expect(await page(again, PARTNER, 0, 10, 'active')).toEqual({ total: 3, ids: ['r2b', 'r3', 'r4'] });
  });
});
