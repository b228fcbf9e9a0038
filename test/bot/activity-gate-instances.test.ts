import pg from 'pg';
import { ActivityLedger, ConversationQueue } from '../../src/bot/activity-gate.js';
import { MemoryLogger } from '../../src/logging/logger.js';
import { NOW } from '../support/world.js';
import { openPostgresStore, type PostgresStore } from '../../src/store/postgres/postgres-store.js';
import { freshDatabase } from '../support/postgres.js';

/** Polls state (never a fixed sleep) until `condition` holds. */
async function waitFor(condition: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (await condition()) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error('condition never held');
}

describe("one conversation's turns across instances (one PostgreSQL database)", () => {
  const open: { close(): Promise<void> }[] = [];
  let url: string;
  let admin: pg.Pool;
  afterEach(async () => {
    for (const o of open.splice(0)) await o.close();
  });
  beforeEach(async () => {
    url = await freshDatabase();
    admin = new pg.Pool({ connectionString: url });
    open.push({ close: () => admin.end() });
  });

  /** Two bot instances: each its own store connection and its own queue, as in two processes. */
  async function twoInstances(): Promise<ConversationQueue[]> {
    const stores: PostgresStore[] = [await openPostgresStore({ url }), await openPostgresStore({ url })];
    open.push(...stores);
    return stores.map((s) => new ConversationQueue((key, work) => s.withLock(key, work)));
  }

  const waitingLocks = async () =>
    Number(
      (
        await admin.query<{ n: string }>(
          "SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted",
        )
      ).rows[0]!.n,
    );

  /** A turn that runs until the test lets it finish. */
  function heldTurn(events: string[], name: string) {
    let finish!: () => void;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    return {
      finish,
      work: async () => {
        events.push(`${name} starts`);
        await finished;
        events.push(`${name} ends`);
      },
    };
  }

  it("a turn on another instance waits until the same conversation's turn here has finished", async () => {
    const [a, b] = await twoInstances();
    const events: string[] = [];
    const first = heldTurn(events, 'first');
    const second = heldTurn(events, 'second');
    const running = a!.run('msteams/a:carmen', first.work);
    await waitFor(async () => events.includes('first starts'));
    const waiting = b!.run('msteams/a:carmen', second.work);
    await waitFor(async () => (await waitingLocks()) === 1);
    expect(events).toEqual(['first starts']);
    first.finish();
    second.finish();
    await Promise.all([running, waiting]);
    expect(events).toEqual(['first starts', 'first ends', 'second starts', 'second ends']);
  });

  it('turns of different conversations on two instances run at the same time', async () => {
    const [a, b] = await twoInstances();
    const events: string[] = [];
    const one = heldTurn(events, 'carmen');
    const other = heldTurn(events, 'alex');
    const both = [a!.run('msteams/a:carmen', one.work), b!.run('msteams/a:alex', other.work)];
    await waitFor(async () => events.length === 2);
    expect(events.sort()).toEqual(['alex starts', 'carmen starts']);
    one.finish();
    other.finish();
    await Promise.all(both);
  });

  it('a turn that fails releases the lock for the next one, and its error reaches the caller', async () => {
    const [a, b] = await twoInstances();
    await expect(a!.run('msteams/a:carmen', () => Promise.reject(new Error('turn failed')))).rejects.toThrow(
      'turn failed',
    );
    expect(await b!.run('msteams/a:carmen', async () => 'next turn')).toBe('next turn');
    expect(await waitingLocks()).toBe(0);
  });

  it('an activity delivered to three instances at once is claimed by exactly one; the others see a duplicate', async () => {
    const stores = await Promise.all([1, 2, 3].map(() => openPostgresStore({ url })));
    open.push(...stores);
    const ledgers = stores.map((s) => new ActivityLedger(s, () => NOW, new MemoryLogger()));
    const key = 'msteams/a:carmen/activity-1';
    const claims = await Promise.all(ledgers.map((l) => l.claim(key)));
    expect(claims.map((c) => c.kind).sort()).toEqual(['duplicate', 'duplicate', 'first']);
    expect(await stores[0]!.all('activities')).toHaveLength(1);
  });
});
