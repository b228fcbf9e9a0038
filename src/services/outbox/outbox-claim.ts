import type { NotificationRecord } from '../../store/runtime-records.js';
import { ConflictError, type Store } from '../../store/store.js';

/**
 * Longer than one delivery round can take (three connector calls of CONNECTOR_TIMEOUT_MS and the waits
 * between them), so a live instance's claim never lapses while it is still sending.
 */
export const CLAIM_LEASE_MS = 2 * 60_000;

/** Claimed by an instance that is sending it now: nobody else sends it, nor makes it due sooner. */
export function isClaimed(notification: NotificationRecord, now: Date): boolean {
  return notification.claimedUntil !== undefined && new Date(notification.claimedUntil) > now;
}

/**
 * Takes a due notification for this instance before it is sent, so of several instances draining one
 * outbox exactly one sends it: the claim is a versioned write, and the instance that loses the race skips
 * it. The claim also moves the next attempt to the lease's end, so when the claiming instance dies
 * mid-send the notification becomes due again and another instance's drain takes it back.
 */
export async function claimForDelivery(
  store: Store,
  notification: NotificationRecord,
  now: Date,
  leaseMs = CLAIM_LEASE_MS,
): Promise<NotificationRecord | undefined> {
  try {
    return await store.transaction(async (tx) => {
      const current = await tx.get('notifications', notification.id);
      if (!current || current.status !== 'pending' || new Date(current.nextAttemptAt) > now) return undefined;
      const until = new Date(now.getTime() + leaseMs).toISOString();
      return tx.update('notifications', { ...current, claimedUntil: until, nextAttemptAt: until });
    });
  } catch (error) {
    if (error instanceof ConflictError) return undefined; // another instance claimed or settled it first
    throw error;
  }
}

/**
 * Claims a drain's due notifications in one commit. Of several instances draining one outbox, the one that
 * loses a race on any of them gets none from this commit and claims them one by one instead.
 */
export async function claimAllForDelivery(
  store: Store,
  notifications: NotificationRecord[],
  now: Date,
  leaseMs = CLAIM_LEASE_MS,
): Promise<NotificationRecord[]> {
  if (notifications.length <= 1) {
    const [only] = notifications;
    const claimed = only && (await claimForDelivery(store, only, now, leaseMs));
    return claimed ? [claimed] : [];
  }
  try {
    return await store.transaction(async (tx) => {
      const until = new Date(now.getTime() + leaseMs).toISOString();
      const claimed: NotificationRecord[] = [];
      for (const notification of notifications) {
        const current = await tx.get('notifications', notification.id);
        if (!current || current.status !== 'pending' || new Date(current.nextAttemptAt) > now) continue;
        claimed.push(tx.update('notifications', { ...current, claimedUntil: until, nextAttemptAt: until }));
      }
      return claimed;
    });
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    const claimed: NotificationRecord[] = [];
    for (const notification of notifications) {
      const one = await claimForDelivery(store, notification, now, leaseMs);
      if (one) claimed.push(one);
    }
    return claimed;
  }
}

/**
 * The claims of a store no other instance shares (the embedded one, no `withLock`): kept in this process.
 * A claim written there would protect against nobody, and a run after a crash mid-send would find the
 * notification due again either way (it was never marked delivered), so the claim's commit and its fsync
 * bought nothing but a rewrite of every notification on each drain.
 */
export class ClaimsHere {
  private static readonly ofStore = new WeakMap<Store, ClaimsHere>();
  private readonly sending = new Set<string>();

  /** One per store: every Notifier of this process on it sees the others' claims. */
  static of(store: Store): ClaimsHere {
    let claims = ClaimsHere.ofStore.get(store);
    if (!claims) ClaimsHere.ofStore.set(store, (claims = new ClaimsHere()));
    return claims;
  }

  /** Those of `notifications` still pending and due, and not already being sent by this process. */
  async claim(store: Store, notifications: NotificationRecord[], now: Date): Promise<NotificationRecord[]> {
    const claimed: NotificationRecord[] = [];
    for (const notification of notifications) {
      if (this.sending.has(notification.id)) continue;
      const current = await store.get('notifications', notification.id);
      if (!current || current.status !== 'pending' || new Date(current.nextAttemptAt) > now) continue;
      this.sending.add(current.id);
      claimed.push(current);
    }
    return claimed;
  }

  release(notifications: NotificationRecord[]): void {
    for (const notification of notifications) this.sending.delete(notification.id);
  }

  /** Being sent by this process now: nobody makes it due sooner. */
  has(id: string): boolean {
    return this.sending.has(id);
  }
}
