import { EDIT_GROUP_DIALOG } from '../../../src/bot/workflows/access/security-groups.js';
import { ACCESS_VERBS } from '../../../src/bot/workflows/access/verbs.js';
import type { Store } from '../../../src/store/store.js';
import { useBotWorld } from '../../support/bot-world.js';
import { WorkflowDialogClient } from '../../support/dialog-client.js';
import { expectSeen, play, type Turn } from '../../support/dialog-turns.js';
import { persona } from '../../support/personas.js';

const [alex, sam, hana] = (['alex', 'sam', 'hana'] as const).map(persona); // Adatum admin agent, sales, helpdesk
const SAVE = ACCESS_VERBS.groupSave;
const HELPDESK = 'group-adatum-helpdesk';
const TIER2 = { groupId: '', name: 'Tier 2', description: 'Escalations', members: sam!.id };

/** EditGroupDialog alone (DialogTestClient): New or Edit from the groups list, the form, then the list. */
describe('EditGroupDialog (DialogTestClient)', () => {
  const world = useBotWorld();
  const clients: WorkflowDialogClient[] = [];
  const client = (store: Store, groupId = '', locale = 'en-US') => {
    const c = new WorkflowDialogClient(store, alex!, EDIT_GROUP_DIALOG, { groupId }, {}, locale);
    clients.push(c);
    return c;
  };
  afterEach(() => clients.splice(0).forEach((c) => c.stop()));
  const names = async () => (await world.store.findBy('securityGroups', 'partner', alex!.tenantId)).map((g) => g.name);

  it.each<[string, string, Turn[], string[], string[]]>([
    [
      'a new group: the form, then the list with it',
      '',
      [
        ['say', 'start'],
        ['click', SAVE, TIER2],
      ],
      ['New security group', 'Saved Tier 2.'],
      ['Adatum Helpdesk', 'Tier 2'],
    ],
    [
      'an existing group: its form filled in, then saved',
      HELPDESK,
      [
        ['say', 'start'],
        ['click', SAVE, { groupId: HELPDESK, name: 'Adatum Helpdesk 1', description: '', members: hana!.id }],
      ],
      ['First-line support: passwords and service requests', 'Saved Adatum Helpdesk 1.'],
      ['Adatum Helpdesk 1'],
    ],
    [
      'a refusal redraws the form with why, saving nothing',
      '',
      [
        ['say', 'start'],
        ['click', SAVE, { ...TIER2, name: 'adatum helpdesk' }],
      ],
      ['New security group', 'already has a group called Adatum Helpdesk'],
      ['Adatum Helpdesk'],
    ],
    [
      'a card naming another group than the one edited is refused',
      '',
      [
        ['say', 'start'],
        ['click', SAVE, { ...TIER2, groupId: HELPDESK }],
      ],
      ['New security group', "I cannot find that, or it is not your organisation's"],
      ['Adatum Helpdesk'],
    ],
    [
      'help shows what Alex can do, then the form again',
      '',
      [
        ['say', 'start'],
        ['say', 'help'],
      ],
      ['New security group', 'Help: what you can do'],
      ['Adatum Helpdesk'],
    ],
    [
      'cancel says nothing was saved',
      '',
      [
        ['say', 'start'],
        ['say', 'cancel'],
      ],
      ['New security group', 'Cancelled editing a security group. Nothing was saved.'],
      ['Adatum Helpdesk'],
    ],
    [
      'the first card, once redrawn with an error, changes nothing',
      '',
      [
        ['say', 'start'],
        ['click', SAVE, { ...TIER2, name: 'adatum helpdesk' }],
        ['click', SAVE, { ...TIER2, formTicket: 'an-old-card' }],
      ],
      ['New security group', 'New security group', 'This form is no longer active'],
      ['Adatum Helpdesk'],
    ],
  ])('%s', async (_name, groupId, turns, seen, groups) => {
    expectSeen(await play(client(world.store, groupId), turns), seen);
    expect((await names()).sort()).toEqual(groups);
  });

  it('a card redrawn after a refusal replaces the first: the first has no effect', async () => {
    const c = client(world.store);
    await c.say('start');
    const { formTicket } = c.tickets.dataFor(SAVE);
    await c.click(SAVE, { ...TIER2, name: 'adatum helpdesk' });
    expect((await c.click(SAVE, { ...TIER2, formTicket })).text).toContain("Type 'groups' to start again");
    expect(await names()).not.toContain('Tier 2');
    expect((await c.click(SAVE, TIER2)).text).toContain('Saved Tier 2.');
  });

  it('resumes after a restart: a new adapter on the same store saves the form', async () => {
    const before = client(world.store);
    await before.say('start');
    const ticket = before.tickets.dataFor(SAVE);
    const after = client(world.store);
    expect((await after.click(SAVE, { ...ticket, ...TIER2 })).text).toContain('Saved Tier 2.');
    expect(await names()).toContain('Tier 2');
  });

  it('speaks Spanish throughout, cancel included', async () => {
    const c = client(world.store, '', 'es-ES');
    await c.say('empezar');
    expect((await c.say('cancelar')).text).toContain('Se canceló la edición de un grupo de seguridad');
  });
});
