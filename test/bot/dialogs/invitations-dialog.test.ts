import { INVITATIONS_DIALOG } from '../../../src/bot/workflows/invitation-lists.js';
import { PENDING_VERBS } from '../../../src/bot/workflows/partner/pending-invitations.js';
import { REQUEST_VERBS } from '../../../src/cards/request-card.js';
import type { AdminRoleId } from '../../../src/domain/model.js';
import type { Store } from '../../../src/store/store.js';
import type { Person } from '../../support/activities.js';
import { useBotWorld } from '../../support/bot-world.js';
import { WorkflowDialogClient } from '../../support/dialog-client.js';
import { sendInvitation, WITH_ROLES } from '../../support/invitations.js';
import { persona } from '../../support/personas.js';
import { expectSeen, play, type Turn } from '../../support/dialog-turns.js';

const alex = persona('alex'); // Adatum admin agent: what Adatum sent
const PAGE = PENDING_VERBS.page;

/** Invitations to Contoso that differ only in what they ask for. */
const ROLE_SETS: AdminRoleId[][] = [
  ['helpdesk-administrator'],
  ['user-administrator'],
  ['license-administrator'],
  ['exchange-administrator'],
  ['teams-administrator'],
  ['security-reader'],
  ['global-reader'],
];

/** InvitationsDialog alone (DialogTestClient): the partner's list, paged inside one step. */
describe('InvitationsDialog (DialogTestClient)', () => {
  const world = useBotWorld();
  const clients: WorkflowDialogClient[] = [];
  const client = (store: Store, person: Person = alex, locale = 'en-US') => {
    const c = new WorkflowDialogClient(store, person, INVITATIONS_DIALOG, {}, {}, locale);
    clients.push(c);
    return c;
  };
  afterEach(() => clients.splice(0).forEach((c) => c.stop()));
  async function invite(count: number): Promise<void> {
    for (const roles of ROLE_SETS.slice(0, count))
      await sendInvitation(world.store, { ...WITH_ROLES, adminAccess: { ...WITH_ROLES.adminAccess!, roles } });
  }

  it.each<[string, Person, Turn[], string[]]>([
    [
      'Next and Previous page inside the same step',
      alex,
      [
        ['say', 'start'],
        ['click', PAGE, { page: 2 }],
        ['click', PAGE, { page: 1 }],
      ],
      ['Showing 1–5 of 7 (page 1 of 2)', 'Showing 6–7 of 7 (page 2 of 2)', 'Showing 1–5 of 7 (page 1 of 2)'],
    ],
    [
      'help shows what Alex can do, then the list again',
      alex,
      [
        ['say', 'start'],
        ['say', 'help'],
      ],
      ['Showing 1–5 of 7', 'Help: what you can do'],
    ],
    [
      'cancel ends it; nothing was saved',
      alex,
      [
        ['say', 'start'],
        ['say', 'cancel'],
      ],
      ['Showing 1–5 of 7', 'Cancelled looking through invitations. Nothing was saved.'],
    ],
    [
      'text that is not a command points at the open list',
      alex,
      [
        ['say', 'start'],
        ['say', 'next please'],
      ],
      ['Showing 1–5 of 7', 'the invitation list above is still open'],
    ],
    [
      'an old page of the list changes nothing',
      alex,
      [
        ['say', 'start'],
        ['click', PAGE, { page: 2, formTicket: 'old' }],
      ],
      [
        'Showing 1–5 of 7',
        "Nothing was changed: this card belongs to a step that ended or moved on. Type 'invitations' to start again.",
      ],
    ],
  ])('%s', async (_name, person, turns, seen) => {
    await invite(7);
    expectSeen(await play(client(world.store, person), turns), seen);
  });

  it('the first page, once paged away from, is no longer active', async () => {
    await invite(7);
    const c = client(world.store);
    await c.say('start');
    const first = c.tickets.dataFor(PAGE);
    await c.click(PAGE, { page: 2 });
    expect((await c.click(PAGE, { page: 2, ...first })).text).toContain('This form is no longer active');
  });

  it('a single page is shown and the list ends: nothing waits', async () => {
    await invite(2);
    const c = client(world.store);
    const { cards } = await c.say('start');
    expect(JSON.stringify(cards)).not.toContain(PAGE);
    expect(JSON.stringify(cards)).toContain(REQUEST_VERBS.newLink);
    expect(c.status).toBe('complete');
  });

  it('resumes after a restart: a new adapter on the same store pages the list the first one showed', async () => {
    await invite(7);
    const before = client(world.store);
    await before.say('start');
    const next = before.tickets.dataFor(PAGE);
    const after = client(world.store);
    expect((await after.click(PAGE, { page: 2, ...next })).text).toContain('Showing 6–7 of 7');
  });

  it('speaks Spanish throughout, cancel included', async () => {
    await invite(7);
    const c = client(world.store, alex, 'es-ES');
    expect((await c.say('empezar')).text).toContain('(página 1 de 2)');
    expect((await c.say('cancelar')).text).toContain('Se canceló la consulta de invitaciones');
  });
});
