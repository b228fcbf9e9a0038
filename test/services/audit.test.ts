import { newestEventOf } from '../../src/services/audit.js';
import { RelationshipStatusService } from '../../src/services/relationships/relationship-status.js';
import { DEMO_TENANTS, demoWorld } from '../../src/store/demo-world.js';
import { openPostgresStore } from '../../src/store/postgres/postgres-store.js';
import type { NewRecord, SeedData, Store } from '../../src/store/store.js';
import { perLoopTurn } from '../support/loop-turns.js';
import { persona } from '../support/personas.js';
import { freshDatabase } from '../support/postgres.js';
import { NOW, tempStore } from '../support/world.js';
import { busyHistory } from './helpdesk/timeline-fixtures.js';

const T = DEMO_TENANTS;
const alex = persona('alex');
/** Newer than all of the busy history, and alone in its millisecond. */
const NEWEST: NewRecord<'auditEvents'> = {
  id: 'the-newest',
  at: new Date(NOW.getTime() - 60_000).toISOString(),
  actor: { userId: alex.id, name: alex.name, tenantId: T.adatum },
  action: 'relationship.admin-roles-removed',
  target: { type: 'relationship', id: 'rel-adatum-fabrikam' },
  tenantIds: [T.adatum, T.fabrikam],
};

function seed(): SeedData {
  const world = demoWorld(NOW);
  return { ...world, auditEvents: [...world.auditEvents!, ...busyHistory(NOW, 3000), NEWEST] };
}

describe.each<[string, () => Promise<{ store: Store; dispose: () => Promise<void> }>]>([
  ['embedded', () => tempStore(seed())],
  [
    'PostgreSQL',
    async () => {
      const store = await openPostgresStore({ url: await freshDatabase(), seed: seed() });
      return { store, dispose: () => store.close() };
    },
  ],
])('a relationship’s newest event (%s store)', (_engine, open) => {
  let store: Store;
  let dispose: () => Promise<void>;
  beforeAll(async () => ({ store, dispose } = await open()));
  afterAll(() => dispose());

  it.each<[string, string, string | undefined]>([
    ['of a history of thousands', 'rel-adatum-fabrikam', 'the-newest'],
    ['of another relationship', 'rel-other', 'other-c-0'],
    ['of none', 'rel-nobody', undefined],
  ])('%s', async (_what, relationshipId, id) => {
    expect((await newestEventOf(store, relationshipId))?.id).toBe(id);
  });

  it('is the status card’s last change, read without the rest of the history', async () => {
    const counted = perLoopTurn(store);
    const hana = { user: persona('hana'), org: (await store.get('organizations', T.adatum))! };
    const { result, most } = await counted.measure(() =>
      new RelationshipStatusService(counted.store).status(hana, 'fabrikam'),
    );
    expect(result.ok && result.value.kind === 'status' && result.value.status.relationships[0]?.lastChange?.id).toBe(
      'the-newest',
    );
    expect(most).toBeLessThan(50);
  });
});
