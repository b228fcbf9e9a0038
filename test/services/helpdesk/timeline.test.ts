import type { AuditEvent } from '../../../src/domain/model.js';
import { TimelineService, type Timeline } from '../../../src/services/helpdesk/timeline.js';
import { BATCH } from '../../../src/store/give-way.js';
import { DEMO_TENANTS, demoWorld } from '../../../src/store/demo-world.js';
import { openPostgresStore } from '../../../src/store/postgres/postgres-store.js';
import type { SeedData, Store } from '../../../src/store/store.js';
import { perLoopTurn } from '../../support/loop-turns.js';
import { persona } from '../../support/personas.js';
import { freshDatabase } from '../../support/postgres.js';
import { NOW, tempStore } from '../../support/world.js';
import { between, busyHistory, newestFirst } from './timeline-fixtures.js';

const T = DEMO_TENANTS;
const EVENTS = 3000;

function seed(): SeedData {
  const world = demoWorld(NOW);
  return { ...world, auditEvents: [...world.auditEvents!, ...busyHistory(NOW, EVENTS)] };
}
const history = seed().auditEvents!;
const ids = (events: readonly { id: string }[]) => events.map((e) => e.id);

const ENGINES: [string, () => Promise<{ store: Store; dispose: () => Promise<void> }>][] = [
  ['embedded', () => tempStore(seed())],
  [
    'PostgreSQL',
    async () => {
      const store = await openPostgresStore({ url: await freshDatabase(), seed: seed() });
      return { store, dispose: () => store.close() };
    },
  ],
];

describe.each(ENGINES)('timeline of a busy pair (%s store)', (_engine, open) => {
  let store: Store;
  let dispose: () => Promise<void>;
  beforeAll(async () => ({ store, dispose } = await open()));
  afterAll(() => dispose());

  const hana = async () => ({ user: persona('hana'), org: (await store.get('organizations', T.adatum))! });
  const timelineOf = async (s: Store, query: string): Promise<Timeline> => {
    const found = await new TimelineService(s).forQuery(await hana(), query);
    if (!found.ok || found.value.kind !== 'timeline') throw new Error(`no timeline for ${query}`);
    return found.value.timeline;
  };
  const everything = async (s: Store, timeline: Timeline) => {
    const read: AuditEvent[] = [];
    for await (const batch of new TimelineService(s).newestFirst(timeline)) read.push(...batch);
    return read;
  };

  const pair = newestFirst(between(history, T.adatum, T.fabrikam));
  const relationship = newestFirst(
    history.filter((e) => e.target.type === 'relationship' && e.target.id === 'rel-adatum-fabrikam'),
  );

  it.each<[string, string, typeof pair]>([
    ['an organisation: every event with both of them, two-tier ones included', 'fabrikam', pair],
    ['a relationship: its own events only', 'rel-adatum-fabrikam', relationship],
  ])('%s, newest first and complete', async (_what, query, expected) => {
    const timeline = await timelineOf(store, query);
    expect(timeline.total).toBe(expected.length);
    expect(ids(await everything(store, timeline))).toEqual(ids(expected));
  });

  it.each<[string, number, number, number]>([
    ['the first page', 1, 0, 10],
    ['the second', 2, 10, 20],
    ['the last, shorter one', 301, 3000, 3001],
    ['one past the end: the last', 999, 3000, 3001],
    ['nonsense: the first', 0, 0, 10],
  ])('%s, reading that page only', async (_what, page, from, to) => {
    const timeline = await timelineOf(store, 'fabrikam');
    const counted = perLoopTurn(store);
    const { result, most } = await counted.measure(() => new TimelineService(counted.store).page(timeline, page, 10));
    expect(ids(result.items)).toEqual(ids(pair.slice(from, to)));
    expect(result).toMatchObject({ total: 3001, pages: 301, first: from + 1, last: to });
    expect(most).toBeLessThanOrEqual(10);
  });

  it('is read a batch at a time, the event loop given back between batches', async () => {
    const timeline = await timelineOf(store, 'fabrikam');
    const counted = perLoopTurn(store);
    const { result, most, turns } = await counted.measure(() => everything(counted.store, timeline));
    expect(result).toHaveLength(3001);
    expect(most).toBeLessThanOrEqual(BATCH);
    // Thirteen batches: the loop turned between each two of them.
    expect(turns).toBeGreaterThanOrEqual(Math.ceil(3001 / BATCH) - 1);
  });

  it('an event recorded while the export reads is left for the next one, and none is read twice or missed', async () => {
    const timeline = await timelineOf(store, 'fabrikam');
    const read: AuditEvent[] = [];
    let added = false;
    for await (const batch of new TimelineService(store).newestFirst(timeline)) {
      read.push(...batch);
      if (added) continue;
      added = true;
      await store.transaction((tx) => {
        tx.insert('auditEvents', {
          id: 'busy-late',
          at: NOW.toISOString(),
          actor: null,
          action: 'relationship.reminder-30d',
          target: { type: 'relationship', id: 'rel-adatum-fabrikam' },
          tenantIds: [T.adatum, T.fabrikam],
        });
      });
    }
    expect(ids(read)).toEqual(ids(pair));
    expect((await timelineOf(store, 'fabrikam')).total).toBe(3002);
  });
});
