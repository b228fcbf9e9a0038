import { NEW_CUSTOMER_DIALOG } from '../../../src/bot/workflows/partner/new-customer.js';
import { PARTNER_VERBS } from '../../../src/bot/workflows/partner/verbs.js';
import type { Store } from '../../../src/store/store.js';
import { useBotWorld } from '../../support/bot-world.js';
import { WorkflowDialogClient } from '../../support/dialog-client.js';
import { persona } from '../../support/personas.js';
import { expectSeen, play, type Turn } from '../../support/dialog-turns.js';

const alex = persona('alex'); // Adatum admin agent
const SUBMIT = PARTNER_VERBS.newCustomerSubmit;
const ALPINE = {
  name: 'Alpine Ski House',
  domain: 'alpineskihouse.com',
  countryRegion: 'US',
  contactName: 'Ana Alpine',
  contactEmail: 'ana@alpineskihouse.com',
};

/** NewCustomerDialog alone (DialogTestClient): each row is what Alex does and what each turn shows. */
describe('NewCustomerDialog (DialogTestClient)', () => {
  const world = useBotWorld();
  const clients: WorkflowDialogClient[] = [];
  const client = (store: Store, locale = 'en-US') => {
    const c = new WorkflowDialogClient(store, alex, NEW_CUSTOMER_DIALOG, {}, {}, locale);
    clients.push(c);
    return c;
  };
  afterEach(() => clients.splice(0).forEach((c) => c.stop()));
  const created = async () => (await world.store.findBy('organizations', 'domain', 'alpineskihouse.com')).length;

  it.each<[string, Turn[], string[], number]>([
    [
      'the form, then the customer created with its reseller relationship',
      [
        ['say', 'start'],
        ['click', SUBMIT, ALPINE],
      ],
      ['Add a new customer', 'Alpine Ski House added as your customer'],
      1,
    ],
    [
      'a refusal redraws the form with why, and saves nothing',
      [
        ['say', 'start'],
        ['click', SUBMIT, { ...ALPINE, domain: 'alpine' }],
      ],
      ['Add a new customer', "Give the company's domain"],
      0,
    ],
    [
      'after a refusal the same form, corrected, creates it',
      [
        ['say', 'start'],
        ['click', SUBMIT, { ...ALPINE, countryRegion: 'USA' }],
        ['click', SUBMIT, ALPINE],
      ],
      ['Add a new customer', 'two letters', 'Alpine Ski House added as your customer'],
      1,
    ],
    [
      'help shows what Alex can do, then the form again',
      [
        ['say', 'start'],
        ['say', 'help'],
      ],
      ['Add a new customer', 'Help: what you can do'],
      0,
    ],
    [
      'cancel ends it and says nothing was saved',
      [
        ['say', 'start'],
        ['say', 'cancel'],
      ],
      ['Add a new customer', 'Cancelled adding a new customer. Nothing was saved.'],
      0,
    ],
    [
      'text that is not a command points at the open form',
      [
        ['say', 'start'],
        ['say', 'alpine ski house please'],
      ],
      ['Add a new customer', 'the new customer form above is still open'],
      0,
    ],
    [
      'a card that is not the one shown changes nothing',
      [
        ['say', 'start'],
        ['click', SUBMIT, { ...ALPINE, formTicket: 'an-old-card' }],
      ],
      ['Add a new customer', 'This form is no longer active'],
      0,
    ],
  ])('%s', async (_name, turns, seen, saved) => {
    expectSeen(await play(client(world.store), turns), seen);
    expect(await created()).toBe(saved);
  });

  it('a card answers once: after a refusal redrew the form, the first card again changes nothing', async () => {
    const c = client(world.store);
    await c.say('start');
    const { formTicket } = c.tickets.dataFor(SUBMIT);
    await c.click(SUBMIT, { ...ALPINE, name: '' });
    const twice = await c.click(SUBMIT, { ...ALPINE, formTicket });
    expect(twice.text).toContain('This form is no longer active');
    expect(twice.text).toContain("Type 'new customer' to start again");
    expect(await created()).toBe(0);
    // (Submitting a form that already created the customer is the journey in new-customer.test.ts: a
    // DialogTestClient begins the dialog afresh once it ended.)
    expect((await c.click(SUBMIT, ALPINE)).text).toContain('Alpine Ski House added as your customer');
    expect(await created()).toBe(1);
  });

  it('resumes after a restart: a new adapter on the same store submits the form the first one showed', async () => {
    const before = client(world.store);
    await before.say('start');
    const form = before.tickets.dataFor(SUBMIT);
    const after = client(world.store);
    expect((await after.click(SUBMIT, { ...ALPINE, ...form })).text).toContain(
      'Alpine Ski House added as your customer',
    );
    expect(await created()).toBe(1);
  });

  it('speaks Spanish throughout, cancel included', async () => {
    const c = client(world.store, 'es-ES');
    expect((await c.say('empezar')).text).toContain('Agregar un cliente nuevo');
    expect((await c.say('cancelar')).text).toContain('Se canceló el alta de un cliente nuevo');
  });
});
