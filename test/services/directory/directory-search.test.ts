import { randomUUID } from 'node:crypto';
import { DirectorySearch } from '../../../src/services/directory/directory-search.js';
import { demoWorld, DEMO_TENANTS } from '../../../src/store/demo-world.js';
import type { Store } from '../../../src/store/store.js';
import { counting } from '../../support/counting-store.js';
import { persona } from '../../support/personas.js';
import { NOW, tempStore } from '../../support/world.js';

const CUSTOMERS = 500;

describe('find a partner over a large directory', () => {
  let store: Store;
  let dispose: () => Promise<void>;
  beforeEach(async () => {
    ({ store, dispose } = await tempStore(demoWorld(NOW)));
    await store.transaction((tx) => {
      for (let n = 0; n < CUSTOMERS; n++) {
        const id = randomUUID();
        tx.insert('organizations', {
          id,
          tenantId: id,
          name: `Customer ${n}`,
          primaryDomain: `customer-${n}.example`,
          kind: 'customer',
          countryRegion: 'US',
          cloud: 'public',
          createdAt: NOW.toISOString(),
        });
      }
    });
  });
  afterEach(() => dispose());

  it('reads the listed partners only, not every organisation', async () => {
    const { store: counted, reads } = counting(store);
    const carmen = persona('carmen');
    const user = (await store.findBy('users', 'email', carmen.email))[0]!;
    const org = (await store.get('organizations', DEMO_TENANTS.contoso))!;
    const result = await new DirectorySearch(counted, () => NOW).search(
      { user, org },
      { location: 'US', size: '', keywords: 'security' },
    );
    if (!result.ok) throw new Error(result.refusal.code);
    expect(result.value.map((m) => m.partner.name)).toContain('Adatum Cloud Partners');
    const listed = (await store.all('organizations')).filter((o) => o.kind !== 'customer' && o.listing).length;
    expect(listed).toBeGreaterThan(0);
    expect(reads()).toBeLessThanOrEqual(listed);
  });
});
