import { ConversationDirectory } from '../../../src/services/people/conversations.js';
import { Notifier, type MessageDeliverer, type OutgoingMessage } from '../../../src/services/outbox/notifications.js';
import { CLAIM_LEASE_MS } from '../../../src/services/outbox/outbox-claim.js';
import { openPostgresStore, type PostgresStore } from '../../../src/store/postgres/postgres-store.js';
import { MemoryLogger } from '../../../src/logging/logger.js';
import { freshDatabase } from '../../support/postgres.js';
import { NOW, PEOPLE, smallWorld } from '../../support/world.js';

/** Counts what it is asked to send; `hang` never answers (an instance that died mid-send). */
class CountingDeliverer implements MessageDeliverer {
  sent: string[] = [];
  constructor(private readonly hang = false) {}
  deliver(_reference: Record<string, unknown>, message: OutgoingMessage): Promise<string | undefined> {
    this.sent.push(message.text ?? '');
    return this.hang ? new Promise(() => undefined) : Promise.resolve(`activity-${this.sent.length}`);
  }
  async update(): Promise<void> {}
}

describe('outbox claims across instances (one PostgreSQL database)', () => {
  let url: string;
  const open: PostgresStore[] = [];
  let now: Date;
  const clock = () => now;

  /** One bot instance: its own store connection and its own outbox drainer. */
  async function instance(deliverer: MessageDeliverer): Promise<{ notifier: Notifier; store: PostgresStore }> {
    const store = await openPostgresStore({ url, seed: smallWorld() });
    open.push(store);
    const notifier = new Notifier(store, { clock, logger: new MemoryLogger(), sleep: async () => undefined });
    notifier.attach(deliverer);
    return { notifier, store };
  }

  beforeEach(async () => {
    url = await freshDatabase();
    now = NOW;
  });
  afterEach(async () => {
    for (const store of open.splice(0)) await store.close();
  });

  async function queue(store: PostgresStore, count: number): Promise<void> {
    const notifier = new Notifier(store, { clock, logger: new MemoryLogger() });
    await new ConversationDirectory(store, clock, new MemoryLogger()).remember(
      PEOPLE.customerGlobalAdmin.tenantId,
      PEOPLE.customerGlobalAdmin.aadObjectId,
      { conversation: { id: 'a:carmen', conversationType: 'personal' }, serviceUrl: 'http://127.0.0.1:1' },
    );
    await store.transaction((tx) => {
      for (let n = 0; n < count; n++)
        notifier.enqueue(tx, PEOPLE.customerGlobalAdmin, 'test', { text: `message ${n}` });
    });
  }

  it('three instances draining one outbox at once send each notification exactly once', async () => {
    const deliverers = [new CountingDeliverer(), new CountingDeliverer(), new CountingDeliverer()];
    const instances = await Promise.all(deliverers.map((d) => instance(d)));
    await queue(instances[0]!.store, 30);
    await Promise.all(instances.map((i) => i.notifier.drain()));
    const sent = deliverers.flatMap((d) => d.sent).sort();
    expect(sent).toEqual(Array.from({ length: 30 }, (_, n) => `message ${n}`).sort());
    const all = await instances[0]!.store.all('notifications');
    expect(all.map((n) => n.status)).toEqual(Array(30).fill('delivered'));
    expect(all.filter((n) => n.claimedUntil !== undefined)).toEqual([]);
  });

  it('an instance that dies mid-send loses its claim when the lease ends, and another instance delivers', async () => {
    const dying = new CountingDeliverer(true);
    const first = await instance(dying);
    const survivorDeliverer = new CountingDeliverer();
    const survivor = await instance(survivorDeliverer);
    await queue(first.store, 1);
    void first.notifier.drain(); // never settles: the send hangs as in a killed process
    // The send starts a moment after the claim commits (the conversation is read in between): wait for both.
    await waitFor(
      async () => dying.sent.length > 0 && (await first.store.all('notifications'))[0]?.claimedUntil !== undefined,
    );
    expect(dying.sent).toEqual(['message 0']);
    await survivor.notifier.drain();
    expect(survivorDeliverer.sent).toEqual([]); // the claim still holds
    now = new Date(NOW.getTime() + CLAIM_LEASE_MS + 60_000);
    await survivor.notifier.drain();
    expect(survivorDeliverer.sent).toEqual(['message 0']);
    expect((await survivor.store.all('notifications'))[0]).toMatchObject({ status: 'delivered', attempts: 1 });
  });
});

/** Polls state (never a fixed sleep) until `condition` holds. */
async function waitFor(condition: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (await condition()) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error('condition never held');
}
