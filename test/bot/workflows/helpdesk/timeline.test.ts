import { HELPDESK_VERBS } from '../../../../src/cards/helpdesk-cards.js';
import { translator } from '../../../../src/i18n/i18n.js';
import { BATCH } from '../../../../src/store/give-way.js';
import { DEMO_TENANTS, demoWorld } from '../../../../src/store/demo-world.js';
import type { NewRecord, Store } from '../../../../src/store/store.js';
import { BotHarness } from '../../../support/bot-harness.js';
import { perLoopTurn } from '../../../support/loop-turns.js';
import { persona } from '../../../support/personas.js';
import { NOW, tempStore } from '../../../support/world.js';
import { between, busyHistory, csvOfAll } from '../../../services/helpdesk/timeline-fixtures.js';

const hana = persona('hana'); // Adatum helpdesk agent
const alex = persona('alex');
const T = DEMO_TENANTS;

/** Types the timeline command, clicks Export CSV and returns what the download link serves. */
async function exported(bot: BotHarness, query: string): Promise<{ text: string; body: string }> {
  const shown = await bot.say(`timeline ${query}`);
  expect(shown).toMatch(/: (timeline|historial)/);
  const { text } = await bot.click(HELPDESK_VERBS.exportCsv);
  const token = /\/downloads\/([A-Za-z0-9_-]+)\)/.exec(text)?.[1];
  expect(token).toBeDefined();
  const file = await bot.app.downloads.get(token!);
  return { text, body: file!.body };
}

describe('timeline export', () => {
  let store: Store;
  let dispose: () => Promise<void>;
  const harnesses: BotHarness[] = [];
  const as = (person: typeof hana, s = store, locale = 'en-US') => {
    const bot = new BotHarness(s, person, {}, locale);
    harnesses.push(bot);
    return bot;
  };
  const open = async (extra: NewRecord<'auditEvents'>[]) => {
    const world = demoWorld(NOW);
    ({ store, dispose } = await tempStore({ ...world, auditEvents: [...world.auditEvents!, ...extra] }));
    return world.auditEvents!;
  };
  afterEach(async () => {
    harnesses.splice(0).forEach((h) => h.stop());
    await dispose();
  });

  it('writes these exact bytes: BOM, header, newest first, formulas neutralised, commas and quotes quoted', async () => {
    const event = (id: string, minutes: number, fields: Partial<NewRecord<'auditEvents'>>) => ({
      id,
      at: new Date(NOW.getTime() - minutes * 60_000).toISOString(),
      actor: { userId: alex.id, name: alex.name, tenantId: T.adatum },
      action: 'relationship.admin-roles-removed',
      target: { type: 'relationship', id: 'rel-adatum-fabrikam' },
      tenantIds: [T.adatum, T.fabrikam],
      ...fields,
    });
    await open([
      event('e-1', 1, { actor: { userId: 'x', name: '=HYPERLINK("http://evil.example","x")', tenantId: T.adatum } }),
      event('e-2', 2, { actor: null, action: 'relationship.reminder-30d' }),
      event('e-3', 3, {
        actor: { userId: 'f', name: 'Becker, "Franz"', tenantId: T.fabrikam },
        action: 'what.is.this',
      }),
      event('e-4', 3, { target: { type: 'invitation', id: 'inv-1' }, tenantIds: [T.litware, T.adatum, T.fabrikam] }),
      event('e-5', 4, { tenantIds: [T.litware, T.fabrikam] }),
    ]);
    const { text, body } = await exported(as(hana), 'fabrikam');
    expect(text).toContain('(5 events)');
    expect(body).toBe(
      '\uFEFFDate (UTC),What,Who,Organisation (tenant id),Subject\r\n' +
        `2026-11-22T09:59:00.000Z,Admin roles removed,"'=HYPERLINK(""http://evil.example"",""x"")",${T.adatum},relationship/rel-adatum-fabrikam\r\n` +
        '2026-11-22T09:58:00.000Z,Reminder sent: admin access ends in 30 days,Partner Desk,,relationship/rel-adatum-fabrikam\r\n' +
        `2026-11-22T09:57:00.000Z,Admin roles removed,Alex Wilber,${T.adatum},invitation/inv-1\r\n` +
        `2026-11-22T09:57:00.000Z,A change was recorded,"Becker, ""Franz""",${T.fabrikam},relationship/rel-adatum-fabrikam\r\n` +
        `2025-12-12T10:00:00.000Z,Relationship activated,Franz Becker,${T.fabrikam},relationship/rel-adatum-fabrikam\r\n`,
    );
  });

  it('of a pair with 3,000 events: every one, newest first, the same bytes as the whole-history export wrote', async () => {
    const demo = await open(busyHistory(NOW, 3000));
    const history = [...demo, ...busyHistory(NOW, 3000)];
    const { text, body } = await exported(as(hana), 'fabrikam');
    const pair = between(history, T.adatum, T.fabrikam);
    expect(pair).toHaveLength(3001);
    expect(text).toContain('(3001 events)');
    expect(body).toBe(csvOfAll(pair, translator('en')));
  });

  it('of one relationship by its id: its events only, in Spanish', async () => {
    const demo = await open(busyHistory(NOW, 600));
    const history = [...demo, ...busyHistory(NOW, 600)];
    const { body } = await exported(as(hana, store, 'es-ES'), 'rel-adatum-fabrikam');
    const ofIt = history.filter((e) => e.target.type === 'relationship' && e.target.id === 'rel-adatum-fabrikam');
    expect(body).toBe(csvOfAll(ofIt, translator('es')));
  });

  it('gives the event loop back: no turn of it hands out more than one batch of events', async () => {
    await open(busyHistory(NOW, 3000));
    const counted = perLoopTurn(store);
    const bot = as(hana, counted.store);
    const { most, result } = await counted.measure(() => exported(bot, 'fabrikam'));
    expect(result.text).toContain('(3001 events)');
    // One batch, plus the few records the turn itself reads (the user, the organisations, the card's page).
    expect(most).toBeLessThanOrEqual(BATCH + 20);
  });
});
