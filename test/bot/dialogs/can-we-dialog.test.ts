import { CAN_WE_DIALOG } from '../../../src/bot/workflows/helpdesk/can-we.js';
import { HELPDESK_VERBS } from '../../../src/cards/helpdesk-cards.js';
import { expiringCustomers, worldWith } from '../../services/helpdesk/helpdesk-fixtures.js';
import { useBotWorld } from '../../support/bot-world.js';
import { persona } from '../../support/personas.js';
import { NOW } from '../../support/world.js';
import { DialogClients, expectShown, play, STALE, type Turn } from './dialog-table.js';

const hana = persona('hana'); // Adatum helpdesk agent
const AMBIGUOUS = 'reset a password for expiring customer';
const SECOND = { customer: 'expiring-2.example' };

/** CanWeDialog alone (DialogTestClient): "expiring customer" matches several of Adatum's customers. */
describe('CanWeDialog (DialogTestClient)', () => {
  const world = useBotWorld(() => worldWith(NOW, expiringCustomers(NOW, 3)));
  const clients = new DialogClients();
  afterEach(() => clients.stop());

  it.each<[string, string, Turn[], string[], string]>([
    [
      'one customer: the answer at once',
      'reset a password for fabrikam',
      [['say', 'start']],
      ['Yes, for Fabrikam Inc'],
      'complete',
    ],
    ['nothing asked: how to ask', '', [['say', 'start']], ['Ask about a task and a customer'], 'complete'],
    [
      'a task it does not know is refused with the tasks it knows',
      'fly to the moon for fabrikam',
      [['say', 'start']],
      ['I do not know the task'],
      'complete',
    ],
    [
      'several customers: which one, then the answer for the task first asked',
      AMBIGUOUS,
      [
        ['say', 'start'],
        ['click', HELPDESK_VERBS.canWe, { ...SECOND, task: 'manage-users' }],
      ],
      [
        'Did you mean…?\nMore than one organisation matches. Which customer is it for? (Reset a password)',
        'Yes, for Expiring Customer 2',
      ],
      'complete',
    ],
    [
      'a customer it did not offer is asked again',
      AMBIGUOUS,
      [
        ['say', 'start'],
        ['click', HELPDESK_VERBS.canWe, { customer: 'fabrikam.us' }],
      ],
      ['Did you mean…?', 'Did you mean…?'],
      'waiting',
    ],
    [
      'help, then the choice again',
      AMBIGUOUS,
      [
        ['say', 'start'],
        ['say', 'help'],
      ],
      ['Did you mean…?', 'Help: what you can do'],
      'waiting',
    ],
    [
      'cancel: nothing was saved',
      AMBIGUOUS,
      [
        ['say', 'start'],
        ['say', 'cancel'],
      ],
      ['Did you mean…?', 'Cancelled asking what you may do for a customer. Nothing was saved.'],
      'complete',
    ],
    [
      'a choice card the step no longer waits for changes nothing',
      AMBIGUOUS,
      [
        ['say', 'start'],
        ['click', HELPDESK_VERBS.canWe, { customer: 'fabrikam.us' }],
        ['click', HELPDESK_VERBS.canWe, { ...SECOND, formTicket: 'the-first-choice' }],
      ],
      [
        'Did you mean…?',
        'Did you mean…?',
        `${STALE}\nNothing was changed: this card belongs to a step that ended or moved on. Type 'can we' to start again.`,
      ],
      'waiting',
    ],
  ])('%s', async (_name, args, turns, seen, status) => {
    const c = clients.for(world.store, hana, CAN_WE_DIALOG, { args });
    expectShown(await play(c, turns), seen);
    expect(c.status).toBe(status);
  });

  it('resumes after a restart: the choice made on a new adapter on the same store is answered', async () => {
    const before = clients.for(world.store, hana, CAN_WE_DIALOG, { args: AMBIGUOUS });
    await before.say('start');
    const card = before.tickets.dataFor(HELPDESK_VERBS.canWe);
    const after = clients.for(world.store, hana, CAN_WE_DIALOG, { args: AMBIGUOUS });
    expect((await after.click(HELPDESK_VERBS.canWe, { ...card, ...SECOND })).text).toContain(
      'Yes, for Expiring Customer 2',
    );
  });

  it('speaks Spanish, cancel included', async () => {
    const c = clients.for(
      world.store,
      hana,
      CAN_WE_DIALOG,
      { args: 'restablecer una contraseña para expiring customer' },
      'es-ES',
    );
    expect((await c.say('empezar')).text).toContain('¿Quiso decir…?');
    expect((await c.say('cancelar')).text).toContain('Se canceló la consulta de lo que puede hacer para un cliente.');
  });
});
