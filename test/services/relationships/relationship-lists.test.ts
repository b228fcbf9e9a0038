import { daysBetween } from '../../../src/domain/lifecycle.js';
import { DEMO_TENANTS } from '../../../src/store/demo-world.js';
import { PAGE_SIZE, RelationshipLists } from '../../../src/services/relationships/relationship-lists.js';
import type { Store } from '../../../src/store/store.js';
import { persona } from '../../support/personas.js';
import { counting } from '../../support/counting-store.js';
import { NOW, tempStore } from '../../support/world.js';
import { expiringCustomers, pendingInvitation, worldWith } from '../helpdesk/helpdesk-fixtures.js';

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
