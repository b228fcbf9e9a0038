import { daysBetween } from '../../../src/domain/lifecycle.js';
import { DEMO_TENANTS } from '../../../src/store/demo-world.js';
import { PAGE_SIZE, RelationshipLists } from '../../../src/services/relationships/relationship-lists.js';
import { RelationshipStatus } from '../../../src/domain/model.js';
import type { NewRecord, SeedData, Store } from '../../../src/store/store.js';
import { persona } from '../../support/personas.js';
import { counting } from '../../support/counting-store.js';
import { NOW, org, tempStore } from '../../support/world.js';
import { expiringCustomers, pendingInvitation, worldWith } from '../helpdesk/helpdesk-fixtures.js';
import { SEEDED_ENGINES } from '../../support/seeded-engines.js';

const PENDING = 23;
const seed = () =>
  worldWith(NOW, expiringCustomers(NOW, 14), {
    invitations: Array.from({ length: PENDING }, (_, n) => pendingInvitation(NOW, n + 1, (n * 7) % 80)),
  });

describe('helpdesk lists, a page at a time through an ordered index', () => {
  let store: Store;
  let dispose: () => Promise<void>;
  beforeEach(async () => ({ store, dispose } = await tempStore(seed())));
  afterEach(() => dispose());
  const hana = async () => ({
    user: persona('hana'),
    org: (await store.get('organizations', DEMO_TENANTS.adatum))!,
  });

  /** What the list showed before it paged through an index: the whole book, filtered, sorted, sliced. */
  async function expected(kind: 'pending' | 'expiring', page: number): Promise<string[]> {
    const all =
      kind === 'pending'
        ? (await store.findBy('invitations', 'partner', DEMO_TENANTS.adatum))
            .filter((i) => i.status === 'created' || i.status === 'approval-pending')
            .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
        : (await store.findBy('relationships', 'partner', DEMO_TENANTS.adatum))
            .filter(
              (r) =>
                (r.status === 'active' || r.status === 'expiring') &&
                r.adminAccess &&
                !r.adminAccess.removedAt &&
                daysBetween(NOW, new Date(r.adminAccess.endAt)) < 30,
            )
            .sort((a, b) => a.adminAccess!.endAt.localeCompare(b.adminAccess!.endAt));
    const pages = Math.max(1, Math.ceil(all.length / PAGE_SIZE));
    const current = Math.min(page, pages);
    return all.slice((current - 1) * PAGE_SIZE, current * PAGE_SIZE).map((x) => x.id);
  }

  it.each([
    ['pending', 1],
    ['pending', 2],
    ['pending', 5],
    ['pending', 99],
    ['expiring', 1],
    ['expiring', 2],
    ['expiring', 99],
  ] as const)('%s page %i shows what it showed before', async (kind, page) => {
    const lists = new RelationshipLists(store, () => NOW);
    const result = await lists.list(await hana(), kind, page);
    if (!result.ok) throw new Error(result.refusal.code);
    const ids = result.value.page.items.map((row) =>
      'invitation' in row ? row.invitation.id : 'relationship' in row ? row.relationship.id : '',
    );
    expect(ids).toEqual(await expected(kind, page));
    expect(ids.length).toBeGreaterThan(0);
  });

  it.each(['pending', 'expiring'] as const)('%s page 2 reads one page of records, not the book', async (kind) => {
    const { store: counted, reads } = counting(store);
    const acting = await hana();
    const result = await new RelationshipLists(counted, () => NOW).list(acting, kind, 2);
    if (!result.ok) throw new Error(result.refusal.code);
    expect(result.value.page.items).toHaveLength(PAGE_SIZE);
    // The page's records and one counterpart organisation each.
    expect(reads()).toBeLessThanOrEqual(2 * PAGE_SIZE);
  });
});

const STATES = RelationshipStatus.options;
const DAY = 86_400_000;
const began = (n: number) => new Date(NOW.getTime() - (2000 - Math.floor(n / 12)) * DAY).toISOString();
/**
 * `count` Adatum customers, one relationship each, in every state in turn; each twelve began on one day, so
 * within a state the id decides between two. The later one began, the earlier its customer's name sorts:
 * the old by-name order and the order they began disagree. Contoso also gets `count` partners of its own.
 */
function book(count: number): SeedData {
  const organizations: NewRecord<'organizations'>[] = [];
  const relationships: NewRecord<'relationships'>[] = [];
  for (let n = 0; n < count; n++) {
    const pad = String(n).padStart(5, '0');
    const customer = `b0000000-0000-4000-8000-${pad.padStart(12, '0')}`;
    const partner = `c0000000-0000-4000-8000-${pad.padStart(12, '0')}`;
    organizations.push(
      org({ tenantId: customer, name: `Book Customer ${count - n}`, primaryDomain: `book-${n}.example` }),
      org({
        tenantId: partner,
        name: `Book Partner ${count - n}`,
        primaryDomain: `bp-${n}.example`,
        kind: 'direct-reseller',
      }),
    );
    const common = { adminAccess: null, createdAt: began(n), updatedAt: began(n) };
    const status = STATES[n % STATES.length]!;
    relationships.push(
      {
        ...common,
        types: ['reseller'],
        id: `rel-book-${pad}`,
        status,
        partnerTenantId: DEMO_TENANTS.adatum,
        customerTenantId: customer,
      },
      {
        ...common,
        types: ['reseller'],
        id: `rel-side-${pad}`,
        status,
        partnerTenantId: partner,
        customerTenantId: DEMO_TENANTS.contoso,
      },
    );
  }
  return { organizations, relationships };
}

