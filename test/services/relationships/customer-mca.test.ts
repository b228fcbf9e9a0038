import type { Enrollment } from '../../../src/domain/model.js';
import { AcceptanceService } from '../../../src/services/invitations/acceptance.js';
import { CustomerAgreement } from '../../../src/services/invitations/customer-agreement.js';
import { NewCustomerService } from '../../../src/services/invitations/new-customer.js';
import { rekeyOrganization } from '../../../src/services/invitations/organization-rekey.js';
import { RelationshipLists } from '../../../src/services/relationships/relationship-lists.js';
import { becomeIndirectReseller } from '../../../src/services/two-tier/enrollment-approval.js';
import { TwoTierService } from '../../../src/services/two-tier/two-tier.js';
import { DEMO_TENANTS, demoWorld } from '../../../src/store/demo-world.js';
import type { Store } from '../../../src/store/store.js';
import { sendInvitation } from '../../support/invitations.js';
import { persona, type PersonaName } from '../../support/personas.js';
import { NOW, tempStore } from '../../support/world.js';

const T = DEMO_TENANTS;
const CLAIMED = 'f0000000-0000-4000-8000-0000000000c1';

const acting = async (store: Store, name: PersonaName) => {
  const user = persona(name);
  return { user, org: (await store.get('organizations', user.tenantId))! };
};

/** What `name`'s `no mca` list shows: each row's customer and relationship name (or types). */
async function noMca(store: Store, name: PersonaName): Promise<string[]> {
  const result = await new RelationshipLists(store, () => NOW).list(await acting(store, name), 'no-mca', 1);
  if (!result.ok || result.value.kind !== 'no-mca') throw new Error('no list');
  return result.value.page.items.map(({ customer, relationship }) => `${customer.name}: ${relationship.types}`);
}

async function addNewCustomer(store: Store): Promise<string> {
  const added = await new NewCustomerService(store, () => NOW).add(await acting(store, 'alex'), {
    name: 'Brand New Ltd',
    domain: 'brandnew.example',
    countryRegion: 'US',
    contactName: 'Bea New',
    contactEmail: 'bea@brandnew.example',
  });
  if (!added.ok) throw new Error(added.refusal.code);
  return added.value.customer.tenantId;
}

/** Contoso's application as it stands once the operator approves it. */
const contosoEnrollment = (): Enrollment => ({
  id: 'enrollment-contoso',
  version: 1,
  tenantId: T.contoso,
  legalName: 'Contoso Ltd',
  address: { street: '1 Main St', city: 'Redmond', postalCode: '98052', countryRegion: 'US' },
  primaryContact: { name: 'Carmen Navarro', email: persona('carmen').email },
  support: { email: 'support@contoso.com', phone: '+1 425 555 0100' },
  mpnId: '5550002',
  status: 'in-review',
  verification: { codeHash: '0'.repeat(64), expiresAt: NOW.toISOString(), attempts: 0 },
  submittedBy: { userId: persona('carmen').id, name: 'Carmen Navarro', tenantId: T.contoso },
  history: [],
  createdAt: NOW.toISOString(),
});

describe('what each writer leaves the no-mca list saying', () => {
  let store: Store;
  let dispose: () => Promise<void>;
  beforeEach(async () => ({ store, dispose } = await tempStore(demoWorld(NOW))));
  afterEach(() => dispose());

  it('the demo world: Litware’s Contoso is listed, Adatum’s Fabrikam (accepted) is not', async () => {
    expect(await noMca(store, 'lidia')).toEqual(['Contoso Ltd: reseller']);
    expect(await noMca(store, 'hana')).toEqual([]);
  });

  it.each<[string, (store: Store) => Promise<unknown>, { lidia: string[]; hana: string[] }]>([
    [
      'a partner adds a brand-new customer: listed, it has accepted nothing',
      addNewCustomer,
      { lidia: ['Contoso Ltd: reseller'], hana: ['Brand New Ltd: reseller'] },
    ],
    [
      'the customer accepts the MCA alone: all its relationships leave every partner’s list',
      async (store) => {
        const accepted = await new CustomerAgreement(store, () => NOW).accept(await acting(store, 'carmen'), true);
        if (!accepted.ok) throw new Error(accepted.refusal.code);
      },
      { lidia: [], hana: [] },
    ],
    [
      'the customer accepts an invitation, and the MCA with it: the new relationship and the old leave',
      async (store) => {
        const { id } = await sendInvitation(store);
        const service = new AcceptanceService(store, () => NOW, { singleDelegatedAdminPartner: false });
        const accepted = await service.accept(await acting(store, 'carmen'), id, { acknowledged: true });
        if (!accepted.ok) throw new Error(accepted.refusal.code);
      },
      { lidia: [], hana: [] },
    ],
    [
      'the customer becomes an indirect reseller, which needs no MCA',
      (store) => store.transaction((tx) => becomeIndirectReseller(tx, contosoEnrollment(), NOW)),
      { lidia: [], hana: [] },
    ],
    [
      'a reseller authorises its indirect provider: a reseller needs no MCA',
      async (store) => {
        const twoTier = new TwoTierService(store, () => NOW, { singleDelegatedAdminPartner: false });
        const invited = await twoTier.inviteReseller(await acting(store, 'paul'), T.woodgrove);
        if (!invited.ok) throw new Error(invited.refusal.code);
        const authorized = await twoTier.authorize(await acting(store, 'rita'), invited.value.id, true);
        if (!authorized.ok) throw new Error(authorized.refusal.code);
      },
      { lidia: ['Contoso Ltd: reseller'], hana: [] },
    ],
    [
      'a new customer claimed by its real tenant: its relationship moves and still says so',
      async (store) => {
        const placeholder = await addNewCustomer(store);
        await store.transaction(async (tx) =>
          rekeyOrganization(tx, (await tx.get('organizations', placeholder))!, CLAIMED),
        );
      },
      { lidia: ['Contoso Ltd: reseller'], hana: ['Brand New Ltd: reseller'] },
    ],
  ])('%s', async (_, change, lists) => {
    await change(store);
    expect({ lidia: await noMca(store, 'lidia'), hana: await noMca(store, 'hana') }).toEqual(lists);
    // Whoever wrote them, every relationship says it, and says what its customer says.
    for (const r of await store.all('relationships')) {
      const customer = await store.get('organizations', r.customerTenantId);
      expect([r.id, r.customerMcaMissing]).toEqual([r.id, customer?.kind === 'customer' && !customer.mcaAcceptanceId]);
    }
  });

  it('a claimed customer’s relationship is listed under its new tenant id', async () => {
    const placeholder = await addNewCustomer(store);
    await store.transaction(async (tx) =>
      rekeyOrganization(tx, (await tx.get('organizations', placeholder))!, CLAIMED),
    );
    const [moved] = await store.findBy('relationships', 'customer', CLAIMED);
    expect(moved).toMatchObject({ customerTenantId: CLAIMED, customerMcaMissing: true });
  });
});
