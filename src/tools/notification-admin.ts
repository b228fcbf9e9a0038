import type { NotificationRecord } from '../store/runtime-records.js';
import { withRetry, type Store } from '../store/store.js';

/** Notifications the outbox gave up on, oldest first: what an operator looks at before retrying them. */
export async function failedNotifications(store: Store): Promise<NotificationRecord[]> {
  return (await store.all('notifications'))
    .filter((n) => n.status === 'failed')
    .sort((a, b) => whenTried(a).localeCompare(whenTried(b)));
}

function whenTried(n: NotificationRecord): string {
  return n.lastAttemptAt ?? n.nextAttemptAt;
}

/** One line per failed notification: id, recipient tenant/user, kind, attempts, last error, when (never the payload). */
export function describeFailed(notifications: NotificationRecord[]): string {
  if (notifications.length === 0) return 'No failed notifications.';
  return notifications
    .map((n) =>
      [
        n.id,
        `${n.tenantId}/${n.aadObjectId}`,
        n.kind,
        `attempts ${n.attempts}`,
        `last error: ${n.lastError ?? '(none)'}`,
        `at ${whenTried(n)}`,
      ].join('  '),
    )
    .join('\n');
}

/**
 * Makes failed notifications pending and due now, with a fresh retry schedule (attempts from zero; the last
 * error stays until the next attempt). The bot delivers them on its next drain (a minute at most).
 * Returns the ids made pending; an id that is not failed is left as it is.
 */
export async function retryFailed(store: Store, ids: readonly string[] | 'all', now: Date): Promise<string[]> {
  const wanted = ids === 'all' ? (await failedNotifications(store)).map((n) => n.id) : ids;
  const retried: string[] = [];
  await withRetry(store, async (tx) => {
    retried.length = 0;
    for (const id of wanted) {
      const n = await tx.get('notifications', id);
      if (!n || n.status !== 'failed') continue;
      tx.update('notifications', { ...n, status: 'pending', attempts: 0, nextAttemptAt: now.toISOString() });
      retried.push(id);
    }
  });
  return retried;
}
