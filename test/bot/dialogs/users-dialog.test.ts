import { USER_VERBS, USERS_DIALOG } from '../../../src/bot/workflows/people/user-management.js';
import { DEMO_TENANTS } from '../../../src/store/demo-world.js';
import { useBotWorld } from '../../support/bot-world.js';
import { persona } from '../../support/personas.js';
import { DialogClients, expectShown, play, STALE, type Turn } from './dialog-table.js';

const grace = persona('grace'); // Adatum global admin
const sam = persona('sam'); // Adatum sales agent
const umar = persona('umar'); // Adatum user management admin
const NEW = {
  name: 'Nina New',
  email: 'nina@adatum.com',
  aadObjectId: 'abcdef01-2345-4678-9abc-def012345678',
  agent: 'sales-agent',
  admin: 'none',
};
const ROLES = { userId: sam.id, agent: 'helpdesk-agent', admin: 'none' };
const {
  addForm: ADD_FORM,
  add: ADD,
  pick: PICK,
  next: NEXT,
  changeRoles: SAVE,
  remove: REMOVE,
  back: BACK,
} = USER_VERBS;

const toRoles: Turn[] = [
  ['say', 'start'],
  ['click', PICK, { mode: 'roles' }],
  ['click', NEXT, { mode: 'roles', userId: sam.id }],
];

/** UsersDialog alone (DialogTestClient): Grace manages Adatum's users. */
describe('UsersDialog (DialogTestClient)', () => {
  const world = useBotWorld();
  const clients = new DialogClients();
  afterEach(() => clients.stop());
  const adatum = async () => (await world.store.findBy('users', 'tenant', DEMO_TENANTS.adatum)).length;
  const samsAgent = async () => {
    const roles = (await world.store.get('users', sam.id))?.roles;
    return roles?.side === 'partner' ? roles.agent : undefined;
  };

  it.each<[string, Turn[], string[], { users: number; samsAgent: string | undefined }]>([
    [
      'the list, Add, the user added',
      [
        ['say', 'start'],
        ['click', ADD_FORM],
        ['click', ADD, NEW],
      ],
      [
        'Users of Adatum Cloud Partners',
        'Microsoft Entra object id',
        'Nina New was added with the roles: Sales agent.',
      ],
      { users: 1, samsAgent: 'sales-agent' },
    ],
    [
      'a refusal redraws the form with what was typed and saves nothing',
      [
        ['say', 'start'],
        ['click', ADD_FORM],
        ['click', ADD, { ...NEW, email: 'not-an-email' }],
      ],
      ['Users of', 'Add a user', 'Enter a valid email address'],
      { users: 0, samsAgent: 'sales-agent' },
    ],
    [
      'Back from the add form is the list again',
      [
        ['say', 'start'],
        ['click', ADD_FORM],
        ['click', BACK],
      ],
      ['Users of', 'Add a user', 'Users of Adatum Cloud Partners'],
      { users: 0, samsAgent: 'sales-agent' },
    ],
    [
      'Change roles: pick, the roles form, saved',
      [...toRoles, ['click', SAVE, ROLES]],
      ['Users of', 'Choose a user', 'Change the roles of Sam Sales', 'Sam Sales now has the roles: Helpdesk agent'],
      { users: 0, samsAgent: 'helpdesk-agent' },
    ],
    [
      'Back from the roles form is the picker; Back again is the list',
      [...toRoles, ['click', BACK], ['click', BACK]],
      ['Users of', 'Choose a user', 'Change the roles of Sam Sales', 'Choose a user', 'Users of Adatum Cloud Partners'],
      { users: 0, samsAgent: 'sales-agent' },
    ],
    [
      'Remove: pick, confirm, removed',
      [
        ['say', 'start'],
        ['click', PICK, { mode: 'remove' }],
        ['click', NEXT, { mode: 'remove', userId: sam.id }],
        ['click', REMOVE, { userId: sam.id }],
      ],
      ['Users of', 'Choose a user', 'Remove Sam Sales?', 'Sam Sales was removed from Adatum Cloud Partners.'],
      { users: -1, samsAgent: undefined },
    ],
    [
      'a roles form submitted for another user than the one picked is refused',
      [...toRoles, ['click', SAVE, { ...ROLES, userId: umar.id }]],
      [
        'Users of',
        'Choose a user',
        'Change the roles of Sam Sales',
        "I cannot find that, or it is not your organisation's",
      ],
      { users: 0, samsAgent: 'sales-agent' },
    ],
    [
      'help at the roles form shows it again',
      [...toRoles, ['say', 'help']],
      ['Users of', 'Choose a user', 'Change the roles', 'Help: what you can do'],
      { users: 0, samsAgent: 'sales-agent' },
    ],
    [
      'cancel at the roles form: nothing was saved',
      [...toRoles, ['say', 'cancel']],
      ['Users of', 'Choose a user', 'Change the roles', 'Cancelled managing users. Nothing was saved.'],
      { users: 0, samsAgent: 'sales-agent' },
    ],
    [
      "the list's buttons, once the picker is shown, change nothing",
      [
        ['say', 'start'],
        ['click', PICK, { mode: 'roles' }],
        ['click', ADD_FORM, { formTicket: 'the-list-card' }],
      ],
      [
        'Users of',
        'Choose a user',
        `${STALE}\nNothing was changed: this card belongs to a step that ended or moved on. Type 'users' to start again.`,
      ],
      { users: 0, samsAgent: 'sales-agent' },
    ],
  ])('%s', async (_name, turns, seen, expected) => {
    const before = await adatum();
    const c = clients.for(world.store, grace, USERS_DIALOG);
    expectShown(await play(c, turns), seen);
    expect({ users: (await adatum()) - before, samsAgent: await samsAgent() }).toEqual(expected);
  });

  it('Back to the picker keeps the colleague chosen', async () => {
    const c = clients.for(world.store, grace, USERS_DIALOG);
    await play(c, toRoles);
    const { cards } = await c.click(BACK);
    expect(JSON.stringify(cards[0])).toMatch(new RegExp(`"type":"Input.ChoiceSet"[^}]*"value":"${sam.id}"`));
  });

  it('resumes after a restart: the roles form is saved on a new adapter on the same store', async () => {
    const before = clients.for(world.store, grace, USERS_DIALOG);
    await play(before, toRoles);
    const form = before.tickets.dataFor(SAVE);
    const after = clients.for(world.store, grace, USERS_DIALOG);
    expect((await after.click(SAVE, { ...form, ...ROLES })).text).toContain(
      'Sam Sales now has the roles: Helpdesk agent',
    );
    expect(await samsAgent()).toBe('helpdesk-agent');
  });

  it('speaks Spanish, cancel included', async () => {
    const c = clients.for(world.store, grace, USERS_DIALOG, {}, 'es-ES');
    expect((await c.say('empezar')).text).toContain('Usuarios de Adatum Cloud Partners');
    expect((await c.say('cancelar')).text).toContain('Se canceló la gestión de usuarios.');
  });
});
