import { AUTO_EXTEND_DIALOG } from '../../../src/bot/workflows/partner/auto-extend-dialog.js';
import { DAY_TWO_VERBS as VERBS } from '../../../src/bot/workflows/partner/day-two-verbs.js';
import type { NewRecord, Store } from '../../../src/store/store.js';
import { useBotWorld } from '../../support/bot-world.js';
import { WorkflowDialogClient } from '../../support/dialog-client.js';
import { expectSeen, play, type Turn } from '../../support/dialog-turns.js';
import { persona } from '../../support/personas.js';
import { ADATUM_CONTOSO, adatumContoso, partnerWorld } from '../workflows/partner/partner-world.js';

const alex = persona('alex'); // Adatum admin agent
const FABRIKAM = 'rel-adatum-fabrikam'; // demo world: auto-extend off, no Global Administrator

/** Adatum–Contoso with Global Administrator among its roles: auto-extend is not allowed (GDAP). */
function withGlobalAdmin(): NewRecord<'relationships'> {
  const base = adatumContoso();
  return { ...base, adminAccess: { ...base.adminAccess!, roles: ['global-administrator', 'helpdesk-administrator'] } };
}

const turn = (relationshipId: string, on: 'true' | 'false' = 'true'): Turn => [
  'click',
  VERBS.autoExtendSet,
  { relationshipId, on },
];

/** AutoExtendDialog alone (DialogTestClient): the list with each relationship's state → the switch. */
describe('AutoExtendDialog (DialogTestClient)', () => {
  const world = useBotWorld(() => partnerWorld({ relationships: [withGlobalAdmin()] }));
  const clients: WorkflowDialogClient[] = [];
  const client = (store: Store, locale = 'en-US') => {
    const c = new WorkflowDialogClient(store, alex, AUTO_EXTEND_DIALOG, {}, {}, locale);
    clients.push(c);
    return c;
  };
  afterEach(() => clients.splice(0).forEach((c) => c.stop()));
  const extending = async () =>
    Promise.all(
      [FABRIKAM, ADATUM_CONTOSO].map(
        async (id) => (await world.store.get('relationships', id))!.adminAccess!.autoExtend,
      ),
    );

  it.each<[string, Turn[], string[], boolean[]]>([
    [
      'the list, then auto-extend on',
      [['say', 'start'], turn(FABRIKAM)],
      ['Fabrikam Inc: auto-extend off', 'Auto-extend is on'],
      [true, false],
    ],
    [
      'refused while Global Administrator is among the roles',
      [['say', 'start'], turn(ADATUM_CONTOSO)],
      ['Contoso Ltd: not possible with Global Administrator', 'Auto-extend is not allowed when Global Administrator'],
      [false, false],
    ],
    [
      'nothing chosen: the list once more',
      [['say', 'start'], turn('')],
      ['Auto-extend', 'Fabrikam Inc: auto-extend off'],
      [false, false],
    ],
    [
      'help shows what Alex can do, then the list again',
      [
        ['say', 'start'],
        ['say', 'help'],
      ],
      ['Auto-extend', 'Help: what you can do'],
      [false, false],
    ],
    [
      'cancel says nothing was saved',
      [
        ['say', 'start'],
        ['say', 'cancel'],
      ],
      ['Auto-extend', 'Cancelled switching auto-extend. Nothing was saved.'],
      [false, false],
    ],
    [
      'a copy of the list from before changes nothing',
      [
        ['say', 'start'],
        ['click', VERBS.autoExtendSet, { relationshipId: FABRIKAM, on: 'true', formTicket: 'old' }],
      ],
      [
        'Auto-extend',
        "This form is no longer active\nNothing was changed: this card belongs to a step that ended or moved on. Type 'auto extend' to start again.",
      ],
      [false, false],
    ],
  ])('%s', async (_name, turns, seen, after) => {
    expectSeen(await play(client(world.store), turns), seen);
    expect(await extending()).toEqual(after);
  });

  it('resumes after a restart: a new adapter on the same store switches from the list shown before', async () => {
    const before = client(world.store);
    await before.say('start');
    const list = before.tickets.dataFor(VERBS.autoExtendSet);
    const on = await client(world.store).click(VERBS.autoExtendSet, { ...list, relationshipId: FABRIKAM, on: 'true' });
    expect(on.text).toContain('Auto-extend is on');
    expect(await extending()).toEqual([true, false]);
  });

  it('speaks Spanish throughout, cancel included', async () => {
    const c = client(world.store, 'es-ES');
    expect((await c.say('empezar')).text).toContain('Fabrikam Inc');
    expect((await c.say('cancelar')).text).toContain('Se canceló el cambio de la extensión automática');
  });
});
