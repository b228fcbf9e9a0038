import { END_RELATIONSHIP_DIALOG, END_VERBS } from '../../../src/bot/workflows/partner/end-relationship-dialog.js';
import type { Store } from '../../../src/store/store.js';
import { useBotWorld } from '../../support/bot-world.js';
import { WorkflowDialogClient } from '../../support/dialog-client.js';
import { expectSeen, play, type Turn } from '../../support/dialog-turns.js';
import { persona } from '../../support/personas.js';
import { ADATUM_CONTOSO, adatumContoso, partnerWorld } from '../workflows/partner/partner-world.js';

const alex = persona('alex'); // Adatum admin agent
const FABRIKAM = 'rel-adatum-fabrikam'; // demo world: Adatum's reseller + delegated admin relationship

const pickAccess = ['click', END_VERBS.endConfirm, { ending: 'admin-access', relationshipId: FABRIKAM }] as Turn;
const pickWhole = ['click', END_VERBS.endConfirm, { ending: 'relationship', relationshipId: FABRIKAM }] as Turn;

/** What is stored of Adatum–Fabrikam after a row: its status, and who removed its admin access if anyone did. */
type Stored = [string, string | undefined];
const UNCHANGED: Stored = ['active', undefined];

/** EndRelationshipDialog alone (DialogTestClient): pick → confirm (or Back) → ended. */
describe('EndRelationshipDialog (DialogTestClient)', () => {
  const world = useBotWorld(() => partnerWorld({ relationships: [adatumContoso()] }));
  const clients: WorkflowDialogClient[] = [];
  const client = (store: Store, locale = 'en-US') => {
    const c = new WorkflowDialogClient(store, alex, END_RELATIONSHIP_DIALOG, {}, {}, locale);
    clients.push(c);
    return c;
  };
  afterEach(() => clients.splice(0).forEach((c) => c.stop()));
  const stored = async (): Promise<Stored> => {
    const relationship = await world.store.get('relationships', FABRIKAM);
    return [relationship!.status, relationship!.adminAccess?.removedBy];
  };

  it.each<[string, Turn[], string[], Stored]>([
    [
      'pick, confirm, and admin access ends while the relationship stays',
      [['say', 'start'], pickAccess, ['click', END_VERBS.end, { ending: 'admin-access', relationshipId: FABRIKAM }]],
      [
        'Fabrikam Inc · Reseller, Delegated administrator',
        'Terminate admin access to Fabrikam Inc?',
        'the relationship stays',
      ],
      ['active', alex.name],
    ],
    [
      'pick, confirm, and the whole relationship ends',
      [['say', 'start'], pickWhole, ['click', END_VERBS.end, { ending: 'relationship', relationshipId: FABRIKAM }]],
      ['End a relationship', 'End the relationship with Fabrikam Inc?', 'no longer have a partner relationship'],
      ['terminated', alex.name],
    ],
    [
      'nothing chosen: the pick once more, nothing ended',
      [
        ['say', 'start'],
        ['click', END_VERBS.endConfirm, { ending: 'relationship', relationshipId: '' }],
      ],
      ['End a relationship', 'Choose the customer relationship to end'],
      UNCHANGED,
    ],
    [
      'a Yes naming another relationship than the one confirmed is refused',
      [
        ['say', 'start'],
        pickAccess,
        ['click', END_VERBS.end, { ending: 'admin-access', relationshipId: ADATUM_CONTOSO }],
      ],
      ['End a relationship', 'Terminate admin access', "I cannot find that, or it is not your organisation's"],
      UNCHANGED,
    ],
    [
      'a Yes for the whole relationship when only admin access was confirmed is refused',
      [['say', 'start'], pickAccess, ['click', END_VERBS.end, { ending: 'relationship', relationshipId: FABRIKAM }]],
      ['End a relationship', 'Terminate admin access', "I cannot find that, or it is not your organisation's"],
      UNCHANGED,
    ],
    [
      'help shows what Alex can do, then the confirmation again',
      [['say', 'start'], pickAccess, ['say', 'help']],
      ['End a relationship', 'Terminate admin access', 'Help: what you can do'],
      UNCHANGED,
    ],
    [
      'help on the pick shows the pick again',
      [
        ['say', 'start'],
        ['say', 'help'],
      ],
      ['End a relationship', 'Choose the customer relationship to end'],
      UNCHANGED,
    ],
    [
      'cancel at the confirmation ends it and says nothing was saved',
      [['say', 'start'], pickAccess, ['say', 'cancel']],
      ['End a relationship', 'Terminate admin access', 'Cancelled ending a relationship. Nothing was saved.'],
      UNCHANGED,
    ],
    [
      'Back, then the other button: the relationship ends',
      [
        ['say', 'start'],
        pickAccess,
        ['click', END_VERBS.endBack],
        pickWhole,
        ['click', END_VERBS.end, { ending: 'relationship', relationshipId: FABRIKAM }],
      ],
      [
        'End a relationship',
        'Terminate admin access',
        'Choose the customer relationship to end',
        'End the relationship with Fabrikam Inc?',
        'no longer have a partner relationship',
      ],
      ['terminated', alex.name],
    ],
    [
      'an old copy of the pick, after the confirmation was shown, changes nothing',
      [
        ['say', 'start'],
        pickAccess,
        [
          'click',
          END_VERBS.endConfirm,
          { ending: 'relationship', relationshipId: FABRIKAM, formTicket: 'an-old-card' },
        ],
      ],
      ['End a relationship', 'Terminate admin access', 'This form is no longer active'],
      UNCHANGED,
    ],
    [
      'text that is not a command points at the open confirmation',
      [['say', 'start'], pickAccess, ['say', 'fabrikam please']],
      ['End a relationship', 'Terminate admin access', 'the confirmation above is still open'],
      UNCHANGED,
    ],
  ])('%s', async (_name, turns, seen, after) => {
    expectSeen(await play(client(world.store), turns), seen);
    expect(await stored()).toEqual(after);
  });

  it('Back shows the pick with the relationship chosen still selected', async () => {
    const c = client(world.store);
    await play(c, [['say', 'start'], pickAccess]);
    const { cards } = await c.click(END_VERBS.endBack);
    expect(JSON.stringify(cards)).toContain(`"value":"${FABRIKAM}"`);
    expect(JSON.stringify(cards)).toMatch(/"type":"Input.ChoiceSet"[^}]*"value":"rel-adatum-fabrikam"/);
  });

  it('the same pick submitted twice shows one confirmation; the second copy changes nothing', async () => {
    const c = client(world.store);
    await c.say('start');
    const { formTicket } = c.tickets.dataFor(END_VERBS.endConfirm);
    expect((await play(c, [pickAccess]))[0]!.text).toContain('Terminate admin access to Fabrikam Inc?');
    const twice = await c.click(END_VERBS.endConfirm, { ending: 'relationship', relationshipId: FABRIKAM, formTicket });
    expect(twice.text).toContain(
      "This form is no longer active\nNothing was changed: this card belongs to a step that ended or moved on. Type 'end relationship' to start again.",
    );
    // Still at the first confirmation: its Yes ends admin access only.
    await c.click(END_VERBS.end, { ending: 'admin-access', relationshipId: FABRIKAM });
    expect(await stored()).toEqual(['active', alex.name]);
  });

  it('a relationship ended meanwhile (by the customer, say) is refused with the reason', async () => {
    const c = client(world.store);
    await play(c, [['say', 'start'], pickWhole]);
    await world.store.transaction(async (tx) => {
      const relationship = await tx.get('relationships', FABRIKAM);
      tx.update('relationships', { ...relationship!, status: 'terminated' });
    });
    const late = await c.click(END_VERBS.end, { ending: 'relationship', relationshipId: FABRIKAM });
    expect(late.text).toContain('That relationship is not active any more.');
    expect(await world.store.all('notifications')).toEqual([]);
  });

  it('resumes after a restart: a new adapter on the same store continues at the confirmation', async () => {
    const before = client(world.store);
    await play(before, [['say', 'start'], pickAccess]);
    const confirmation = before.tickets.dataFor(END_VERBS.end);
    const after = client(world.store);
    const done = await after.click(END_VERBS.end, {
      ...confirmation,
      ending: 'admin-access',
      relationshipId: FABRIKAM,
    });
    expect(done.text).toContain('Admin access terminated');
    expect(await stored()).toEqual(['active', alex.name]);
  });

  it('speaks Spanish throughout, cancel included', async () => {
    const c = client(world.store, 'es-ES');
    expect((await c.say('empezar')).text).toContain('Finalizar una relación');
    expect((await c.say('cancelar')).text).toContain('Se canceló la finalización de una relación');
  });
});
