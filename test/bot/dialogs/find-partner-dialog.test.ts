import { FIND_VERBS } from '../../../src/bot/workflows/customer/find-partner-cards.js';
import { FIND_PARTNER_DIALOG } from '../../../src/bot/workflows/customer/find-partner-dialog.js';
import { DEMO_TENANTS } from '../../../src/store/demo-world.js';
import type { Store } from '../../../src/store/store.js';
import { useBotWorld } from '../../support/bot-world.js';
import { WorkflowDialogClient } from '../../support/dialog-client.js';
import { expectSeen, play, type Turn } from '../../support/dialog-turns.js';
import { persona } from '../../support/personas.js';

const carmen = persona('carmen'); // Contoso global admin

const SEARCH = { location: 'US', size: '51-250', keywords: 'security, teams' };
const CONTACT = {
  partners: DEMO_TENANTS.adatum,
  needs: 'We need help securing Microsoft 365 and moving to Teams phones.',
  contactName: 'Carmen Navarro',
  contactEmail: 'carmen@contoso.com',
};

/** FindPartnerDialog alone (DialogTestClient): each row is what Carmen does and what each turn shows. */
describe('FindPartnerDialog (DialogTestClient)', () => {
  const world = useBotWorld();
  const clients: WorkflowDialogClient[] = [];
  const client = (store: Store, locale = 'en-US') => {
    const c = new WorkflowDialogClient(store, carmen, FIND_PARTNER_DIALOG, {}, {}, locale);
    clients.push(c);
    return c;
  };
  afterEach(() => clients.splice(0).forEach((c) => c.stop()));
  const leads = async () => (await world.store.all('leads')).length;

  it.each<[string, Turn[], string[], number]>([
    [
      'the search form, the partners that match, then contact: one lead',
      [
        ['say', 'start'],
        ['click', FIND_VERBS.search, SEARCH],
        ['click', FIND_VERBS.contact, CONTACT],
      ],
      ['Find a partner', 'Adatum Cloud Partners: serves US', 'Your request was sent'],
      1,
    ],
    [
      'a search refused redraws the form with what to fix',
      [
        ['say', 'start'],
        ['click', FIND_VERBS.search, { location: 'Antarctica' }],
      ],
      ['Find a partner', 'No partner matches all of that'],
      0,
    ],
    [
      'a contact refused redraws the results with what was typed and saves nothing',
      [
        ['say', 'start'],
        ['click', FIND_VERBS.search, SEARCH],
        ['click', FIND_VERBS.contact, { ...CONTACT, needs: 'help' }],
      ],
      ['Find a partner', 'Partners that match', 'Describe your business needs'],
      0,
    ],
    [
      'a partner this search did not find cannot be contacted, whatever the card says',
      [
        ['say', 'start'],
        ['click', FIND_VERBS.search, SEARCH],
        ['click', FIND_VERBS.contact, { ...CONTACT, partners: DEMO_TENANTS.woodgrove }],
      ],
      ['Find a partner', 'Partners that match', 'One of the chosen partners is no longer in the directory'],
      0,
    ],
    [
      'help at the results shows what Carmen can do, then the results again',
      [
        ['say', 'start'],
        ['click', FIND_VERBS.search, SEARCH],
        ['say', 'help'],
      ],
      ['Find a partner', 'Partners that match', 'Help: what you can do'],
      0,
    ],
    [
      'cancel at the results ends it and says nothing was saved',
      [
        ['say', 'start'],
        ['click', FIND_VERBS.search, SEARCH],
        ['say', 'cancel'],
      ],
      ['Find a partner', 'Partners that match', 'Cancelled finding a partner. Nothing was saved.'],
      0,
    ],
    [
      'New search goes back to the form with what was typed, and searches again',
      [
        ['say', 'start'],
        ['click', FIND_VERBS.search, SEARCH],
        ['click', FIND_VERBS.newSearch],
        ['click', FIND_VERBS.search, { location: 'US', keywords: 'microsoft 365' }],
      ],
      [
        'Find a partner',
        'Partners that match',
        'security, teams',
        'Litware Solutions: serves US; offers microsoft 365',
      ],
      0,
    ],
    [
      'text that is not a command points at the open step',
      [
        ['say', 'start'],
        ['click', FIND_VERBS.search, SEARCH],
        ['say', 'adatum please'],
      ],
      ['Find a partner', 'Partners that match', 'the list of partners that match above is still open'],
      0,
    ],
    [
      'the search form, once the results are shown, changes nothing',
      [
        ['say', 'start'],
        ['click', FIND_VERBS.search, SEARCH],
        ['click', FIND_VERBS.search, { ...SEARCH, formTicket: 'an-old-card' }],
      ],
      ['Find a partner', 'Partners that match', 'This form is no longer active'],
      0,
    ],
  ])('%s', async (_name, turns, seen, saved) => {
    expectSeen(await play(client(world.store), turns), seen);
    expect(await leads()).toBe(saved);
  });

  it('the same search form submitted twice has one effect: the results, once', async () => {
    const c = client(world.store);
    await c.say('start');
    const { formTicket } = c.tickets.dataFor(FIND_VERBS.search);
    expect((await c.click(FIND_VERBS.search, SEARCH)).text).toContain('Partners that match');
    const results = c.tickets.dataFor(FIND_VERBS.contact);
    const twice = await c.click(FIND_VERBS.search, { location: 'Antarctica', formTicket });
    expect(twice.text).toContain('This form is no longer active');
    expect(twice.text).toContain("Type 'find partner' to start again");
    // Still at the results of the first search: contacting from them works.
    expect((await c.click(FIND_VERBS.contact, { ...CONTACT, ...results })).text).toContain('Your request was sent');
    expect(await leads()).toBe(1);
  });

  it('resumes after a restart: a new adapter on the same store continues at the results', async () => {
    const before = client(world.store);
    await before.say('start');
    await before.click(FIND_VERBS.search, SEARCH);
    const results = before.tickets.dataFor(FIND_VERBS.contact);
    const after = client(world.store);
    const sent = await after.click(FIND_VERBS.contact, { ...results, ...CONTACT });
    expect(sent.text).toContain('Your request was sent');
    expect((await world.store.all('leads')).map((l) => l.partnerTenantId)).toEqual([DEMO_TENANTS.adatum]);
  });

  it('speaks Spanish throughout, cancel included', async () => {
    const c = client(world.store, 'es-ES');
    expect((await c.say('empezar')).text).toContain('Buscar un partner');
    expect((await c.say('cancelar')).text).toContain('Se canceló la búsqueda de un partner');
  });
});
