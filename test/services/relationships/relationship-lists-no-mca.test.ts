import { RelationshipStatus } from '../../../src/domain/model.js';
import { PAGE_SIZE, RelationshipLists } from '../../../src/services/relationships/relationship-lists.js';
import { DEMO_TENANTS } from '../../../src/store/demo-world.js';
import type { NewRecord, SeedData, Store } from '../../../src/store/store.js';
import { counting } from '../../support/counting-store.js';
import { persona, type PersonaName } from '../../support/personas.js';
import { NOW, org } from '../../support/world.js';
import { worldWith } from '../helpdesk/helpdesk-fixtures.js';
import { SEEDED_ENGINES } from '../../support/seeded-engines.js';

const STATES = RelationshipStatus.options;
const DAY = 86_400_000;
/** Every four began on one day, so the id decides between them; the later a customer's number, the earlier it began. */
const began = (n: number, later = 0) =>
  new Date(NOW.getTime() - (3000 - Math.floor(n / 4) - later) * DAY).toISOString();

/**
 * `count` Adatum customers, one relationship each in every state in turn. Every third accepted the MCA; every
 * fifth has a second, active relationship that began 500 days after its first; every seventh is a reseller
 * (a two-tier provider's customer side), which needs no MCA. Names sort the other way from the order they began.
 */
function book(count: number): SeedData {
  const organizations: NewRecord<'organizations'>[] = [];
  const relationships: NewRecord<'relationships'>[] = [];
  for (let n = 0; n < count; n++) {
    const pad = String(n).padStart(5, '0');
    const tenantId = `d0000000-0000-4000-8000-${pad.padStart(12, '0')}`;
    organizations.push(
      org({
        tenantId,
        name: `No Mca Customer ${count - n}`,
        primaryDomain: `no-mca-${n}.example`,
        ...(n % 7 === 3 ? { kind: 'indirect-reseller' as const } : {}),
        ...(n % 3 === 0 ? { mcaAcceptanceId: `mca-${pad}` } : {}),
      }),
    );
    const common = {
      partnerTenantId: DEMO_TENANTS.adatum,
      customerTenantId: tenantId,
      types: ['reseller' as const],
      adminAccess: null,
    };
    relationships.push({
      ...common,
      id: `rel-nomca-${pad}`,
      status: STATES[n % STATES.length]!,
      createdAt: began(n),
      updatedAt: began(n),
    });
    if (n % 5 === 0)
      relationships.push({
        ...common,
        id: `rel-nomca-${pad}-b`,
        status: 'active',
        displayName: `Second ${pad}`,
        createdAt: began(n, 500),
        updatedAt: began(n, 500),
      });
  }
  return { organizations, relationships };
}

const ENGINES = SEEDED_ENGINES;

const acting = async (store: Store, name: PersonaName) => {
  const user = persona(name);
  return { user, org: (await store.get('organizations', user.tenantId))! };
};

/** Page `page` of the list as `name` sees it, read through `reader` (the store itself unless told). */
const noMcaPage = async (store: Store, name: PersonaName, page: number, reader: Store = store) => {
  const result = await new RelationshipLists(reader, () => NOW).list(await acting(store, name), 'no-mca', page);
  if (!result.ok) throw new Error(result.refusal.code);
  if (result.value.kind !== 'no-mca') throw new Error(result.value.kind);
  return result.value.page;
};

describe.each(ENGINES)('%s: customers without the MCA, a page at a time through the withoutMca index', (_, open) => {
  const BOOK = 60;
  let store: Store;
  let dispose: () => Promise<void>;
  beforeAll(async () => ({ store, dispose } = await open(worldWith(NOW, book(BOOK)))));
  afterAll(() => dispose());

  /** What the list promises, from the whole book: live and approved ones of customers without the MCA, as they began. */
  async function expected(page: number): Promise<string[]> {
    const live = new Set<string>(['approved', 'active', 'expiring']);
    const all: { id: string; createdAt: string }[] = [];
    for (const r of await store.findBy('relationships', 'partner', DEMO_TENANTS.adatum)) {
      const customer = await store.get('organizations', r.customerTenantId);
      if (live.has(r.status) && customer?.kind === 'customer' && !customer.mcaAcceptanceId) all.push(r);
    }
    all.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || (a.id < b.id ? -1 : 1));
    const pages = Math.max(1, Math.ceil(all.length / PAGE_SIZE));
    const current = Math.min(page, pages);
    return all.slice((current - 1) * PAGE_SIZE, current * PAGE_SIZE).map((r) => r.id);
  }

  it.each([1, 2, 3, 5, 99])('page %i: one row per relationship, in the order they began', async (page) => {
    const shown = await noMcaPage(store, 'hana', page);
    const ids = shown.items.map((row) => row.relationship.id);
    expect(ids).toEqual(await expected(page));
    expect(ids.length).toBeGreaterThan(0);
    for (const row of shown.items) expect(row.customer.tenantId).toBe(row.relationship.customerTenantId);
  });

  it('a page past the end shows the last page, numbered as such', async () => {
    const shown = await noMcaPage(store, 'hana', 99);
    // Of 60: 30 are live or approved, 20 of those without the MCA, 2 of those resellers; and 7 second ones.
    expect([shown.page, shown.pages, shown.total, shown.first, shown.last]).toEqual([5, 5, 25, 21, 25]);
  });

  it('a customer with two relationships is on two rows, each naming it', async () => {
    const rows = [];
    for (let page = 1; page <= 5; page++) rows.push(...(await noMcaPage(store, 'hana', page)).items);
    const twice = rows.filter((row) => row.customer.primaryDomain === 'no-mca-20.example');
    expect(twice.map((row) => row.relationship.id)).toEqual(['rel-nomca-00020', 'rel-nomca-00020-b']);
    expect(rows).toHaveLength(25);
  });

  it('the customer side lists its own relationships, naming the partner, until it accepts', async () => {
    const shown = await noMcaPage(store, 'helen', 1);
    expect(shown.items.map((row) => [row.customer.name, row.partner?.name, row.relationship.id])).toEqual([
      ['Contoso Ltd', 'Litware Solutions', 'rel-litware-contoso'],
    ]);
  });
});

describe.each(ENGINES)('%s: customers without the MCA in a book of 1,000', (_, open) => {
  let store: Store;
  let dispose: () => Promise<void>;
  beforeAll(async () => ({ store, dispose } = await open(worldWith(NOW, book(1000)))));
  afterAll(() => dispose());

  it('page 3 reads its page and their customers, not the book', async () => {
    const { store: counted, reads } = counting(store);
    const shown = await noMcaPage(store, 'hana', 3, counted);
    expect(shown.items).toHaveLength(PAGE_SIZE);
    expect(shown.first).toBe(11);
    expect(shown.total).toBeGreaterThan(300);
    // The page's five relationships and one customer each (the old list read the 1,000 and every customer).
    expect(reads()).toBeLessThanOrEqual(2 * PAGE_SIZE);
  });
});
