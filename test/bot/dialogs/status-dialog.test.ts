import { STATUS_DIALOG, STATUS_VERBS } from '../../../src/bot/workflows/helpdesk/relationship-status.js';
import { DEMO_TENANTS } from '../../../src/store/demo-world.js';
import { contactedBy, worldWith } from '../../services/helpdesk/helpdesk-fixtures.js';
import { useBotWorld } from '../../support/bot-world.js';
import { persona } from '../../support/personas.js';
import { NOW } from '../../support/world.js';
import { DialogClients, expectShown, play, STALE, type Turn } from './dialog-table.js';

const hana = persona('hana'); // Adatum helpdesk agent
const T = DEMO_TENANTS;
const TAILSPIN = { customer: 'tailspintoys.es' };

/** StatusDialog alone (DialogTestClient): "status toys" matches Tailspin Toys and Wingtip Toys China. */
describe('StatusDialog (DialogTestClient)', () => {
  // Tailspin and Wingtip contacted Adatum (leads): organisations it deals with, so the lookup may find them.
  const world = useBotWorld(() => worldWith(NOW, contactedBy(NOW, T.adatum, T.contoso, T.tailspin, T.wingtip)));
  const clients = new DialogClients();
  afterEach(() => clients.stop());

  it.each<[string, string, Turn[], string[], string]>([
    [
      'one match: the status at once, nothing to wait for',
      'fabrikam',
      [['say', 'start']],
      ['Fabrikam Inc: relationship status'],
      'complete',
    ],
    ['no name: how to ask', '', [['say', 'start']], ['Name the organisation: status contoso'], 'complete'],
    [
      'a name it cannot find is refused',
      'nowhere',
      [['say', 'start']],
      ['I found no organisation like "nowhere"'],
      'complete',
    ],
    [
      'an ambiguous name asks which, then answers the choice',
      'toys',
      [
        ['say', 'start'],
        ['click', STATUS_VERBS.show, TAILSPIN],
      ],
      ['Did you mean…?\nMore than one organisation matches "toys"', 'Tailspin Toys: relationship status'],
      'complete',
    ],
    [
      'a choice it did not offer is asked again, and nothing is looked up',
      'toys',
      [
        ['say', 'start'],
        ['click', STATUS_VERBS.show, { customer: 'fabrikam.us' }],
      ],
      ['Did you mean…?', 'Did you mean…?'],
      'waiting',
    ],
    [
      'help, then the choice again',
      'toys',
      [
        ['say', 'start'],
        ['say', 'help'],
      ],
      ['Did you mean…?', 'Help: what you can do'],
      'waiting',
    ],
    [
      'cancel: nothing was saved',
      'toys',
      [
        ['say', 'start'],
        ['say', 'cancel'],
      ],
      ['Did you mean…?', 'Cancelled looking up a status. Nothing was saved.'],
      'complete',
    ],
  ])('%s', async (_name, args, turns, seen, status) => {
    const c = clients.for(world.store, hana, STATUS_DIALOG, { args });
    expectShown(await play(c, turns), seen);
    expect(c.status).toBe(status);
  });

  it('the choice clicked again after the answer is no longer active (the whole app)', async () => {
    // Once the dialog ended, DialogTestClient would begin it again: a card of an ended dialog is the bot's to refuse.
    const bot = world.harness(hana);
    await bot.say('status toys');
    const choice = bot.tickets.dataFor(STATUS_VERBS.show);
    expect((await bot.click(STATUS_VERBS.show, TAILSPIN)).text).toContain('Tailspin Toys: relationship status');
    const again = await bot.click(STATUS_VERBS.show, { ...choice, customer: 'wingtiptoys.cn' });
    expect(again.text).toContain(`${STALE}\nNothing was changed`);
    expect(again.text).toContain("Type 'status' to start again");
  });

  it('resumes after a restart: the choice made on a new adapter on the same store is answered', async () => {
    const before = clients.for(world.store, hana, STATUS_DIALOG, { args: 'toys' });
    await before.say('start');
    const card = before.tickets.dataFor(STATUS_VERBS.show);
    const after = clients.for(world.store, hana, STATUS_DIALOG, { args: 'toys' });
    expect((await after.click(STATUS_VERBS.show, { ...card, ...TAILSPIN })).text).toContain(
      'Tailspin Toys: relationship status',
    );
  });

  it('speaks Spanish, cancel included', async () => {
    const c = clients.for(world.store, hana, STATUS_DIALOG, { args: 'toys' }, 'es-ES');
    expect((await c.say('empezar')).text).toContain('¿Quiso decir…?');
    expect((await c.say('cancelar')).text).toContain('Se canceló la consulta de un estado.');
  });
});
