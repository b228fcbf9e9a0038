// A saturated pool: turns queue for a connection for a bounded time, then the store says it is busy.
import { StoreBusyError } from '../../../src/store/store-busy.js';
import { openPostgresStore, type PostgresStore } from '../../../src/store/postgres/postgres-store.js';
import { freshDatabase } from '../../support/postgres.js';
import { NOW, org } from '../../support/world.js';

/** Polls state (never a fixed sleep) until `condition` holds. */
async function waitFor(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition never held');
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('PostgreSQL store with every connection busy', () => {
  let store: PostgresStore;
  beforeEach(async () => {
    store = await openPostgresStore({ url: await freshDatabase(), poolSize: 1, poolWaitMs: 300 });
  });
  afterEach(async () => {
    await store.close();
  });

  const insertOrg = (id: string) => store.transaction((tx) => void tx.insert('organizations', org({ tenantId: id })));

  it('a commit waiting longer than the pool wait fails as busy and saves nothing; the next one succeeds', async () => {
    const held = await store.pool.connect();
    const started = Date.now();
    const failure = await insertOrg('org-while-busy').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(StoreBusyError);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    held.release();
    expect(await store.get('organizations', 'org-while-busy')).toBeUndefined();
    await insertOrg('org-after');
    expect((await store.get('organizations', 'org-after'))?.createdAt).toBe(NOW.toISOString());
  });

  it('a read waiting longer than the pool wait fails as busy too', async () => {
    const held = await store.pool.connect();
    await expect(store.all('organizations')).rejects.toBeInstanceOf(StoreBusyError);
    held.release();
    expect(await store.all('organizations')).toEqual([]);
  });

  it('a commit queued behind a busy connection runs once the connection is free within the wait', async () => {
    const held = await store.pool.connect();
    const queued = insertOrg('org-queued');
    await waitFor(() => store.pool.waitingCount === 1);
    held.release();
    await queued;
    expect(await store.get('organizations', 'org-queued')).toBeDefined();
  });

  it('a conversation lock waiting longer than the pool wait fails as busy, and its work never runs', async () => {
    let ran = 0;
    let finish!: () => void;
    const holding = store.withLock('conversation/a', () => new Promise<void>((resolve) => (finish = resolve)));
    await waitFor(() => finish !== undefined);
    await expect(store.withLock('conversation/b', async () => void ran++)).rejects.toBeInstanceOf(StoreBusyError);
    expect(ran).toBe(0);
    finish();
    await holding;
  });
});
