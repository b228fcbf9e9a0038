import { PARTNER_VERBS } from '../../../../src/bot/workflows/partner/verbs.js';
import { DEMO_TENANTS } from '../../../../src/store/demo-world.js';
import type { Store } from '../../../../src/store/store.js';
import type { Person } from '../../../support/activities.js';
import { tempStore } from '../../../support/world.js';
import { BotHarness } from '../../../support/bot-harness.js';
import { alex, hana, partnerWorld, sam } from './partner-world.js';

const ALPINE = {
  name: 'Alpine Ski House',
  domain: 'AlpineSkiHouse.com',
  countryRegion: 'us',
  contactName: 'Ana Alpine',
  contactEmail: 'ana@alpineskihouse.com',
};

describe('Add a new customer (rule 9)', () => {
  let store: Store;
  let dispose: () => Promise<void>;
  const as = (person: Person, locale = 'en-US') => new BotHarness(store, person, {}, locale);
  const counts = async () => [
    (await store.all('organizations')).length,
    (await store.all('relationships')).length,
    (await store.all('auditEvents')).length,
  ];

  beforeEach(async () => {
    ({ store, dispose } = await tempStore(partnerWorld()));
  });
  afterEach(() => dispose());

  it('creates the customer organisation and the active reseller relationship at once, audited', async () => {
    const bot = as(sam);
    const form = await bot.sayWithCards('new customer');
    expect(form.text).toContain('Add a new customer');
    expect(JSON.stringify(form.cards[0])).toContain('"value":"US"');

    const { formTicket: ticket } = bot.tickets.dataFor(PARTNER_VERBS.newCustomerSubmit);
    const done = await bot.click(PARTNER_VERBS.newCustomerSubmit, ALPINE);
    expect(done.text).toContain('Alpine Ski House added as your customer');
    expect(done.text).toContain('no invitation was needed');
    expect(JSON.stringify(done.card)).not.toContain('Action.Execute');

    const [customer] = await store.findBy('organizations', 'domain', 'alpineskihouse.com');
    expect(customer).toMatchObject({
      name: 'Alpine Ski House',
      kind: 'customer',
      countryRegion: 'US',
      cloud: 'public',
    });
    const [relationship] = await store.findBy('relationships', 'customer', customer!.tenantId);
    expect(relationship).toMatchObject({
      partnerTenantId: DEMO_TENANTS.adatum,
      types: ['reseller'],
      adminAccess: null,
      status: 'active',
    });
    const events = [
      ...(await store.findBy('auditEvents', 'target', `organization/${customer!.tenantId}`)),
      ...(await store.findBy('auditEvents', 'target', `relationship/${relationship!.id}`)),
    ];
    expect(events.map((e) => [e.action, e.actor?.name])).toEqual([
      ['organization.created', sam.name],
      ['relationship.created', sam.name],
    ]);

    // The same card again changes nothing; a new form finds the organisation it created, which now needs an
    // invitation.
    const before = await counts();
    const twice = await bot.click(PARTNER_VERBS.newCustomerSubmit, { ...ALPINE, formTicket: ticket });
    expect(twice.text).toContain('This form is no longer active');
    expect(await counts()).toEqual(before);
    await bot.say('new customer');
    const again = await bot.click(PARTNER_VERBS.newCustomerSubmit, ALPINE);
    expect(again.text).toContain('That domain belongs to Alpine Ski House');
    expect(await counts()).toEqual(before);
  });

  it.each<[string, Person, Partial<typeof ALPINE>, string]>([
    // Adatum has nothing to do with Contoso: it is told the domain it typed is taken, not whose it is.
    ['an existing organisation', alex, { domain: 'contoso.com' }, 'That domain belongs to contoso.com'],
    ['an existing customer of ours', alex, { domain: 'fabrikam.us' }, 'That domain belongs to Fabrikam Inc'],
    ['a missing name', alex, { name: ' ' }, "Give the company's name"],
    ['a bad domain', alex, { domain: 'alpine' }, "Give the company's domain"],
    ['a bad country', alex, { countryRegion: 'USA' }, 'two letters'],
    ['a bad contact email', alex, { contactEmail: 'ana' }, "primary contact's name and a valid email"],
    [
      'a customer outside the partner country (rule 1)',
      alex,
      { countryRegion: 'ES' },
      'only be requested with a customer in your own country or region (US); this customer is in ES',
    ],
  ])('refuses %s in the form, saving nothing', async (_name, person, change, message) => {
    const before = await counts();
    const bot = as(person);
    await bot.say('new customer');
    const { text, card } = await bot.click(PARTNER_VERBS.newCustomerSubmit, { ...ALPINE, ...change });
    expect(text).toContain(message);
    expect(text).toContain('Add customer');
    // Redrawn with what was typed.
    expect(JSON.stringify(card)).toContain(`"value":"${{ ...ALPINE, ...change }.contactEmail}"`);
    expect(await counts()).toEqual(before);
  });

  it('refuses a helpdesk agent before the form is read, naming the roles needed and saving nothing', async () => {
    const before = await counts();
    const bot = as(hana);
    expect(await bot.say('new customer')).toContain('This needs the role: Admin agent or Sales agent or Global admin.');
    const { text } = await bot.click(PARTNER_VERBS.newCustomerSubmit, ALPINE);
    expect(text).toContain('This needs the role: Admin agent or Sales agent or Global admin.');
    expect(await counts()).toEqual(before);
  });

  it('speaks Spanish', async () => {
    const bot = as(alex, 'es-ES');
    await bot.say('cliente nuevo');
    const { text } = await bot.click(PARTNER_VERBS.newCustomerSubmit, { ...ALPINE, domain: 'x' });
    expect(text).toContain('Agregar un cliente nuevo');
    expect(text).toContain('Indique el dominio de la empresa');
  });
});
