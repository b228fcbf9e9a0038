import {
  DeliveryError,
  Notifier,
  REPLACE_KIND,
  type MessageDeliverer,
  type NotifierOptions,
  type OutgoingMessage,
} from '../../../src/services/outbox/notifications.js';
import { ConversationDirectory } from '../../../src/services/people/conversations.js';
import type { Store } from '../../../src/store/store.js';
import { MemoryLogger } from '../../../src/logging/logger.js';
import { NOW, PEOPLE, TENANTS, tempStore } from '../../support/world.js';
import { recordCommits } from '../../support/commits.js';
import { countingLoopTurns, perLoopTurn } from '../../support/loop-turns.js';
import { BATCH } from '../../../src/store/give-way.js';

class ScriptedDeliverer implements MessageDeliverer {
  calls: OutgoingMessage[] = [];
  constructor(private readonly script: (call: number) => Error | string) {}
  async deliver(_reference: Record<string, unknown>, message: OutgoingMessage): Promise<string | undefined> {
    this.calls.push(message);
    const outcome = this.script(this.calls.length);
    if (outcome instanceof Error) throw outcome;
    return outcome;
  }
  updates: { activityId: string; message: OutgoingMessage }[] = [];
  async update(_reference: Record<string, unknown>, activityId: string, message: OutgoingMessage): Promise<void> {
    this.updates.push({ activityId, message });
  }
}

