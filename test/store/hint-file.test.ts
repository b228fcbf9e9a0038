import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openLowdbStore } from '../../src/store/lowdb-store.js';
import type { NewRecord, Store } from '../../src/store/store.js';
import { NOW, TENANTS, smallWorld } from '../support/world.js';

/** More records than one hint line holds (5,000 slots, 5,000 index pairs), so every part is written in pieces. */
const COUNT = 12_000;
const partners = [TENANTS.adatum, TENANTS.contoso];
const relationship = (n: number): NewRecord<'relationships'> => ({
  id: `r${n}`,
  partnerTenantId: partners[n % 2]!,
  customerTenantId: `customer-${n % 700}`,
  // Emoji are surrogate pairs: a commit this large is written in pieces, and no piece may split one.
  displayName: `Zürich – ${n} 🚀`,
  types: ['reseller', 'delegated-admin'],
  adminAccess: {
    roles: ['helpdesk-administrator'],
    durationDays: 30,
    autoExtend: false,
    startAt: NOW.toISOString(),
    endAt: new Date(NOW.getTime() + (n % 97) * 86_400_000).toISOString(),
  },
  status: n % 3 === 0 ? 'active' : 'expiring',
  createdAt: NOW.toISOString(),
  updatedAt: NOW.toISOString(),
  // As every writer now says it (no customer organisation: none missing), so the reopen has nothing to settle.
  customerMcaMissing: false,
});

/** What a store answers about the relationships, through every kind of index the hint holds. */
async function answers(store: Store) {
  const page = (group: string, offset: number) =>
    store.findPage('relationships', 'accessEnds', {
      group,
      from: '',
      to: '2027-12-31T00:00:00.000Z',
      offset,
      limit: 7,
    });
  const ids = (records: { id: string }[]) => records.map((r) => r.id).sort();
  return {
    all: (await store.all('relationships')).length,
    byPartner: ids(await store.findBy('relationships', 'partner', TENANTS.contoso)).length,
    byCustomer: ids(await store.findBy('relationships', 'customer', 'customer-42')),
    byName: ids(await store.findBy('relationships', 'name', 'zurich – 9001 🚀')),
    removed: await store.get('relationships', 'r10'),
    kept: await store.get('relationships', 'r11'),
    pages: await Promise.all([
      page(`partner:${TENANTS.adatum}`, 0),
      page(`partner:${TENANTS.contoso}`, 4_000),
      page('customer:customer-699', 3),
    ]).then((pages) => pages.map((p) => [p.total, p.records.map((r) => r.id)])),
  };
}

describe('the hint file, written a part at a time', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'partner-desk-hint-'));
    file = join(dir, 'store.json');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reopens a table of several hint lines with the same records and index answers as reading the whole log', async () => {
    const store = await openLowdbStore({ file, seed: smallWorld(), now: () => NOW });
    await store.transaction((tx) => {
      for (let n = 0; n < COUNT; n++) tx.insert('relationships', relationship(n));
    });
    // Removed records leave free slots, written as nulls.
    await store.transaction(async (tx) => {
      for (let n = 10; n < COUNT; n += 1000) tx.remove('relationships', (await tx.get('relationships', `r${n}`))!);
    });
    const written = await answers(store);
    await store.close();
    const lines = readFileSync(`${file}.1.hint`, 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => JSON.parse(l));
    const parts = (kind: string) => lines.filter((l) => l.c === 'relationships' && kind in l).length;
    expect([parts('ids') >= 3, parts('ix') >= 6, parts('ox') >= 3]).toEqual([true, true, true]);

    const fromHint = await openLowdbStore({ file, now: () => NOW });
    const hinted = await answers(fromHint);
    await fromHint.close();
    rmSync(`${file}.1.hint`);
    const fromLog = await openLowdbStore({ file, now: () => NOW });
    const logged = await answers(fromLog);
    await fromLog.close();

    expect(written.all).toBe(COUNT - 12);
    expect(written.byCustomer.length).toBeGreaterThan(0);
    expect(written.byName).toEqual(['r9001']);
    expect(written.removed).toBeUndefined();
    expect(written.kept?.displayName).toBe('Zürich – 11 🚀');
    expect(hinted).toEqual(written);
    expect(logged).toEqual(written);
  });
});
