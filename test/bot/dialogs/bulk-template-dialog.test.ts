import { BULK_TEMPLATE_DIALOG } from '../../../src/bot/workflows/access/bulk-template-request.js';
import { ACCESS_VERBS } from '../../../src/bot/workflows/access/verbs.js';
import type { Store } from '../../../src/store/store.js';
import { useBotWorld } from '../../support/bot-world.js';
import { WorkflowDialogClient } from '../../support/dialog-client.js';
import { expectSeen, play, type Turn } from '../../support/dialog-turns.js';
import { persona } from '../../support/personas.js';

const alex = persona('alex'); // Adatum admin agent
const TEMPLATE = 'template-adatum-helpdesk';
// Fabrikam is Adatum's customer; nowhere.example is no one.
const LIST = 'Fabrikam Inc, nowhere.example';
const { templateBulkReview: REVIEW, templateBulkRun: RUN, templateBulkBack: BACK } = ACCESS_VERBS;
const OF = { templateId: TEMPLATE };

/** BulkTemplateDialog alone (DialogTestClient): the list, its confirmation (Edit goes back), then the run. */
describe('BulkTemplateDialog (DialogTestClient)', () => {
  const world = useBotWorld();
  const clients: WorkflowDialogClient[] = [];
  const client = (store: Store, locale = 'en-US') => {
    const c = new WorkflowDialogClient(store, alex, BULK_TEMPLATE_DIALOG, OF, { FOUR_EYES: 'false' }, locale);
    clients.push(c);
    return c;
  };
  afterEach(() => clients.splice(0).forEach((c) => c.stop()));
  const invitations = async () => (await world.store.findBy('invitations', 'partner', alex.tenantId)).length;

  it.each<[string, Turn[], string[], number]>([
    [
      'the list, the confirmation, then one request per customer',
      [
        ['say', 'start'],
        ['click', REVIEW, { ...OF, customers: LIST }],
        ['click', RUN, OF],
      ],
      ['List up to 25 customers', 'Fabrikam Inc\nA request will be sent (fabrikam.us)', '1 of 2 done.'],
      1,
    ],
    [
      'more than 25 customers: the list again with why, nothing requested',
      [
        ['say', 'start'],
        ['click', REVIEW, { ...OF, customers: Array.from({ length: 26 }, (_, n) => `c${n}.example`).join(', ') }],
      ],
      ['List up to 25 customers', 'you listed 26. Nothing was requested.'],
      0,
    ],
    [
      'Edit on the confirmation returns to the list as typed',
      [
        ['say', 'start'],
        ['click', REVIEW, { ...OF, customers: LIST }],
        ['click', BACK, OF],
      ],
      ['List up to 25 customers', 'Yes, request for this customer', LIST],
      0,
    ],
    [
      'a card naming another template than the run is for is refused',
      [
        ['say', 'start'],
        ['click', REVIEW, { templateId: 'template-elsewhere', customers: LIST }],
      ],
      ['List up to 25 customers', "I cannot find that, or it is not your organisation's"],
      0,
    ],
    [
      'help at the confirmation shows what Alex can do, then the confirmation again',
      [
        ['say', 'start'],
        ['click', REVIEW, { ...OF, customers: LIST }],
        ['say', 'help'],
      ],
      ['List up to 25 customers', 'Yes, request for this customer', 'Help: what you can do'],
      0,
    ],
    [
      'cancel at the confirmation says nothing was saved',
      [
        ['say', 'start'],
        ['click', REVIEW, { ...OF, customers: LIST }],
        ['say', 'cancel'],
      ],
      [
        'List up to 25 customers',
        'Yes, request for this customer',
        'Cancelled requesting from a template for several customers. Nothing was saved.',
      ],
      0,
    ],
    [
      "the list's card, once the confirmation is shown, changes nothing",
      [
        ['say', 'start'],
        ['click', REVIEW, { ...OF, customers: LIST }],
        ['click', REVIEW, { ...OF, customers: 'contoso.com', formTicket: 'an-old-card' }],
      ],
      ['List up to 25 customers', 'Yes, request', 'This form is no longer active'],
      0,
    ],
  ])('%s', async (_name, turns, seen, requested) => {
    expectSeen(await play(client(world.store), turns), seen);
    expect(await invitations()).toBe(requested);
  });

  it('the run sends the list as reviewed, whatever the button carries', async () => {
    const c = client(world.store);
    await c.say('start');
    await c.click(REVIEW, { ...OF, customers: 'Fabrikam Inc' });
    const summary = await c.click(RUN, { ...OF, customers: 'contoso.com, nowhere.example' });
    expect(summary.text).toContain('1 of 1 done.');
    expect(summary.text).toContain('Fabrikam Inc\nSent');
    expect(await invitations()).toBe(1);
  });

  it('a confirmation replaced by Edit has no effect; the new one runs once', async () => {
    const c = client(world.store);
    await c.say('start');
    await c.click(REVIEW, { ...OF, customers: LIST });
    const { formTicket } = c.tickets.dataFor(RUN);
    await c.click(BACK, OF);
    await c.click(REVIEW, { ...OF, customers: 'Fabrikam Inc' });
    // The first confirmation's Yes, after Edit: that list is no longer the one to run.
    expect((await c.click(RUN, { ...OF, formTicket })).text).toContain("Type 'templates' to start again");
    expect(await invitations()).toBe(0);
    expect((await c.click(RUN, OF)).text).toContain('1 of 1 done.');
    expect(await invitations()).toBe(1);
  });

  it('resumes after a restart: a new adapter on the same store runs the list reviewed', async () => {
    const before = client(world.store);
    await before.say('start');
    await before.click(REVIEW, { ...OF, customers: LIST });
    const ticket = before.tickets.dataFor(RUN);
    const after = client(world.store);
    expect((await after.click(RUN, { ...ticket, ...OF })).text).toContain('1 of 2 done.');
    expect(await invitations()).toBe(1);
  });

  it('speaks Spanish throughout, cancel included', async () => {
    const c = client(world.store, 'es-ES');
    await c.say('empezar');
    expect((await c.say('cancelar')).text).toContain(
      'Se canceló la solicitud desde una plantilla para varios clientes',
    );
  });
});