const ENGINES = SEEDED_ENGINES;

describe.each(ENGINES)('%s: relationships by state, a page at a time through the byState index', (_, open) => {
  const BOOK = 40;
  let store: Store;
  let dispose: () => Promise<void>;
  beforeAll(async () => ({ store, dispose } = await open(worldWith(NOW, book(BOOK)))));
  afterAll(() => dispose());
  const acting = async (name: 'hana' | 'helen') => {
    const user = persona(name);
    return { user, org: (await store.get('organizations', user.tenantId))! };
  };

  /** The order the list promises: state in RelationshipStatus order, then when they began, then id. */
  async function expected(name: 'hana' | 'helen', page: number, state?: RelationshipStatus): Promise<string[]> {
    const side = name === 'hana' ? 'partner' : 'customer';
    const all = (await store.findBy('relationships', side, (await acting(name)).org.tenantId))
      .filter((r) => state === undefined || r.status === state)
      .sort(
        (a, b) =>
          STATES.indexOf(a.status) - STATES.indexOf(b.status) ||
          a.createdAt.localeCompare(b.createdAt) ||
          (a.id < b.id ? -1 : 1),
      );
    const pages = Math.max(1, Math.ceil(all.length / PAGE_SIZE));
    const current = Math.min(page, pages);
    return all.slice((current - 1) * PAGE_SIZE, current * PAGE_SIZE).map((r) => r.id);
  }

  const shown = async (name: 'hana' | 'helen', page: number, state?: RelationshipStatus) => {
    const result = await new RelationshipLists(store, () => NOW).list(await acting(name), 'by-state', page, state);
    if (!result.ok) throw new Error(result.refusal.code);
    if (result.value.kind !== 'by-state') throw new Error(result.value.kind);
    return { page: result.value.page, ids: result.value.page.items.map((row) => row.relationship.id) };
  };

  it.each([
    ['hana', 1, undefined],
    ['hana', 3, undefined],
    ['hana', 9, undefined],
    ['hana', 99, undefined],
    ['hana', 1, 'active'],
    ['hana', 2, 'terminated'],
    ['hana', 99, 'expired'],
    ['helen', 1, undefined],
    ['helen', 4, undefined],
    ['helen', 2, 'approved'],
  ] as const)('%s, page %i, state %s: by state, then the order they began', async (name, page, state) => {
    const { ids } = await shown(name, page, state);
    expect(ids).toEqual(await expected(name, page, state));
    expect(ids.length).toBeGreaterThan(0);
  });

  it('a page past the end shows the last page, numbered as such', async () => {
    const { page, ids } = await shown('hana', 99);
    // Adatum: the book and the demo world's relationship with Fabrikam.
    expect([page.page, page.pages, page.total, page.first, page.last]).toEqual([9, 9, BOOK + 1, 41, 41]);
    expect(ids).toEqual(['rel-book-00035']); // terminated, the last state, and the last of them to begin
  });

  it('a state filter shows that state only, in the order they began', async () => {
    const { page, ids } = await shown('hana', 1, 'expiring');
    expect(page.total).toBe(7); // 2, 8, 14 … 38: one in six
    expect(ids).toEqual(['rel-book-00002', 'rel-book-00008', 'rel-book-00014', 'rel-book-00020', 'rel-book-00026']);
  });

  it('the customer side lists its partners, not Adatum’s customers', async () => {
    const { page, ids } = await shown('helen', 1);
    expect(page.total).toBe(BOOK + 1); // the book's partners and Litware
    expect(page.items.every((row) => row.relationship.customerTenantId === DEMO_TENANTS.contoso)).toBe(true);
    expect(ids[0]).toBe('rel-side-00000');
  });
});

describe('relationships by state in a book of 1,000', () => {
  let store: Store;
  let dispose: () => Promise<void>;
  beforeAll(async () => ({ store, dispose } = await tempStore(worldWith(NOW, book(1000)))));
  afterAll(() => dispose());

  it.each([undefined, 'active'] as const)(
    'page 3 (state %s) reads its page and their counterparts, not the book',
    async (state) => {
      const { store: counted, reads } = counting(store);
      const hana = persona('hana');
      const acting = { user: hana, org: (await store.get('organizations', hana.tenantId))! };
      const result = await new RelationshipLists(counted, () => NOW).list(acting, 'by-state', 3, state);
      if (!result.ok) throw new Error(result.refusal.code);
      expect(result.value.page.items).toHaveLength(PAGE_SIZE);
      expect(result.value.page.first).toBe(11);
      // The page's five relationships and one counterpart organisation each (the old list read all 1,000).
      expect(reads()).toBeLessThanOrEqual(2 * PAGE_SIZE);
    },
  );
});