describe('Notifier (outbox)', () => {
  let store: Store;
  let dispose: () => Promise<void>;
  let now: Date;
  const sleeps: number[] = [];
  const clock = () => now;
  let log: MemoryLogger;

  beforeEach(async () => {
    ({ store, dispose } = await tempStore());
    now = NOW;
    sleeps.length = 0;
    log = new MemoryLogger();
    await new ConversationDirectory(store, clock, log).remember(
      PEOPLE.customerGlobalAdmin.tenantId,
      PEOPLE.customerGlobalAdmin.aadObjectId,
      {
        conversation: { id: 'a:carmen', conversationType: 'personal' },
        serviceUrl: 'http://127.0.0.1:1',
      },
    );
  });
  afterEach(() => dispose());

  function notifier(deliverer: MessageDeliverer, options: Partial<NotifierOptions> = {}): Notifier {
    const n = new Notifier(store, {
      clock,
      logger: log,
      sleep: async (ms) => void sleeps.push(ms),
      random: () => 0.5,
      maxRounds: 3,
      ...options,
    });
    n.attach(deliverer);
    return n;
  }

  /** A business change and its notification, in one transaction. */
  async function renameContosoAndNotify(n: Notifier, recipient = PEOPLE.customerGlobalAdmin) {
    await store.transaction(async (tx) => {
      const contoso = await tx.get('organizations', TENANTS.contoso);
      tx.update('organizations', { ...contoso!, name: 'Contoso Group' });
      n.enqueue(tx, recipient, 'test', { text: 'Your organisation was renamed' });
    });
  }

  it('delivers after the commit and records the sent activity', async () => {
    const deliverer = new ScriptedDeliverer(() => 'activity-1');
    const n = notifier(deliverer);
    await renameContosoAndNotify(n);
    await n.drain();
    const [sent] = await store.all('notifications');
    expect(sent).toMatchObject({ status: 'delivered', attempts: 1, payload: { activityId: 'activity-1' } });
    expect(deliverer.calls).toEqual([{ text: 'Your organisation was renamed' }]);
  });

  it.each([2, 25])(
    'a drain of %i notifications on the embedded store records them in one commit, claimed in this process',
    async (count) => {
      const deliverer = new ScriptedDeliverer((call) => `activity-${call}`);
      const n = notifier(deliverer);
      await store.transaction((tx) => {
        for (let i = 0; i < count; i++) n.enqueue(tx, PEOPLE.customerGlobalAdmin, 'test', { text: `message ${i}` });
      });
      const commits = recordCommits(store);
      await n.drain();
      const sent = deliverer.calls.map((c) => c.text).sort();
      expect(sent).toEqual(Array.from({ length: count }, (_, i) => `message ${i}`).sort());
      expect(commits).toEqual([Array(count).fill('notifications')]);
      const all = await store.all('notifications');
      expect(all.map((x) => [x.status, x.attempts, x.claimedUntil])).toEqual(
        Array(count).fill(['delivered', 1, undefined]),
      );
    },
  );

  it("sends to several recipients at once, and each recipient's messages one after another in queued order", async () => {
    const alex = PEOPLE.partnerAdminAgent;
    await new ConversationDirectory(store, clock, log).remember(alex.tenantId, alex.aadObjectId, {
      conversation: { id: 'a:alex', conversationType: 'personal' },
      serviceUrl: 'http://127.0.0.1:1',
    });
    const inFlight: string[] = [];
    const begun: string[] = [];
    const releases = new Map<string, () => void>();
    const gated: MessageDeliverer = {
      deliver: async (_reference, message) => {
        inFlight.push(message.text!);
        begun.push(message.text!);
        await new Promise<void>((resolve) => releases.set(message.text!, resolve));
        inFlight.splice(inFlight.indexOf(message.text!), 1);
        return `activity-${message.text}`;
      },
      update: async () => undefined,
    };
    const n = notifier(gated);
    await store.transaction((tx) => {
      for (const [who, text] of [
        [PEOPLE.customerGlobalAdmin, 'carmen 1'],
        [alex, 'alex 1'],
        [PEOPLE.customerGlobalAdmin, 'carmen 2'],
        [alex, 'alex 2'],
      ] as const)
        n.enqueue(tx, who, 'test', { text });
    });
    const until = async (condition: () => boolean) => {
      while (!condition()) await new Promise((resolve) => setImmediate(resolve));
    };
    const draining = n.drain();
    await until(() => inFlight.length === 2);
    expect([...inFlight].sort()).toEqual(['alex 1', 'carmen 1']);
    releases.get('carmen 1')!();
    await until(() => begun.includes('carmen 2'));
    expect([...inFlight].sort()).toEqual(['alex 1', 'carmen 2']);
    for (const text of ['alex 1', 'carmen 2']) releases.get(text)!();
    await until(() => begun.includes('alex 2'));
    releases.get('alex 2')!();
    await draining;
    const all = await store.all('notifications');
    expect(all.map((x) => x.status)).toEqual(Array(4).fill('delivered'));
  });

  it('a backlog due in one minute is read page by page, with the event loop given back between pages', async () => {
    const deliverer = new ScriptedDeliverer((call) => `activity-${call}`);
    const counted = perLoopTurn(store);
    const n = new Notifier(counted.store, { clock, logger: log, sleep: async () => undefined, random: () => 0.5 });
    n.attach(deliverer);
    await store.transaction((tx) => {
      for (let i = 0; i < 600; i++) n.enqueue(tx, PEOPLE.customerGlobalAdmin, 'test', { text: `message ${i}` });
    });
    const { most } = await counted.measure(() => n.drain());
    expect(deliverer.calls).toHaveLength(600);
    // A page of the scan, then the first batch of 25 claimed and its chats looked up before its commit waits;
    // read whole, the backlog came in one turn (650).
    expect(most).toBeLessThanOrEqual(BATCH + 2 * 25);
    expect((await store.all('notifications')).every((x) => x.status === 'delivered')).toBe(true);
  });

  it("the first drain's look-back over 30 days of minutes gives the event loop back every few hours of them", async () => {
    // Nothing is due, so no commit waits on the disk (the loop turns freely while one does).
    const n = notifier(new ScriptedDeliverer(() => 'activity-1'));
    const turns = await countingLoopTurns(async (turn) => {
      await n.drain();
      return turn();
    });
    // 43,200 minutes, 240 at a time: 180 times; asked in one go, the loop never turned.
    expect(turns).toBeGreaterThanOrEqual(180);
  });

  it('a notification this process is sending is neither sent again by another drain nor made due sooner', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const first = new ScriptedDeliverer(() => 'activity-1');
    let entered = false;
    const slow: MessageDeliverer = {
      deliver: async (reference, message) => {
        entered = true;
        await held;
        return first.deliver(reference, message);
      },
      update: async () => undefined,
    };
    const second = new ScriptedDeliverer(() => 'activity-2');
    const [sending, other] = [notifier(slow), notifier(second)];
    await store.transaction((tx) => void sending.enqueue(tx, PEOPLE.customerGlobalAdmin, 'test', { text: 'once' }));
    const draining = sending.drain();
    while (!entered) await new Promise((resolve) => setImmediate(resolve));
    await other.drain();
    await other.retryFor(PEOPLE.customerGlobalAdmin);
    release();
    await draining;
    expect(second.calls).toEqual([]);
    expect(first.calls).toEqual([{ text: 'once' }]);
    const [n] = await store.all('notifications');
    expect(n).toMatchObject({ status: 'delivered', attempts: 1, payload: { activityId: 'activity-1' } });
  });

  it('replaces a delivered card about the same subject through the outbox, after the commit', async () => {
    const deliverer = new ScriptedDeliverer(() => 'activity-7');
    const n = notifier(deliverer);
    await store.transaction(
      (tx) => void n.enqueue(tx, PEOPLE.customerGlobalAdmin, 'invitation', { text: 'Please accept' }, 'inv-1'),
    );
    await n.drain();
    expect(
      await store.transaction((tx) => n.queueReplacements(tx, 'inv-1', () => ({ text: 'Accepted by someone else' }))),
    ).toBe(1);
    expect(deliverer.updates).toEqual([]); // queued, not sent inside the transaction
    await n.drain();
    expect(deliverer.updates).toEqual([{ activityId: 'activity-7', message: { text: 'Accepted by someone else' } }]);
    const update = (await store.all('notifications')).find((x) => x.kind === REPLACE_KIND);
    expect(update).toMatchObject({ status: 'delivered', attempts: 1, payload: { activityId: 'activity-7' } });
    expect(await store.transaction((tx) => n.queueReplacements(tx, 'inv-2', () => ({ text: 'x' })))).toBe(0);
  });

  it('retries throttling and server errors with jittered backoff within one round', async () => {
    const deliverer = new ScriptedDeliverer((call) =>
      call < 3 ? new DeliveryError('throttled', call === 1 ? 429 : 503) : 'ok',
    );
    const n = notifier(deliverer);
    await renameContosoAndNotify(n);
    await n.drain();
    expect(deliverer.calls).toHaveLength(3);
    expect(sleeps).toEqual([300, 600]);
    expect((await store.all('notifications'))[0]?.status).toBe('delivered');
  });

  it('records a failed delivery for later, without undoing the change', async () => {
    const deliverer = new ScriptedDeliverer(() => new DeliveryError('connector down', 502));
    const n = notifier(deliverer);
    await renameContosoAndNotify(n);
    await n.drain();
    const [pending] = await store.all('notifications');
    expect(pending).toMatchObject({ status: 'pending', attempts: 1, lastError: 'connector down' });
    expect(new Date(pending!.nextAttemptAt).getTime()).toBeGreaterThan(now.getTime());
    expect((await store.get('organizations', TENANTS.contoso))?.name).toBe('Contoso Group');

    await n.drain(); // not due yet
    expect(deliverer.calls).toHaveLength(3);
    now = new Date(NOW.getTime() + 10 * 60_000);
    await n.drain();
    expect(deliverer.calls).toHaveLength(6);
    now = new Date(NOW.getTime() + 60 * 60_000);
    await n.drain();
    expect((await store.all('notifications'))[0]).toMatchObject({ status: 'failed', attempts: 3 });
  });

  it.each([
    [403, 'the user blocked the bot'],
    [404, 'conversation not found'],
  ])('gives up a refused delivery (%i) at once, and says so in the log', async (status, message) => {
    const deliverer = new ScriptedDeliverer(() => new DeliveryError(message, status));
    const n = notifier(deliverer);
    await renameContosoAndNotify(n);
    await n.drain();
    expect(deliverer.calls).toHaveLength(1);
    const [failed] = await store.all('notifications');
    expect(failed).toMatchObject({ status: 'failed', attempts: 1, lastError: message });
    now = new Date(NOW.getTime() + 86_400_000);
    await n.drain();
    expect(deliverer.calls).toHaveLength(1);
    expect(log.errors()).toEqual([
      {
        level: 'error',
        message: 'notification given up',
        fields: expect.objectContaining({ notificationId: failed!.id, kind: 'test', attempts: 1, status }),
      },
    ]);
    expect(JSON.stringify(log.lines)).not.toContain('Your organisation was renamed');
  });

  it('never tries again before the Retry-After the connector asked for, and logs each failed round', async () => {
    const retryAfterMs = 45 * 60_000; // longer than the 1-minute first backoff
    const deliverer = new ScriptedDeliverer((call) =>
      call === 1 ? new DeliveryError('throttled', 429, retryAfterMs) : 'sent',
    );
    const n = notifier(deliverer);
    await renameContosoAndNotify(n);
    await n.drain();
    expect(deliverer.calls).toHaveLength(1); // a wait that long ends the round instead of blocking the drain
    expect(sleeps).toEqual([]);
    const [pending] = await store.all('notifications');
    expect(pending).toMatchObject({ status: 'pending', attempts: 1, lastError: 'throttled' });
    expect(new Date(pending!.nextAttemptAt).getTime()).toBe(NOW.getTime() + retryAfterMs);
    now = new Date(NOW.getTime() + retryAfterMs - 60_000);
    await n.drain();
    expect(deliverer.calls).toHaveLength(1);
    now = new Date(NOW.getTime() + retryAfterMs);
    await n.drain();
    expect((await store.all('notifications'))[0]).toMatchObject({ status: 'delivered', attempts: 2 });
    expect(log.errors()).toEqual([
      expect.objectContaining({
        level: 'warn',
        fields: expect.objectContaining({ notificationId: pending!.id, status: 429, retryAfterMs, attempts: 1 }),
      }),
    ]);
  });

  it('waits out a short Retry-After within the round, never less than it says', async () => {
    const deliverer = new ScriptedDeliverer((call) => (call === 1 ? new DeliveryError('throttled', 429, 1500) : 'ok'));
    const n = notifier(deliverer);
    await renameContosoAndNotify(n);
    await n.drain();
    expect(sleeps).toEqual([1500]);
    expect((await store.all('notifications'))[0]?.status).toBe('delivered');
  });

  it('never writes to a group chat stored before only personal chats were kept', async () => {
    await store.transaction(async (tx) => {
      const kept = (await tx.all('conversations')).find(
        (c) => c.aadObjectId === PEOPLE.customerGlobalAdmin.aadObjectId,
      )!;
      tx.update('conversations', {
        ...kept,
        reference: { conversation: { id: '19:team-chat', conversationType: 'groupChat' } },
      });
    });
    const deliverer = new ScriptedDeliverer(() => 'sent');
    const n = notifier(deliverer);
    await renameContosoAndNotify(n);
    await n.drain();
    expect(deliverer.calls).toEqual([]);
    expect((await store.all('notifications'))[0]).toMatchObject({ status: 'pending', attempts: 1 });
  });

  it('keeps a notification for a user who has not installed the bot, and sends it once they do', async () => {
    const deliverer = new ScriptedDeliverer(() => 'sent');
    const n = notifier(deliverer);
    await renameContosoAndNotify(n, PEOPLE.partnerAdminAgent);
    await n.drain();
    expect((await store.all('notifications'))[0]).toMatchObject({ status: 'pending', attempts: 1 });
    await new ConversationDirectory(store, clock, new MemoryLogger()).remember(
      PEOPLE.partnerAdminAgent.tenantId,
      PEOPLE.partnerAdminAgent.aadObjectId,
      {
        conversation: { id: 'a:alex', conversationType: 'personal' },
      },
    );
    await n.retryFor(PEOPLE.partnerAdminAgent);
    await n.drain();
    expect((await store.all('notifications'))[0]?.status).toBe('delivered');
  });

  it('delivers what was queued while a drain was running, in that same drain', async () => {
    let queuedDuring = false;
    const deliverer = new ScriptedDeliverer(() => 'sent');
    const slow: MessageDeliverer = {
      deliver: async (reference, message) => {
        if (!queuedDuring) {
          queuedDuring = true;
          await renameContosoAndNotify(n);
        }
        return deliverer.deliver(reference, message);
      },
      update: (reference, activityId, message) => deliverer.update(reference, activityId, message),
    };
    const n = notifier(slow);
    await renameContosoAndNotify(n);
    const first = n.drain();
    const second = n.drain(); // joins the run under way
    await Promise.all([first, second]);
    expect((await store.all('notifications')).map((x) => x.status)).toEqual(['delivered', 'delivered']);
  });

  it('a restarted notifier finds what was left pending days ago', async () => {
    const down = notifier(new ScriptedDeliverer(() => new DeliveryError('connector down', 502)));
    await renameContosoAndNotify(down);
    await down.drain();
    now = new Date(NOW.getTime() + 3 * 86_400_000);
    const deliverer = new ScriptedDeliverer(() => 'sent');
    const restarted = notifier(deliverer);
    await restarted.drain();
    expect(deliverer.calls).toHaveLength(1);
    expect((await store.all('notifications'))[0]).toMatchObject({ status: 'delivered' });
  });

  it('forgets delivered notifications after the retention, and keeps pending and recent ones', async () => {
    const n = notifier(new ScriptedDeliverer(() => 'sent'));
    await renameContosoAndNotify(n);
    await n.drain();
    await renameContosoAndNotify(n, PEOPLE.partnerAdminAgent); // has not installed the bot: stays pending
    await n.drain();
    now = new Date(NOW.getTime() + 2 * 86_400_000);
    await renameContosoAndNotify(n);
    await n.drain();
    expect(await n.forgetSettled(new Date(NOW.getTime() + 86_400_000))).toBe(1);
    const left = await store.all('notifications');
    expect(left.map((x) => x.status).sort()).toEqual(['delivered', 'pending']);
  });
});
