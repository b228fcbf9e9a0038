import { BULK_DIALOG } from '../../../src/bot/workflows/partner/bulk.js';
import { DAY_TWO_VERBS as VERBS } from '../../../src/bot/workflows/partner/day-two-verbs.js';
import { DEMO_TENANTS } from '../../../src/store/demo-world.js';
import type { NewRecord, Store } from '../../../src/store/store.js';
import { useBotWorld } from '../../support/bot-world.js';
import { WorkflowDialogClient } from '../../support/dialog-client.js';
import { expectSeen, play, type Turn } from '../../support/dialog-turns.js';
import { persona } from '../../support/personas.js';
import { adatumContoso, partnerWorld } from '../workflows/partner/partner-world.js';

const grace = persona('grace'); // Adatum admin agent and global admin
const FABRIKAM = 'rel-adatum-fabrikam'; // demo world: helpdesk + licence admin, auto-extend off
const CONTOSO_GA = 'rel-contoso-ga';

function withGlobal(): NewRecord<'relationships'> {
  const base = adatumContoso();
  const roles: NewRecord<'relationships'>['adminAccess'] = {
    ...base.adminAccess!,
    roles: ['global-administrator', 'helpdesk-administrator'],
  };
  return { ...base, id: CONTOSO_GA, customerTenantId: DEMO_TENANTS.contoso, adminAccess: roles };
}

const ON_FABRIKAM = { operation: 'auto-extend-on', relationshipIds: FABRIKAM };
const review = (data: Record<string, unknown> = ON_FABRIKAM): Turn => ['click', VERBS.bulkReview, data];
const run = (data: Record<string, unknown> = ON_FABRIKAM): Turn => ['click', VERBS.bulkRun, data];

/** What is stored after a row: whether Fabrikam auto-extends, and how many requests went out. */
type Stored = [boolean, number];

/** BulkDialog alone (DialogTestClient): the form → the confirmation (Edit goes back) → one summary. */
describe('BulkDialog (DialogTestClient)', () => {
  const world = useBotWorld(() => partnerWorld({ relationships: [withGlobal()] }));
  const clients: WorkflowDialogClient[] = [];
  const client = (store: Store, locale = 'en-US') => {
    const c = new WorkflowDialogClient(store, grace, BULK_DIALOG, {}, {}, locale);
    clients.push(c);
    return c;
  };
  afterEach(() => clients.splice(0).forEach((c) => c.stop()));
  const stored = async (): Promise<Stored> => [
    (await world.store.get('relationships', FABRIKAM))!.adminAccess!.autoExtend,
    (await world.store.all('invitations')).length,
  ];

  it.each<[string, Turn[], string[], Stored]>([
    [
      'form, confirmation, and the summary',
      [['say', 'start'], review(), run()],
      ['Contoso Ltd: Global Administrator, Helpdesk Administrator', 'Yes, for this relationship', '1 of 1 done.'],
      [true, 0],
    ],
    [
      'two at once, one refused: the summary says which and why',
      [
        ['say', 'start'],
        review({ operation: 'remove-global-admin', relationshipIds: `${CONTOSO_GA},${FABRIKAM}` }),
        run({ operation: 'remove-global-admin', relationshipIds: `${CONTOSO_GA},${FABRIKAM}` }),
      ],
      ['Bulk change', 'Yes, for these 2 relationships', 'does not hold that admin role'],
      [false, 1],
    ],
    [
      'no relationship chosen: the form again with the error',
      [['say', 'start'], review({ operation: 'auto-extend-on', relationshipIds: '' })],
      ['Bulk change', 'Choose what to do and from 1 to 25 relationships.'],
      [false, 0],
    ],
    [
      '26 relationships: the form again with the error',
      [
        ['say', 'start'],
        review({
          operation: 'auto-extend-on',
          relationshipIds: Array.from({ length: 26 }, (_, i) => `r${i}`).join(','),
        }),
      ],
      ['Bulk change', 'Choose what to do and from 1 to 25 relationships.'],
      [false, 0],
    ],
    [
      'a Yes naming other relationships than the confirmation showed is refused',
      [['say', 'start'], review(), run({ operation: 'auto-extend-on', relationshipIds: `${FABRIKAM},${CONTOSO_GA}` })],
      ['Bulk change', 'Yes, for this relationship', "I cannot find that, or it is not your organisation's"],
      [false, 0],
    ],
    [
      'a Yes for another operation than the confirmation showed is refused',
      [['say', 'start'], review(), run({ operation: 'auto-extend-off', relationshipIds: FABRIKAM })],
      ['Bulk change', 'Yes, for this relationship', "I cannot find that, or it is not your organisation's"],
      [false, 0],
    ],
    [
      'help shows what Grace can do, then the confirmation again',
      [['say', 'start'], review(), ['say', 'help']],
      ['Bulk change', 'Yes, for this relationship', 'Help: what you can do'],
      [false, 0],
    ],
    [
      'cancel at the confirmation says nothing was saved',
      [['say', 'start'], review(), ['say', 'cancel']],
      ['Bulk change', 'confirm', 'Cancelled making a bulk change. Nothing was saved.'],
      [false, 0],
    ],
    [
      'Edit goes back to the form; the run does what the new confirmation showed',
      [
        ['say', 'start'],
        review({ operation: 'auto-extend-off', relationshipIds: FABRIKAM }),
        ['click', VERBS.bulkForm],
        review(),
        run(),
      ],
      ['Bulk change', 'Turn off auto-extend', 'Bulk change', 'Turn on auto-extend', '1 of 1 done.'],
      [true, 0],
    ],
    [
      'an old copy of the form, after the confirmation was shown, changes nothing',
      [['say', 'start'], review(), review({ ...ON_FABRIKAM, formTicket: 'old' })],
      ['Bulk change', 'confirm', "Type 'bulk' to start again."],
      [false, 0],
    ],
  ])('%s', async (_name, turns, seen, after) => {
    expectSeen(await play(client(world.store), turns), seen);
    expect(await stored()).toEqual(after);
  });

  it('Edit shows the form with what was chosen', async () => {
    const c = client(world.store);
    await play(c, [['say', 'start'], review({ operation: 'auto-extend-off', relationshipIds: FABRIKAM })]);
    const { cards } = await c.click(VERBS.bulkForm);
    const form = JSON.stringify(cards);
    expect(form).toMatch(/"type":"Input.ChoiceSet"[^}]*"value":"auto-extend-off"/);
    expect(form).toMatch(/"type":"Input.ChoiceSet"[^}]*"value":"rel-adatum-fabrikam"/);
  });

  it('resumes after a restart: a new adapter on the same store runs what the confirmation showed', async () => {
    const before = client(world.store);
    await play(before, [['say', 'start'], review()]);
    const confirmation = before.tickets.dataFor(VERBS.bulkRun);
    const summary = await client(world.store).click(VERBS.bulkRun, { ...confirmation, ...ON_FABRIKAM });
    expect(summary.text).toContain('1 of 1 done.');
    expect(await stored()).toEqual([true, 0]);
  });

  it('speaks Spanish throughout, cancel included', async () => {
    const c = client(world.store, 'es-ES');
    expect((await c.say('empezar')).text).toContain('Cambio en bloque');
    expect((await c.say('cancelar')).text).toContain('Se canceló el cambio en bloque');
  });
});
