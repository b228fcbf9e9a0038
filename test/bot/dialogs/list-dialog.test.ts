import { LIST_DIALOGS } from '../../../src/bot/workflows/helpdesk/lists.js';
import { LIST_PAGE_VERBS } from '../../../src/cards/helpdesk-cards.js';
import { expiringCustomers, pendingInvitation, worldWith } from '../../services/helpdesk/helpdesk-fixtures.js';
import { useBotWorld } from '../../support/bot-world.js';
import { persona } from '../../support/personas.js';
import { NOW } from '../../support/world.js';
import { DialogClients, expectShown, play, STALE, type Turn } from './dialog-table.js';

const hana = persona('hana'); // Adatum helpdesk agent
const umar = persona('umar'); // Adatum user management admin: no helpdesk view
const PENDING = LIST_PAGE_VERBS.pending;

/** ListDialog alone (DialogTestClient): the pending list of 12 invitations, five a page. */
describe('ListDialog (DialogTestClient)', () => {
  const world = useBotWorld(() =>
    worldWith(
      NOW,
      { invitations: Array.from({ length: 12 }, (_, i) => pendingInvitation(NOW, i + 1, 80 - i * 5)) },
      expiringCustomers(NOW, 7),
    ),
  );
  const clients = new DialogClients();
  afterEach(() => clients.stop());

  it.each<[string, Turn[], string[], string]>([
    [
      'Next and Previous ask the same step again with that page',
      [
        ['say', 'start'],
        ['click', PENDING, { page: 2 }],
        ['click', PENDING, { page: 1 }],
      ],
      ['Showing 1–5 of 12 (page 1 of 3)', 'Showing 6–10 of 12 (page 2 of 3)', 'Showing 1–5 of 12 (page 1 of 3)'],
      'waiting',
    ],
    [
      'a page past the end is the last page',
      [
        ['say', 'start'],
        ['click', PENDING, { page: 99 }],
      ],
      ['page 1 of 3', 'Showing 11–12 of 12 (page 3 of 3)'],
      'waiting',
    ],
    [
      'help shows what Hana can do, then the same page again',
      [
        ['say', 'start'],
        ['click', PENDING, { page: 3 }],
        ['say', 'help'],
      ],
      ['page 1 of 3', 'page 3 of 3', 'Help: what you can do'],
      'waiting',
    ],
    [
      'cancel ends it: a list saves nothing',
      [
        ['say', 'start'],
        ['say', 'cancel'],
      ],
      ['page 1 of 3', 'Cancelled listing pending invitations. Nothing was saved.'],
      'complete',
    ],
    [
      'text that is not a command points at the open list',
      [
        ['say', 'start'],
        ['say', 'next please'],
      ],
      ['page 1 of 3', 'the list (Previous or Next) above is still open'],
      'waiting',
    ],
    [
      'an older page, once the list moved on, changes nothing',
      [
        ['say', 'start'],
        ['click', PENDING, { page: 2 }],
        ['click', PENDING, { page: 3, formTicket: 'the-first-page' }],
      ],
      [
        'page 1 of 3',
        'page 2 of 3',
        `${STALE}\nNothing was changed: this card belongs to a step that ended or moved on. Type 'pending' to start again.`,
      ],
      'waiting',
    ],
  ])('%s', async (_name, turns, seen, status) => {
    const c = clients.for(world.store, hana, LIST_DIALOGS.pending);
    expectShown(await play(c, turns), seen);
    expect(c.status).toBe(status);
  });

  it('the page it shows again after help is the one Hana was at, from the dialog state', async () => {
    const c = clients.for(world.store, hana, LIST_DIALOGS.pending);
    await c.say('start');
    await c.click(PENDING, { page: 2 });
    expect((await c.say('help')).text).toContain('Showing 6–10 of 12 (page 2 of 3)');
  });

  it('a list that fits on one page has nothing to wait for', async () => {
    const c = clients.for(world.store, persona('lidia'), LIST_DIALOGS.pending);
    const { text } = await c.say('start');
    expect(text).toContain('No invitation is waiting for an answer.');
    expect(c.status).toBe('complete');
  });

  it('refuses a person who may not view relationships, and ends', async () => {
    const c = clients.for(world.store, umar, LIST_DIALOGS.pending);
    expect((await c.say('start')).text).toContain('This needs the role');
    expect(c.status).toBe('complete');
  });

  it('relationships by state keeps the state typed for every page', async () => {
    const c = clients.for(world.store, hana, LIST_DIALOGS['by-state'], { args: 'active' });
    expect((await c.say('start')).text).toContain('Relationships Active');
    const second = await c.click(LIST_PAGE_VERBS['by-state'], { page: 2, state: 'expired' });
    expect(second.text).toContain('Relationships Active');
    expect(second.text).toContain('page 2 of 2');
  });

  it('relationships by state shows them in the order they began, and says so; Next goes on from there', async () => {
    const c = clients.for(world.store, hana, LIST_DIALOGS['by-state'], { args: 'active' });
    const first = (await c.say('start')).text;
    // Fabrikam's began 345 days ago, Expiring Customer n's 60 − 3n days ago; by name Fabrikam would come last.
    const headings = ['Fabrikam Inc', ...[1, 2, 3, 4].map((n) => `Expiring Customer ${n}\n`)];
    const at = headings.map((h) => first.indexOf(h));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(first).toContain('Showing 1–5 of 8 (page 1 of 2). In the order the relationships began, oldest first.');
    const second = (await c.click(LIST_PAGE_VERBS['by-state'], { page: 2 })).text;
    expect(second).toContain('Showing 6–8 of 8 (page 2 of 2)');
    for (const n of [5, 6, 7]) expect(second).toContain(`Expiring Customer ${n}`);
    expect(second).not.toContain('Fabrikam Inc');
  });

  it('resumes after a restart: a new adapter on the same store turns the page of the card Hana has', async () => {
    const before = clients.for(world.store, hana, LIST_DIALOGS.pending);
    await before.say('start');
    await before.click(PENDING, { page: 2 });
    const card = before.tickets.dataFor(PENDING);
    const after = clients.for(world.store, hana, LIST_DIALOGS.pending);
    expect((await after.click(PENDING, { ...card, page: 3 })).text).toContain('Showing 11–12 of 12 (page 3 of 3)');
  });

  it('speaks Spanish, cancel included', async () => {
    const c = clients.for(world.store, hana, LIST_DIALOGS.pending, {}, 'es-ES');
    expect((await c.say('empezar')).text).toContain('Invitaciones pendientes');
    expect((await c.say('cancelar')).text).toContain('Se canceló el listado de invitaciones pendientes.');
  });
});
