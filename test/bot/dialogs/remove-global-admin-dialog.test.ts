import { REMOVE_GLOBAL_ADMIN_DIALOG } from '../../../src/bot/workflows/partner/remove-global-admin-dialog.js';
import { DAY_TWO_VERBS as VERBS } from '../../../src/bot/workflows/partner/day-two-verbs.js';
import type { NewRecord, Store } from '../../../src/store/store.js';
import { useBotWorld } from '../../support/bot-world.js';
import { WorkflowDialogClient } from '../../support/dialog-client.js';
import { expectSeen, play, type Turn } from '../../support/dialog-turns.js';
import { persona } from '../../support/personas.js';
import { ADATUM_CONTOSO, adatumContoso, partnerWorld } from '../workflows/partner/partner-world.js';

const alex = persona('alex'); // Adatum admin agent
const FABRIKAM = 'rel-adatum-fabrikam'; // demo world: helpdesk and licence admin, no Global Administrator

/** Adatum–Contoso with Global Administrator among its roles. */
function withGlobalAdmin(): NewRecord<'relationships'> {
  const base = adatumContoso();
  const roles = ['global-administrator', 'helpdesk-administrator', 'license-administrator'] as const;
  return { ...base, adminAccess: { ...base.adminAccess!, roles: [...roles] } };
}

const next = (relationshipId = ADATUM_CONTOSO): Turn => ['click', VERBS.globalAdminConfirm, { relationshipId }];
const remove = (relationshipId = ADATUM_CONTOSO): Turn => ['click', VERBS.globalAdminRemove, { relationshipId }];

/** RemoveGlobalAdminDialog alone (DialogTestClient): pick → confirm (or Back) → the request for the rest. */
describe('RemoveGlobalAdminDialog (DialogTestClient)', () => {
  const world = useBotWorld(() => partnerWorld({ relationships: [withGlobalAdmin()] }));
  const clients: WorkflowDialogClient[] = [];
  const client = (store: Store, locale = 'en-US') => {
    const c = new WorkflowDialogClient(store, alex, REMOVE_GLOBAL_ADMIN_DIALOG, {}, {}, locale);
    clients.push(c);
    return c;
  };
  afterEach(() => clients.splice(0).forEach((c) => c.stop()));
  const requests = async () => (await world.store.all('invitations')).map((i) => i.adminAccess?.roles.join('+'));
  const SENT = ['helpdesk-administrator+license-administrator'];

  it.each<[string, Turn[], string[], (string | undefined)[]]>([
    [
      'pick, confirm, and a request for the remaining roles goes to the customer',
      [['say', 'start'], next(), remove()],
      [
        'Contoso Ltd: Global Administrator, Helpdesk Administrator, License Administrator',
        'Remove Global Administrator from Contoso Ltd?',
        'Request sent to Contoso Ltd',
      ],
      SENT,
    ],
    [
      'a relationship without Global Administrator is refused with the reason',
      [['say', 'start'], next(FABRIKAM)],
      ['Remove Global Administrator', 'does not hold that admin role'],
      [],
    ],
    [
      'nothing chosen: the pick once more',
      [['say', 'start'], next('')],
      ['Remove Global Administrator', 'Global Administrator is removed on its own'],
      [],
    ],
    [
      'a Yes naming another relationship than the one confirmed is refused',
      [['say', 'start'], next(), remove(FABRIKAM)],
      [
        'Remove Global Administrator',
        'Remove Global Administrator from',
        "I cannot find that, or it is not your organisation's",
      ],
      [],
    ],
    [
      'help shows what Alex can do, then the confirmation again',
      [['say', 'start'], next(), ['say', 'help']],
      ['Remove Global Administrator', 'Remove Global Administrator from', 'Help: what you can do'],
      [],
    ],
    [
      'cancel at the confirmation says nothing was saved',
      [['say', 'start'], next(), ['say', 'cancel']],
      [
        'Remove Global Administrator',
        'Remove Global Administrator from',
        'Cancelled removing Global Administrator. Nothing was saved.',
      ],
      [],
    ],
    [
      'Back to the pick, then on to the request',
      [['say', 'start'], next(), ['click', VERBS.globalAdminPick], next(), remove()],
      [
        'Remove Global Administrator',
        'Roles kept',
        'Global Administrator is removed on its own',
        'Roles kept',
        'Request sent',
      ],
      SENT,
    ],
    [
      'an old copy of the pick, after the confirmation was shown, changes nothing',
      [
        ['say', 'start'],
        next(),
        ['click', VERBS.globalAdminConfirm, { relationshipId: ADATUM_CONTOSO, formTicket: 'old' }],
      ],
      ['Remove Global Administrator', 'Roles kept', "Type 'remove global admin' to start again."],
      [],
    ],
  ])('%s', async (_name, turns, seen, after) => {
    expectSeen(await play(client(world.store), turns), seen);
    expect(await requests()).toEqual(after);
  });

  it('Back shows the pick with the relationship chosen still selected', async () => {
    const c = client(world.store);
    await play(c, [['say', 'start'], next()]);
    const { cards } = await c.click(VERBS.globalAdminPick);
    expect(JSON.stringify(cards)).toMatch(/"type":"Input.ChoiceSet"[^}]*"value":"rel-adatum-contoso"/);
  });

  it('resumes after a restart: a new adapter on the same store continues at the confirmation', async () => {
    const before = client(world.store);
    await play(before, [['say', 'start'], next()]);
    const confirmation = before.tickets.dataFor(VERBS.globalAdminRemove);
    const sent = await client(world.store).click(VERBS.globalAdminRemove, {
      ...confirmation,
      relationshipId: ADATUM_CONTOSO,
    });
    expect(sent.text).toContain('Request sent to Contoso Ltd');
    expect(await requests()).toEqual(SENT);
  });

  it('speaks Spanish throughout, cancel included', async () => {
    const c = client(world.store, 'es-ES');
    expect((await c.say('empezar')).text).toContain('Quitar Administrador global');
    expect((await c.say('cancelar')).text).toContain('Se canceló la eliminación de Administrador global');
  });
});

describe('RemoveGlobalAdminDialog with no relationship holding Global Administrator', () => {
  const world = useBotWorld();

  it('says so and ends', async () => {
    const c = new WorkflowDialogClient(world.store, alex, REMOVE_GLOBAL_ADMIN_DIALOG);
    try {
      expect((await c.say('start')).text).toContain(
        "None of Adatum Cloud Partners's live relationships includes Global Administrator.",
      );
      expect(c.status).toBe('complete');
    } finally {
      c.stop();
    }
  });
});
