import { ConversationQueue, isAllowedTenant } from '../../src/bot/activity-gate.js';
import { MemoryLogger } from '../../src/logging/logger.js';

describe('ConversationQueue', () => {
  it('runs the turns of one conversation one after the other, in arrival order', async () => {
    const queue = new ConversationQueue();
    const log: string[] = [];
    let releaseFirst!: () => void;
    const first = queue.run('c1', async () => {
      log.push('first starts');
      await new Promise<void>((resolve) => (releaseFirst = resolve));
      log.push('first ends');
    });
    const second = queue.run('c1', async () => void log.push('second runs'));
    const other = queue.run('c2', async () => void log.push('other conversation runs'));
    await other;
    expect(log).toEqual(['first starts', 'other conversation runs']);
    releaseFirst();
    await Promise.all([first, second]);
    expect(log).toEqual(['first starts', 'other conversation runs', 'first ends', 'second runs']);
  });

  it('a failed turn does not block the next one', async () => {
    const queue = new ConversationQueue();
    await expect(queue.run('c1', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(queue.run('c1', async () => 'next')).resolves.toBe('next');
  });
});

describe('isAllowedTenant', () => {
  it.each([
    [[], undefined, true],
    [['t1'], 't1', true],
    [['t1'], 'T1', true],
    [['t1'], 't2', false],
    [['t1'], undefined, false],
  ])('allow-list %j, tenant %s → %s', (allowed, tenantId, expected) => {
    expect(isAllowedTenant({ conversation: { tenantId } as never }, allowed)).toBe(expected);
  });
});

describe('ActivityLedger', () => {
  it('claims an id once, gives it back when a turn fails, and forgets old ids', async () => {
    const { tempStore, NOW } = await import('../support/world.js');
    const { ActivityLedger } = await import('../../src/bot/activity-gate.js');
    const { store, dispose } = await tempStore();
    try {
      const ledger = new ActivityLedger(store, () => NOW, new MemoryLogger());
      expect(await ledger.claim('a1')).toEqual({ kind: 'first' });
      await ledger.remember('a1', { status: 200 }, 'en');
      expect(await ledger.claim('a1')).toEqual({ kind: 'duplicate', response: { status: 200 } });
      expect(await ledger.claim('a2')).toEqual({ kind: 'first' });
      await ledger.release('a2');
      expect(await ledger.claim('a2')).toEqual({ kind: 'first' });
      const threeDaysAgo = new Date(NOW.getTime() - 3 * 86_400_000).toISOString();
      await store.transaction((tx) => void tx.insert('activities', { id: 'old', at: threeDaysAgo }));
      expect(await ledger.prune(new Date(NOW.getTime() - 86_400_000))).toBe(1);
      expect((await store.all('activities')).map((a) => a.id).sort()).toEqual(['a1', 'a2']);
      expect(await ledger.prune(new Date(NOW.getTime() + 1))).toBe(2);
      expect(await store.all('activities')).toEqual([]);
    } finally {
      await dispose();
    }
  });
});
