import {
  findCounterpart,
  foldText,
  relationshipsWith,
  visibleRelationships,
} from '../../../src/services/relationships/status.js';
import { DEMO_USERS } from '../../../src/store/demo-world.js';
import type { Organization, User } from '../../../src/domain/model.js';
import type { Store } from '../../../src/store/store.js';
import { NOW, org, tempStore } from '../../support/world.js';
import { contactedBy, worldWith } from '../helpdesk/helpdesk-fixtures.js';
import { DEMO_TENANTS } from '../../../src/store/demo-world.js';
import { persona } from '../../support/personas.js';

const byId = async (store: Store, user: (typeof DEMO_USERS)[number]) => {
  const u = (await store.get('users', user.id)) as User;
  return { user: u, org: (await store.get('organizations', u.tenantId)) as Organization };
};

describe('finding the organisation a helpdesk user names', () => {
  let store: Store;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    const spanish = org({
      tenantId: 'a1000000-0000-4000-8000-000000000001',
      name: 'Compañía Ibérica de Señales',
      primaryDomain: 'iberica.es',
    });
    // Every customer but Fabrikam (a relationship already) contacted Adatum, so Adatum may look them up.
    const T = DEMO_TENANTS;
    const known = [T.contoso, T.northwind, T.tailspin, T.wingtip, spanish.tenantId];
    ({ store, dispose } = await tempStore(
      worldWith(NOW, { organizations: [spanish] }, contactedBy(NOW, T.adatum, ...known)),
    ));
  });
  afterAll(async () => dispose());

  it.each([
    ['fabrikam.us', 'one', ['Fabrikam Inc']],
    ['FABRIKAM.US', 'one', ['Fabrikam Inc']],
    ['fabrikam', 'one', ['Fabrikam Inc']],
    ['fabri', 'one', ['Fabrikam Inc']],
    ['northwind traders', 'one', ['Northwind Traders']],
    ['tailspn', 'one', ['Tailspin Toys']],
    ['contso', 'one', ['Contoso Ltd']],
    ['toys', 'did-you-mean', ['Tailspin Toys', 'Wingtip Toys China']],
    ['compania iberica', 'one', ['Compañía Ibérica de Señales']],
    ['Compañía', 'one', ['Compañía Ibérica de Señales']],
    ['senales', 'one', ['Compañía Ibérica de Señales']],
  ])('%s → %s', async (query, kind, names) => {
    const hana = await byId(store, persona('hana'));
    const found = await findCounterpart(store, hana, query);
    expect(found.ok).toBe(true);
    if (!found.ok) return;
    const got = found.value.kind === 'one' ? [found.value.org.name] : found.value.candidates.map((o) => o.name).sort();
    expect([found.value.kind, got]).toEqual([kind, names]);
  });

  it.each([
    ['nowhere', 'status-not-found'],
    ['   ', 'helpdesk-name-missing'],
  ])('%j is refused with %s', async (query, code) => {
    const found = await findCounterpart(store, await byId(store, persona('hana')), query);
    expect(found.ok ? undefined : found.refusal.code).toBe(code);
  });

  it("never matches the user's own organisation", async () => {
    const found = await findCounterpart(store, await byId(store, persona('hana')), 'adatum.com');
    expect(found.ok ? undefined : found.refusal.code).toBe('status-not-found');
  });

  it('needs view customers (partner) or view partners (customer)', async () => {
    const umar = await findCounterpart(store, await byId(store, persona('umar')), 'fabrikam');
    expect(umar.ok ? undefined : umar.refusal.neededRoles).toEqual([
      'admin-agent',
      'sales-agent',
      'helpdesk-agent',
      'global-admin',
    ]);
    const omar = await findCounterpart(store, await byId(store, persona('omar')), 'litware');
    expect(omar.ok ? undefined : omar.refusal.neededRoles).toEqual(['global-admin', 'billing-admin', 'helpdesk-admin']);
  });

  it("shows a partner only its own relationships and a customer only its own organisation's", async () => {
    const hana = await byId(store, persona('hana'));
    expect((await visibleRelationships(store, hana)).map((r) => r.id)).toEqual(['rel-adatum-fabrikam']);
    const helen = await byId(store, persona('helen'));
    expect((await visibleRelationships(store, helen)).map((r) => r.id)).toEqual(['rel-litware-contoso']);
    const contoso = (await store.get('organizations', helen.org.tenantId))!;
    expect(await relationshipsWith(store, hana, contoso)).toEqual([]);
  });

  it('folds accents and case', () => {
    expect(foldText('  Compañía  IBÉRICA ')).toBe('compania iberica');
  });
});
