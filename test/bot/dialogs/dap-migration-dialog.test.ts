import { DAP_MIGRATION_DIALOG } from '../../../src/bot/workflows/partner/dap-migration.js';
import { DAP_BACK_VERB } from '../../../src/bot/workflows/partner/dap-migration-cards.js';
import { DAY_TWO_VERBS as V } from '../../../src/bot/workflows/partner/day-two-verbs.js';
import type { NewRecord, Store } from '../../../src/store/store.js';
import { useBotWorld } from '../../support/bot-world.js';
import { WorkflowDialogClient } from '../../support/dialog-client.js';
import { ADATUM_CONTOSO, adatumContoso, alex, partnerWorld } from '../workflows/partner/partner-world.js';
import { expectSeen, play, type Turn } from '../../support/dialog-turns.js';

/** Adatum–Contoso still on legacy DAP: Global Administrator and Helpdesk Administrator. */
function legacyDap(): NewRecord<'relationships'> {
  const base = adatumContoso();
  return { ...base, adminAccess: { ...base.adminAccess!, roles: ['global-administrator', 'helpdesk-administrator'] } };
}

const CONTOSO = { relationshipId: ADATUM_CONTOSO };
const TASKS = { ...CONTOSO, tasks: 'reset-password,manage-licences', durationDays: '365', autoExtend: 'true' };
const TO_REVIEW: Turn[] = [
  ['say', 'start'],
  ['click', V.dapTasks, CONTOSO],
  ['click', V.dapReview, TASKS],
];

/** DapMigrationDialog alone (DialogTestClient): pick → tasks → review → draft, as Alex of Adatum. */
describe('DapMigrationDialog (DialogTestClient)', () => {
  const world = useBotWorld(() => partnerWorld({ relationships: [legacyDap()] }));
  const clients: WorkflowDialogClient[] = [];
  const client = (store: Store, locale = 'en-US') => {
    const c = new WorkflowDialogClient(store, alex, DAP_MIGRATION_DIALOG, {}, {}, locale);
    clients.push(c);
    return c;
  };
  afterEach(() => clients.splice(0).forEach((c) => c.stop()));
  const invitations = async () => world.store.all('invitations');

  it.each<[string, Turn[], string[], number]>([
    [
      'the list, the tasks, the proposed roles, then the draft',
      [...TO_REVIEW, ['click', V.dapSend, CONTOSO]],
      [
        'Contoso Ltd: DAP since',
        'Tasks your helpdesk does for Contoso Ltd',
        'Roles requested\nPassword Administrator, License Administrator',
        'Invitation for Contoso Ltd',
      ],
      1,
    ],
    [
      'Next with no customer chosen shows the list again',
      [
        ['say', 'start'],
        ['click', V.dapTasks, {}],
      ],
      ['Move off DAP', 'Contoso Ltd: DAP since'],
      0,
    ],
    [
      'a refusal in the review redraws the task form with why',
      [
        ['say', 'start'],
        ['click', V.dapTasks, CONTOSO],
        ['click', V.dapReview, { ...TASKS, tasks: '' }],
      ],
      ['', '', 'Choose at least one task.'],
      0,
    ],
    [
      'a relationship without DAP is refused even if its id is sent',
      [
        ['say', 'start'],
        ['click', V.dapTasks, { relationshipId: 'rel-adatum-fabrikam' }],
      ],
      ['Move off DAP', 'does not hold legacy delegated admin privileges'],
      0,
    ],
    [
      'Back on the task form returns to the list',
      [
        ['say', 'start'],
        ['click', V.dapTasks, CONTOSO],
        ['click', DAP_BACK_VERB],
      ],
      ['', '', 'These relationships still hold legacy delegated admin privileges'],
      0,
    ],
    [
      '"Change the roles" on the review returns to the tasks, and a second review sends',
      [...TO_REVIEW, ['click', DAP_BACK_VERB], ['click', V.dapReview, TASKS], ['click', V.dapSend, CONTOSO]],
      ['', '', '', 'Tasks your helpdesk does for Contoso Ltd', 'Roles proposed', 'Invitation for Contoso Ltd'],
      1,
    ],
    [
      'Send naming another relationship than the one reviewed is refused',
      [...TO_REVIEW, ['click', V.dapSend, { relationshipId: 'rel-adatum-fabrikam' }]],
      ['', '', '', "That relationship is not one of your organisation's"],
      0,
    ],
    [
      'help at the tasks shows what Alex can do, then the tasks again',
      [
        ['say', 'start'],
        ['click', V.dapTasks, CONTOSO],
        ['say', 'help'],
      ],
      ['', '', 'Help: what you can do'],
      0,
    ],
    [
      'cancel at the review says nothing was saved',
      [...TO_REVIEW, ['say', 'cancel']],
      ['', '', '', 'Cancelled moving off DAP. Nothing was saved.'],
      0,
    ],
    [
      'cancel at the draft says the request stays',
      [...TO_REVIEW, ['click', V.dapSend, CONTOSO], ['say', 'cancel']],
      ['', '', '', '', 'Already saved, and kept: the request for least-privileged roles to Contoso Ltd'],
      1,
    ],
    [
      'an old copy of the task form, at the review, changes nothing',
      [...TO_REVIEW, ['click', V.dapReview, { ...TASKS, formTicket: 'old' }]],
      ['', '', '', "Type 'move off dap' to start again"],
      0,
    ],
  ])('%s', async (_name, turns, seen, saved) => {
    expectSeen(await play(client(world.store), turns), seen);
    expect(await invitations()).toHaveLength(saved);
  });

  it('the request is audited with its tasks and roles, in the same commit as the invitation', async () => {
    await play(client(world.store), [...TO_REVIEW, ['click', V.dapSend, CONTOSO]]);
    const [invitation] = await invitations();
    const events = (await world.store.all('auditEvents')).filter(
      (e) => e.action === 'relationship.dap-migration-requested',
    );
    expect(events.map((e) => e.after)).toEqual([
      {
        tasks: ['reset-password', 'manage-licences'],
        roles: ['password-administrator', 'license-administrator'],
        invitationId: invitation!.id,
      },
    ]);
  });

  it('the same Send clicked twice has one effect', async () => {
    const c = client(world.store);
    await play(c, TO_REVIEW);
    const { formTicket } = c.tickets.dataFor(V.dapSend);
    await c.click(V.dapSend, CONTOSO);
    expect((await c.click(V.dapSend, { ...CONTOSO, formTicket })).text).toContain('This form is no longer active');
    expect(await invitations()).toHaveLength(1);
  });

  it('resumes after a restart: a new adapter on the same store reviews the tasks the first one showed', async () => {
    const before = client(world.store);
    await before.say('start');
    await before.click(V.dapTasks, CONTOSO);
    const form = before.tickets.dataFor(V.dapReview);
    const after = client(world.store);
    expect((await after.click(V.dapReview, { ...TASKS, ...form })).text).toContain('Roles proposed for Contoso Ltd');
  });

  it('speaks Spanish throughout, cancel included', async () => {
    const c = client(world.store, 'es-ES');
    expect((await c.say('empezar')).text).toContain('Dejar DAP');
    expect((await c.say('cancelar')).text).toContain('Se canceló la migración desde DAP');
  });
});
