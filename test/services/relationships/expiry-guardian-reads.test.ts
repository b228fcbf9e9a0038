import { ExpiryGuardian } from '../../../src/services/relationships/expiry-guardian.js';
import { Notifier } from '../../../src/services/outbox/notifications.js';
import { MemoryLogger } from '../../../src/logging/logger.js';
import type { NewRecord, Store } from '../../../src/store/store.js';
import { counting } from '../../support/counting-store.js';
import { NOW, tempStore } from '../../support/world.js';
import { expiringCustomers, worldWith } from '../helpdesk/helpdesk-fixtures.js';

const DAY = 86_400_000;
/** Relationships whose admin access ends in a year: a pass has nothing to do with them. */
function farFromEnding(count: number): { relationships: NewRecord<'relationships'>[] } {
  const { relationships } = expiringCustomers(NOW, count);
  return {
    relationships: relationships!.map((r, n) => ({
      ...r,
      id: `rel-far-${n}`,
      adminAccess: { ...r.adminAccess!, endAt: new Date(NOW.getTime() + (365 + n) * DAY).toISOString() },
    })),
  };
}

describe('expiry guardian pass', () => {
  let store: Store;
  let dispose: () => Promise<void>;
  beforeEach(
    async () => ({ store, dispose } = await tempStore(worldWith(NOW, expiringCustomers(NOW, 6), farFromEnding(600)))),
  );
  afterEach(() => dispose());

  it('reads the relationships whose access ends within its reminders, not the whole book', async () => {
    const { store: counted, reads } = counting(store);
    const logger = new MemoryLogger();
    const clock = () => NOW;
    const guardian = new ExpiryGuardian({
      store: counted,
      notifier: new Notifier(counted, { clock, logger }),
      clock,
      defaultLanguage: 'en',
      logger,
    });
    const report = await guardian.runOnce();
    // The six customers' access ends in 3 to 18 days: each one gets its 30-day reminder.
    expect(report.reminders.filter((r) => r.startsWith('rel-expiring-'))).toHaveLength(6);
    expect(report.reminders.some((r) => r.startsWith('rel-far-'))).toBe(false);
    expect(reads()).toBeLessThan(600);
  });
});
