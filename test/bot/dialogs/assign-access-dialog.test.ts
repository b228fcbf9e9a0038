import { ASSIGN_ACCESS_DIALOG } from '../../../src/bot/workflows/access/assign-access-dialog.js';
import { ACCESS_VERBS } from '../../../src/bot/workflows/access/verbs.js';
import { DEMO_TENANTS, demoWorld } from '../../../src/store/demo-world.js';
import type { Store } from '../../../src/store/store.js';
import { useBotWorld } from '../../support/bot-world.js';
import { WorkflowDialogClient } from '../../support/dialog-client.js';
import { expectSeen, play, type Turn } from '../../support/dialog-turns.js';
import { persona } from '../../support/personas.js';
import { NOW } from '../../support/world.js';

const [alex, sam] = (['alex', 'sam'] as const).map(persona); // Adatum admin agent, sales agent
const REL = 'rel-adatum-fabrikam';
const LICENSING = 'group-adatum-licensing';
const { accessForm: PICK, accessAssign: ASSIGN, accessBack: BACK } = ACCESS_VERBS;
const ASSIGNED = { relationshipId: REL, groups: LICENSING, roles: 'license-administrator' };

/** AssignAccessDialog alone (DialogTestClient): the pick of a relationship, the form (with Back), the result. */
describe('AssignAccessDialog (DialogTestClient)', () => {
  const world = useBotWorld(() => {
    const seed = demoWorld(NOW);
    const at = NOW.toISOString();
    const by = { userId: alex!.id, name: alex!.name, tenantId: alex!.tenantId };
    seed.securityGroups = [
      ...(seed.securityGroups ?? []),
      {
        id: LICENSING,
        partnerTenantId: DEMO_TENANTS.adatum,
        name: 'Licensing',
        description: '',
        memberUserIds: [sam!.id],
        createdBy: by,
        createdAt: at,
        updatedAt: at,
      },
    ];
    return seed;
  });
  const clients: WorkflowDialogClient[] = [];
  const client = (store: Store, locale = 'en-US') => {
    const c = new WorkflowDialogClient(store, alex!, ASSIGN_ACCESS_DIALOG, {}, { FOUR_EYES: 'false' }, locale);
    clients.push(c);
    return c;
  };
  afterEach(() => clients.splice(0).forEach((c) => c.stop()));
  const assignments = async () => (await world.store.findBy('accessAssignments', 'relationship', REL)).length;

  it.each<[string, Turn[], string[], number]>([
    [
      'the pick, the form, then the assignment',
      [
        ['say', 'start'],
        ['click', PICK, { relationshipId: REL }],
        ['click', ASSIGN, ASSIGNED],
      ],
      [
        'Fabrikam helpdesk (Fabrikam Inc)',
        'Assign roles on Fabrikam helpdesk',
        'Licensing\nLicense Administrator (active)',
      ],
      2,
    ],
    [
      'a role the relationship does not grant redraws the form with why',
      [
        ['say', 'start'],
        ['click', PICK, { relationshipId: REL }],
        ['click', ASSIGN, { ...ASSIGNED, roles: 'global-administrator' }],
      ],
      ['Fabrikam helpdesk', 'Assign roles on', 'This relationship does not grant Global Administrator'],
      1,
    ],
    [
      'a card naming another relationship than the one picked is refused',
      [
        ['say', 'start'],
        ['click', PICK, { relationshipId: REL }],
        ['click', ASSIGN, { ...ASSIGNED, relationshipId: 'rel-adatum-elsewhere' }],
      ],
      ['Fabrikam helpdesk', 'Assign roles on', "I cannot find that, or it is not your organisation's"],
      1,
    ],
    [
      'Back on the form returns to the pick',
      [
        ['say', 'start'],
        ['click', PICK, { relationshipId: REL }],
        ['click', BACK, { groups: LICENSING, roles: '' }],
      ],
      ['Fabrikam helpdesk', 'Assign roles on', 'Choose a relationship to assign its roles to groups'],
      1,
    ],
    [
      'help at the form shows what Alex can do, then the form again',
      [
        ['say', 'start'],
        ['click', PICK, { relationshipId: REL }],
        ['say', 'help'],
      ],
      ['Fabrikam helpdesk', 'Assign roles on', 'Help: what you can do'],
      1,
    ],
    [
      'cancel says nothing was saved',
      [
        ['say', 'start'],
        ['click', PICK, { relationshipId: REL }],
        ['say', 'cancel'],
      ],
      ['Fabrikam helpdesk', 'Assign roles on', 'Cancelled assigning access to security groups. Nothing was saved.'],
      1,
    ],
    [
      'the pick clicked again once the form is open changes nothing',
      [
        ['say', 'start'],
        ['click', PICK, { relationshipId: REL }],
        ['click', PICK, { relationshipId: REL, formTicket: 'an-old-card' }],
      ],
      ['Fabrikam helpdesk', 'Assign roles on', 'This form is no longer active'],
      1,
    ],
  ])('%s', async (_name, turns, seen, held) => {
    expectSeen(await play(client(world.store), turns), seen);
    expect(await assignments()).toBe(held);
  });

  it('Back keeps what was typed: the same relationship picked again shows the groups chosen', async () => {
    const c = client(world.store);
    await c.say('start');
    await c.click(PICK, { relationshipId: REL });
    await c.click(BACK, { groups: LICENSING, roles: 'license-administrator' });
    const form = await c.click(PICK, { relationshipId: REL });
    expect(JSON.stringify(form.cards)).toContain(`"value":"${LICENSING}"`);
    expect((await c.click(ASSIGN, ASSIGNED)).text).toContain('Roles assigned');
    expect(await assignments()).toBe(2);
  });

  it('the form left with Back has no effect; the form shown again assigns once', async () => {
    const c = client(world.store);
    await c.say('start');
    await c.click(PICK, { relationshipId: REL });
    const { formTicket } = c.tickets.dataFor(ASSIGN);
    await c.click(BACK, { groups: '', roles: '' });
    await c.click(PICK, { relationshipId: REL });
    expect((await c.click(ASSIGN, { ...ASSIGNED, formTicket })).text).toContain("Type 'access' to start again");
    expect(await assignments()).toBe(1);
    expect((await c.click(ASSIGN, ASSIGNED)).text).toContain('Roles assigned');
    expect(await assignments()).toBe(2);
  });

  it('resumes after a restart: a new adapter on the same store takes the form', async () => {
    const before = client(world.store);
    await before.say('start');
    await before.click(PICK, { relationshipId: REL });
    const ticket = before.tickets.dataFor(ASSIGN);
    const after = client(world.store);
    expect((await after.click(ASSIGN, { ...ticket, ...ASSIGNED })).text).toContain('Roles assigned');
    expect(await assignments()).toBe(2);
  });

  it('speaks Spanish throughout, cancel included', async () => {
    const c = client(world.store, 'es-ES');
    await c.say('empezar');
    expect((await c.say('cancelar')).text).toContain('Se canceló la asignación de acceso a grupos de seguridad');
  });
});
