import type { Organization, User } from '../../../src/domain/model.js';
import { findCounterpart } from '../../../src/services/relationships/status.js';
import { DEMO_TENANTS, DEMO_USERS } from '../../../src/store/demo-world.js';
import type { Store } from '../../../src/store/store.js';
import { NOW, org, tempStore } from '../../support/world.js';
import { contactedBy, worldWith } from '../helpdesk/helpdesk-fixtures.js';
import { persona } from '../../support/personas.js';

const acting = async (store: Store, user: (typeof DEMO_USERS)[number]) => {
  const u = (await store.get('users', user.id)) as User;
  return { user: u, org: (await store.get('organizations', u.tenantId)) as Organization };
};
const names = (found: Awaited<ReturnType<typeof findCounterpart>>) =>
  !found.ok
    ? found.refusal.code
    : found.value.kind === 'one'
      ? [found.value.org.name]
      : found.value.candidates.map((o) => o.name);

describe('the counterpart index behind status, timeline, can-we and the message extension', () => {
  const stranger = org({
    tenantId: 'a2000000-0000-4000-8000-000000000002',
    name: 'Quillfeather Mills',
    primaryDomain: 'quill.example',
  });
  let store: Store;
  let dispose: () => Promise<void>;
  beforeEach(async () => {
    ({ store, dispose } = await tempStore(
      worldWith(NOW, { organizations: [stranger] }, contactedBy(NOW, DEMO_TENANTS.adatum, DEMO_TENANTS.contoso)),
    ));
  });
  afterEach(async () => dispose());

  it('finds by spelling an organisation that became visible after the index was built, and not before', async () => {
    const hana = await acting(store, persona('hana'));
    expect(names(await findCounterpart(store, hana, 'contso'))).toEqual(['Contoso Ltd']);
    expect(names(await findCounterpart(store, hana, 'quilfeather'))).toBe('status-not-found');
    await store.transaction((tx) => {
      for (const lead of contactedBy(NOW, DEMO_TENANTS.adatum, stranger.tenantId).leads!) tx.insert('leads', lead);
    });
    expect(names(await findCounterpart(store, hana, 'quilfeather'))).toEqual(['Quillfeather Mills']);
  });

  it('finds a renamed organisation by its new name', async () => {
    const hana = await acting(store, persona('hana'));
    expect(names(await findCounterpart(store, hana, 'contso'))).toEqual(['Contoso Ltd']);
    await store.transaction(async (tx) => {
      const contoso = (await tx.get('organizations', DEMO_TENANTS.contoso))!;
      tx.update('organizations', { ...contoso, name: 'Contoso Pharmaceuticals' });
    });
    expect(names(await findCounterpart(store, hana, 'pharmaceutcals'))).toEqual(['Contoso Pharmaceuticals']);
  });

  it('no longer finds an organisation once nothing joins them', async () => {
    const hana = await acting(store, persona('hana'));
    expect(names(await findCounterpart(store, hana, 'contso'))).toEqual(['Contoso Ltd']);
    await store.transaction(async (tx) => {
      for (const lead of await tx.findBy('leads', 'customer', DEMO_TENANTS.contoso)) tx.remove('leads', lead);
    });
    expect(names(await findCounterpart(store, hana, 'contso'))).toBe('status-not-found');
  });
});
