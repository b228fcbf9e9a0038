import { TIMELINE_DIALOG } from '../../../src/bot/workflows/helpdesk/timeline.js';
import { HELPDESK_VERBS } from '../../../src/cards/helpdesk-cards.js';
import type { NewRecord } from '../../../src/store/store.js';
import { DEMO_TENANTS } from '../../../src/store/demo-world.js';
import { contactedBy, worldWith } from '../../services/helpdesk/helpdesk-fixtures.js';
import { useBotWorld } from '../../support/bot-world.js';
import { persona } from '../../support/personas.js';
import { NOW } from '../../support/world.js';
import { DialogClients, expectShown, play, STALE, type Turn } from './dialog-table.js';

const hana = persona('hana'); // Adatum helpdesk agent
const alex = persona('alex');
const T = DEMO_TENANTS;
const { timeline: PAGE, timelineChoose: CHOOSE, exportCsv: EXPORT } = HELPDESK_VERBS;

/** Fifteen more events on Adatum–Fabrikam: its timeline has two pages of ten. */
const EVENTS: NewRecord<'auditEvents'>[] = Array.from({ length: 15 }, (_, i) => ({
  id: `audit-extra-${i}`,
  at: new Date(NOW.getTime() - (i + 1) * 3_600_000).toISOString(),
  actor: { userId: alex.id, name: alex.name, tenantId: alex.tenantId },
  action: 'relationship.admin-roles-removed',
  target: { type: 'relationship', id: 'rel-adatum-fabrikam' },
  tenantIds: [T.adatum, T.fabrikam],
}));

/** TimelineDialog alone (DialogTestClient). */
describe('TimelineDialog (DialogTestClient)', () => {
  const world = useBotWorld(() =>
    worldWith(NOW, contactedBy(NOW, T.adatum, T.contoso, T.tailspin, T.wingtip), { auditEvents: EVENTS }),
  );
  const clients = new DialogClients();
  afterEach(() => clients.stop());

  it.each<[string, string, Turn[], string[], string]>([
    [
      'pages of ten, turned in the same step',
      'fabrikam',
      [
        ['say', 'start'],
        ['click', PAGE, { page: 2 }],
      ],
      ['Fabrikam Inc: timeline\nShowing 1–10 of', 'Showing 11–'],
      'waiting',
    ],
    [
      'Export CSV ends it with a download link',
      'fabrikam',
      [
        ['say', 'start'],
        ['click', EXPORT],
      ],
      ['Fabrikam Inc: timeline', 'Timeline export\n[Download the CSV](http://localhost:3978/downloads/'],
      'complete',
    ],
    [
      'nothing typed: how to ask',
      '',
      [['say', 'start']],
      ['Name a customer or partner, or a relationship id'],
      'complete',
    ],
    [
      'a relationship that is not Adatum\u2019s is refused',
      'rel-litware-contoso',
      [['say', 'start']],
      ['not one of your organisation'],
      'complete',
    ],
    [
      'an ambiguous name asks which, then shows that timeline',
      'toys',
      [
        ['say', 'start'],
        ['click', CHOOSE, { customer: 'tailspintoys.es' }],
      ],
      ['Did you mean…?', 'Tailspin Toys: timeline'],
      'complete',
    ],
    [
      'help, then the same page again',
      'fabrikam',
      [
        ['say', 'start'],
        ['click', PAGE, { page: 2 }],
        ['say', 'help'],
      ],
      ['Showing 1–10', 'Showing 11–', 'Help: what you can do'],
      'waiting',
    ],
    [
      'cancel: nothing was saved',
      'fabrikam',
      [
        ['say', 'start'],
        ['say', 'cancel'],
      ],
      ['Fabrikam Inc: timeline', 'Cancelled reading a timeline. Nothing was saved.'],
      'complete',
    ],
    [
      'an older page, once the timeline moved on, changes nothing',
      'fabrikam',
      [
        ['say', 'start'],
        ['click', PAGE, { page: 2 }],
        ['click', EXPORT, { formTicket: 'the-first-page' }],
      ],
      [
        'Showing 1–10',
        'Showing 11–',
        `${STALE}\nNothing was changed: this card belongs to a step that ended or moved on. Type 'timeline' to start again.`,
      ],
      'waiting',
    ],
  ])('%s', async (_name, args, turns, seen, status) => {
    const c = clients.for(world.store, hana, TIMELINE_DIALOG, { args });
    expectShown(await play(c, turns), seen);
    expect(c.status).toBe(status);
  });

  it('the export is of what was typed, whatever the button names', async () => {
    const c = clients.for(world.store, hana, TIMELINE_DIALOG, { args: 'fabrikam' });
    await c.say('start');
    const { text } = await c.click(EXPORT, { query: 'rel-litware-contoso' });
    expect(text).toContain('Download the CSV');
    expect(text).toContain('events)');
  });

  it('resumes after a restart: the page turned on a new adapter on the same store', async () => {
    const before = clients.for(world.store, hana, TIMELINE_DIALOG, { args: 'fabrikam' });
    await before.say('start');
    const card = before.tickets.dataFor(PAGE);
    const after = clients.for(world.store, hana, TIMELINE_DIALOG, { args: 'fabrikam' });
    const second = await after.click(PAGE, { ...card, page: 2 });
    expect(second.text).toContain('Fabrikam Inc: timeline');
    expect(second.text).toContain('Showing 11–');
  });

  it('speaks Spanish, cancel included', async () => {
    const c = clients.for(world.store, hana, TIMELINE_DIALOG, { args: 'fabrikam' }, 'es-ES');
    expect((await c.say('empezar')).text).toContain('Fabrikam Inc: historial');
    expect((await c.say('cancelar')).text).toContain('Se canceló la consulta de un historial.');
  });
});
