import { ConversationDirectory } from '../../../src/services/people/conversations.js';
import { Notifier, type MessageDeliverer } from '../../../src/services/outbox/notifications.js';
import { MemoryLogger, silentLogger } from '../../../src/logging/logger.js';
import type { Store } from '../../../src/store/store.js';
import { NOW, PEOPLE, tempStore } from '../../support/world.js';

const carmen = PEOPLE.customerGlobalAdmin;
const personal = { conversation: { id: 'a:carmen', conversationType: 'personal' }, serviceUrl: 'https://smba/' };
const elsewhere = (conversationType: string) => ({
  conversation: { id: `19:${conversationType}@thread.v2`, conversationType, isGroup: true },
  serviceUrl: 'https://smba/',
});

describe('ConversationDirectory: private cards go to the personal chat only', () => {
  let store: Store;
  let dispose: () => Promise<void>;
  beforeEach(async () => ({ store, dispose } = await tempStore()));
  afterEach(() => dispose());
  const directory = () => new ConversationDirectory(store, () => NOW, silentLogger);

  it.each(['groupChat', 'channel'])(
    'a later turn in a %s keeps the personal chat, and what is queued afterwards goes there',
    async (conversationType) => {
      expect(await directory().remember(carmen.tenantId, carmen.aadObjectId, personal)).toBe(true);
      expect(await directory().remember(carmen.tenantId, carmen.aadObjectId, elsewhere(conversationType))).toBe(false);
      const sentTo: unknown[] = [];
      const deliverer: MessageDeliverer = {
        deliver: async (reference) => {
          sentTo.push(reference.conversation);
          return 'sent';
        },
        update: async () => undefined,
      };
      const notifier = new Notifier(store, { clock: () => NOW, logger: new MemoryLogger() });
      notifier.attach(deliverer);
      await store.transaction((tx) => void notifier.enqueue(tx, carmen, 'invitation.received', { text: 'Accept?' }));
      await notifier.drain();
      expect(sentTo).toEqual([personal.conversation]);
      expect((await store.all('notifications'))[0]?.status).toBe('delivered');
    },
  );

  it('a person seen only in a group chat has nowhere private to be written to yet', async () => {
    expect(await directory().remember(carmen.tenantId, carmen.aadObjectId, elsewhere('groupChat'))).toBe(false);
    expect(await store.all('conversations')).toEqual([]);
  });
});
