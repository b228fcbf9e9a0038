import { MemoryLogger, silentLogger } from '../../src/logging/logger.js';
import { ConversationDirectory } from '../../src/services/people/conversations.js';
import { DeliveryError, Notifier, type MessageDeliverer } from '../../src/services/outbox/notifications.js';
import { runAdmin, UsageError } from '../../src/tools/admin.js';
import type { Store } from '../../src/store/store.js';
import { NOW, PEOPLE, tempStore } from '../support/world.js';

const carmen = PEOPLE.customerGlobalAdmin;

describe('operator commands for failed notifications', () => {
  let store: Store;
  let dispose: () => Promise<void>;
  let now: Date;
  let connector: 'refusing' | 'working';
  let notifier: Notifier;
  const later = new Date(NOW.getTime() + 3_600_000);

  beforeEach(async () => {
    ({ store, dispose } = await tempStore());
    now = NOW;
    connector = 'refusing';
    await new ConversationDirectory(store, () => now, silentLogger).remember(carmen.tenantId, carmen.aadObjectId, {
      conversation: { id: 'a:carmen', conversationType: 'personal' },
    });
    const deliverer: MessageDeliverer = {
      deliver: async () => {
        if (connector === 'refusing') throw new DeliveryError('Forbidden: the user blocked the bot', 403);
        return 'activity-1';
      },
      update: async () => undefined,
    };
    notifier = new Notifier(store, { clock: () => now, logger: new MemoryLogger() });
    notifier.attach(deliverer);
    await store.transaction((tx) => {
      notifier.enqueue(tx, carmen, 'invitation.received', { text: 'Secret invitation text' }, 'inv-1');
      notifier.enqueue(tx, carmen, 'guardian.access-ending', { text: 'Access ends' }, 'rel-1');
    });
    await notifier.drain();
  });
  afterEach(() => dispose());

  it('lists each failed notification with recipient, kind, attempts, last error and when, never its text', async () => {
    const listed = await runAdmin(['notifications', '--failed'], store);
    const lines = listed.split('\n');
    expect(lines).toHaveLength(2);
    for (const n of await store.all('notifications')) {
      const line = lines.find((l) => l.startsWith(n.id))!;
      expect(line).toContain(`${carmen.tenantId}/${carmen.aadObjectId}`);
      expect(line).toContain(n.kind);
      expect(line).toContain('attempts 1');
      expect(line).toContain('last error: Forbidden: the user blocked the bot');
      expect(line).toContain(`at ${NOW.toISOString()}`);
    }
    expect(listed).not.toContain('Secret invitation text');
  });

  it('retry-notification <id> makes one pending and due now; the next drain delivers it', async () => {
    const [first, second] = await store.all('notifications');
    expect(await runAdmin(['retry-notification', first!.id], store, () => later)).toContain('1 notification(s)');
    expect(await store.get('notifications', first!.id)).toMatchObject({
      status: 'pending',
      attempts: 0,
      nextAttemptAt: later.toISOString(),
    });
    expect((await store.get('notifications', second!.id))?.status).toBe('failed');
    now = later;
    connector = 'working';
    await notifier.drain();
    expect(await store.get('notifications', first!.id)).toMatchObject({ status: 'delivered', attempts: 1 });
    expect(await runAdmin(['notifications', '--failed'], store)).not.toContain(first!.id);
  });

  it('retry-notification --all-failed makes every failed one pending', async () => {
    expect(await runAdmin(['retry-notification', '--all-failed'], store, () => later)).toContain('2 notification(s)');
    expect((await store.all('notifications')).map((n) => n.status)).toEqual(['pending', 'pending']);
    expect(await runAdmin(['notifications', '--failed'], store)).toBe('No failed notifications.');
  });

  it.each([
    [['retry-notification'], 'give one notification id, or --all-failed'],
    [['retry-notification', 'no-such-id'], 'notification no-such-id is not a failed notification'],
    [['notifications'], 'notifications --failed'],
  ])('refuses %j with a usage message', async (args, message) => {
    const error = await runAdmin(args, store).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toContain(message);
  });
});
