// Two instances on one database: each hears of the other's commits through its change feed, and after a
// lost listening connection its views are told to rebuild.
import pg from 'pg';
import type { StoreChange } from '../../../src/store/change-feed.js';
import { listenerName } from '../../../src/store/postgres/remote-changes.js';
import { openPostgresStore, type PostgresStore } from '../../../src/store/postgres/postgres-store.js';
import { freshDatabase } from '../../support/postgres.js';
import { org } from '../../support/world.js';

/** Polls state (never a fixed sleep) until `condition` holds. */
async function waitFor(what: string, condition: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`never happened: ${what}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('the change feed across two instances (one PostgreSQL database)', () => {
  let url: string;
  let here: PostgresStore;
  let there: PostgresStore;
  let admin: pg.Pool;
  beforeEach(async () => {
    url = await freshDatabase();
    [here, there] = [await openPostgresStore({ url }), await openPostgresStore({ url })];
    admin = new pg.Pool({ connectionString: url });
  });
  afterEach(async () => {
    await here.close();
    await there.close();
    await admin.end();
  });

  const heard = (store: PostgresStore, interest?: Parameters<PostgresStore['subscribe']>[1]) => {
    const changes: StoreChange[] = [];
    store.subscribe((change) => changes.push(change), interest);
    return changes;
  };
  const ids = (changes: StoreChange[]) =>
    changes.map((c) =>
      'lost' in c ? 'lost' : `${c.collection}/${c.id} ${c.record ? `v${c.record.version}` : 'removed'}`,
    );

  it("tells each instance the other's inserts, updates and removals, with the record as committed, once", async () => {
    const thereHeard = heard(there);
    const hereHeard = heard(here);
    await here.transaction((tx) => void tx.insert('organizations', org({ tenantId: 'lamna', name: 'Lamna' })));
    await waitFor('the insert heard there', () => thereHeard.length === 1);
    expect(thereHeard[0]).toMatchObject({
      collection: 'organizations',
      id: 'lamna',
      record: { name: 'Lamna', version: 1 },
    });

    await here.transaction(async (tx) => {
      const lamna = (await tx.get('organizations', 'lamna'))!;
      tx.update('organizations', { ...lamna, name: 'Lamna Healthcare' });
    });
    await waitFor('the update heard there', () => thereHeard.length === 2);
    expect(thereHeard[1]).toMatchObject({ record: { name: 'Lamna Healthcare', version: 2 } });

    await there.transaction(async (tx) => tx.remove('organizations', (await tx.get('organizations', 'lamna'))!));
    await waitFor('the removal heard here', () => hereHeard.length === 3);
    // Each instance heard its own commits once (at once) and the other's once.
    expect(ids(hereHeard)).toEqual(['organizations/lamna v1', 'organizations/lamna v2', 'organizations/lamna removed']);
    expect(ids(thereHeard)).toEqual([
      'organizations/lamna v1',
      'organizations/lamna v2',
      'organizations/lamna removed',
    ]);
  });

  it('a commit of many writes reaches the other instance whole, over several announcements', async () => {
    const thereHeard = heard(there);
    const many = Array.from(
      { length: 600 },
      (_, n) => `organisation-with-a-long-identifier-${String(n).padStart(4, '0')}`,
    );
    await here.transaction((tx) => many.forEach((id) => tx.insert('organizations', org({ tenantId: id }))));
    await waitFor('every write heard there', () => thereHeard.length === many.length);
    expect(thereHeard.map((c) => ('id' in c ? c.id : '')).sort()).toEqual(many);
  });

  it('tells a listener only the collections it asked for, and nothing of other instances to one that asked for its own', async () => {
    const organizationsOnly = heard(there, { collections: ['organizations'] });
    const ownOnly = heard(there, { ownOnly: true });
    const everything = heard(there);
    await here.transaction((tx) => void tx.insert('activities', { id: 'msteams/a/1', at: new Date().toISOString() }));
    await here.transaction((tx) => void tx.insert('organizations', org({ tenantId: 'lamna' })));
    await waitFor('both writes heard there', () => everything.length === 2);
    expect(ids(organizationsOnly)).toEqual(['organizations/lamna v1']);
    expect(ownOnly).toEqual([]);
  });

  it('a lost listening connection is told (views rebuild), and the instance hears the other again once back', async () => {
    const thereHeard = heard(there);
    const { rowCount } = await admin.query(
      'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1',
      [listenerName(there.instance)],
    );
    expect(rowCount).toBe(1);
    await waitFor('told twice: when lost, and when listening again', () => thereHeard.length === 2);
    expect(ids(thereHeard)).toEqual(['lost', 'lost']);
    await here.transaction((tx) => void tx.insert('organizations', org({ tenantId: 'lamna' })));
    await waitFor('the insert heard there after the reconnection', () => thereHeard.length === 3);
    expect(ids(thereHeard)[2]).toBe('organizations/lamna v1');
  });
});
