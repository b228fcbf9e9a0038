import {
  DeliveryError,
  Notifier,
  type MessageDeliverer,
  type OutgoingMessage,
} from '../../src/services/notifications.js';
import { ConversationDirectory } from '../../src/services/conversations.js';
import type { Store } from '../../src/store/store.js';
import { NOW, PEOPLE, TENANTS, tempStore } from '../support/world.js';
import { MemoryLogger } from '../../src/logging/logger.js';

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

  beforeEach(async () => {
    ({ store, dispose } = await tempStore());
    now = NOW;
    sleeps.length = 0;
    await new ConversationDirectory(store, clock, new MemoryLogger()).remember(
      PEOPLE.customerGlobalAdmin.tenantId,
      PEOPLE.customerGlobalAdmin.aadObjectId,
      {
        conversation: { id: 'a:carmen' },
        serviceUrl: 'http://127.0.0.1:1',
      },
    );
  });
  afterEach(() => dispose());

  function notifier(deliverer: MessageDeliverer): Notifier {
    const n = new Notifier(store, {
      clock,
      sleep: async (ms) => void sleeps.push(ms),
      random: () => 0.5,
      maxRounds: 3,
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

  it('replaces a delivered card about the same subject', async () => {
    const deliverer = new ScriptedDeliverer(() => 'activity-7');
    const n = notifier(deliverer);
    await store.transaction(
      (tx) => void n.enqueue(tx, PEOPLE.customerGlobalAdmin, 'invitation', { text: 'Please accept' }, 'inv-1'),
    );
    await n.drain();
    expect(await n.replaceDelivered('inv-1', () => ({ text: 'Accepted by someone else' }))).toBe(1);
    expect(deliverer.updates).toEqual([{ activityId: 'activity-7', message: { text: 'Accepted by someone else' } }]);
    expect(await n.replaceDelivered('inv-2', () => ({ text: 'x' }))).toBe(0);
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

  it('does not repeat a refused delivery (403) within a round', async () => {
    const deliverer = new ScriptedDeliverer(() => new DeliveryError('forbidden', 403));
    const n = notifier(deliverer);
    await renameContosoAndNotify(n);
    await n.drain();
    expect(deliverer.calls).toHaveLength(1);
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
        conversation: { id: 'a:alex' },
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
