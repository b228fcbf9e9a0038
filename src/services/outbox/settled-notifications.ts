import type { Store } from '../../store/store.js';

const DAY = 86_400_000;

/**
 * Forgets delivered and failed notifications that settled before `olderThan`, a day at a time through
 * the index, looking back a year (the hourly prune keeps up, so older ones do not pile up).
 * Keep them longer than an invitation lives: a delivered card is replaced when its invitation is answered.
 */
export async function forgetSettledNotifications(store: Store, olderThan: Date): Promise<number> {
  let forgotten = 0;
  const lastDay = Math.floor(olderThan.getTime() / DAY) * DAY;
  for (let day = lastDay - 365 * DAY; day <= lastDay; day += DAY) {
    const key = new Date(day).toISOString().slice(0, 10);
    const old = (await store.findBy('notifications', 'settled', key)).filter(
      (n) => new Date(n.deliveredAt ?? n.nextAttemptAt) < olderThan,
    );
    for (let i = 0; i < old.length; i += 500) {
      await store.transaction(async (tx) => {
        for (const n of old.slice(i, i + 500)) {
          const current = await tx.get('notifications', n.id);
          if (current && current.status !== 'pending') tx.remove('notifications', current);
        }
      });
    }
    forgotten += old.length;
  }
  return forgotten;
}
