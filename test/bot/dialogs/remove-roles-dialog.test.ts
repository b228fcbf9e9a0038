import { REMOVE_ROLES_DIALOG } from '../../../src/bot/workflows/helpdesk/remove-roles.js';
import { STATUS_VERBS } from '../../../src/bot/workflows/helpdesk/status-verbs.js';
import { useBotWorld } from '../../support/bot-world.js';
import { persona } from '../../support/personas.js';
import { DialogClients, expectShown, play, STALE, type Turn } from './dialog-table.js';

const franz = persona('franz'); // Fabrikam global admin
const REL = 'rel-adatum-fabrikam';
const PICKED = { relationshipId: REL };
const { removeRolesConfirm: NEXT, removeRoles: REMOVE, removeRolesBack: BACK } = STATUS_VERBS;

/** RemoveRolesDialog alone (DialogTestClient): Franz removes Adatum's admin roles in Fabrikam. */
describe('RemoveRolesDialog (DialogTestClient)', () => {
  const world = useBotWorld();
  const clients = new DialogClients();
  afterEach(() => clients.stop());
  const removed = async () => Boolean((await world.store.get('relationships', REL))?.adminAccess?.removedAt);

  it.each<[string, Turn[], string[], boolean]>([
    [
      'pick, confirm, removed',
      [
        ['say', 'start'],
        ['click', NEXT, PICKED],
        ['click', REMOVE, PICKED],
      ],
      ['Choose the partner', 'Remove roles?\nAdatum Cloud Partners will lose', 'Admin roles removed'],
      true,
    ],
    [
      'nothing picked: the picker again',
      [
        ['say', 'start'],
        ['click', NEXT, { relationshipId: '' }],
      ],
      ['Choose the partner', 'Choose the partner'],
      false,
    ],
    [
      'Back from the confirmation returns to the picker; confirming then removes',
      [
        ['say', 'start'],
        ['click', NEXT, PICKED],
        ['click', BACK],
        ['click', NEXT, PICKED],
        ['click', REMOVE, PICKED],
      ],
      ['Choose the partner', 'Remove roles?', 'Choose the partner', 'Remove roles?', 'Admin roles removed'],
      true,
    ],
    [
      'a confirmation naming another relationship than the one picked is refused',
      [
        ['say', 'start'],
        ['click', NEXT, PICKED],
        ['click', REMOVE, { relationshipId: 'rel-litware-contoso' }],
      ],
      ['Choose the partner', 'Remove roles?', "That relationship is not one of your organisation's."],
      false,
    ],
    [
      'help at the confirmation shows it again',
      [
        ['say', 'start'],
        ['click', NEXT, PICKED],
        ['say', 'help'],
      ],
      ['Choose the partner', 'Remove roles?', 'Help: what you can do'],
      false,
    ],
    [
      'cancel at the confirmation: nothing was removed',
      [
        ['say', 'start'],
        ['click', NEXT, PICKED],
        ['say', 'cancel'],
      ],
      ['Choose the partner', 'Remove roles?', "Cancelled removing a partner's admin roles. Nothing was saved."],
      false,
    ],
    [
      'the picker clicked again once the confirmation is shown changes nothing',
      [
        ['say', 'start'],
        ['click', NEXT, PICKED],
        ['click', NEXT, { ...PICKED, formTicket: 'the-picker-before' }],
      ],
      ['Choose the partner', 'Remove roles?', STALE],
      false,
    ],
  ])('%s', async (_name, turns, seen, rolesRemoved) => {
    const c = clients.for(world.store, franz, REMOVE_ROLES_DIALOG);
    expectShown(await play(c, turns), seen);
    expect(await removed()).toBe(rolesRemoved);
  });

  it('Back shows the picker with the partner chosen still chosen', async () => {
    const c = clients.for(world.store, franz, REMOVE_ROLES_DIALOG);
    await c.say('start');
    await c.click(NEXT, PICKED);
    const { cards } = await c.click(BACK);
    expect(JSON.stringify(cards[0])).toMatch(/"type":"Input.ChoiceSet"[^}]*"value":"rel-adatum-fabrikam"/);
  });

  it('the same confirmation submitted twice removes once and tells the partner once (the whole app)', async () => {
    // Once the dialog ended, DialogTestClient would begin it again: a card of an ended dialog is the bot's to refuse.
    const bot = world.harness(franz);
    await bot.say('remove roles');
    await bot.click(NEXT, PICKED);
    const confirmation = bot.tickets.dataFor(REMOVE);
    await bot.click(REMOVE, PICKED);
    const told = (await world.store.all('notifications')).length;
    expect((await bot.click(REMOVE, { ...PICKED, ...confirmation })).text).toContain(
      "Type 'remove roles' to start again",
    );
    expect((await world.store.all('notifications')).length).toBe(told);
    expect(await removed()).toBe(true);
  });

  it('resumes after a restart: the confirmation is answered on a new adapter on the same store', async () => {
    const before = clients.for(world.store, franz, REMOVE_ROLES_DIALOG);
    await before.say('start');
    await before.click(NEXT, PICKED);
    const confirmation = before.tickets.dataFor(REMOVE);
    const after = clients.for(world.store, franz, REMOVE_ROLES_DIALOG);
    expect((await after.click(REMOVE, { ...PICKED, ...confirmation })).text).toContain('Admin roles removed');
    expect(await removed()).toBe(true);
  });

  it('speaks Spanish, cancel included', async () => {
    const c = clients.for(world.store, franz, REMOVE_ROLES_DIALOG, {}, 'es-ES');
    expect((await c.say('empezar')).text).toContain('Quitar roles');
    expect((await c.say('cancelar')).text).toContain(
      'Se canceló la retirada de los roles de administrador de un partner.',
    );
  });
});
