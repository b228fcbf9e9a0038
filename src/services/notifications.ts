import { randomUUID } from 'node:crypto';
import type { CardAttachment } from '../cards/render.js';
import type { NotificationRecord } from '../store/runtime-records.js';
import { identityKey, withRetry, type Store, type Transaction } from '../store/store.js';

export interface OutgoingMessage {
  text?: string;
  card?: CardAttachment;
}

export interface Recipient {
  tenantId: string;
  aadObjectId: string;
}

/** Sends one message to one user through the channel; implemented by the bot shell. */
export interface MessageDeliverer {
  /** Resolves with the sent activity's id; rejects with a DeliveryError. */
  deliver(reference: Record<string, unknown>, message: OutgoingMessage): Promise<string | undefined>;
  /** Replaces a message sent earlier (a card that must not be acted on twice). */
  update(reference: Record<string, unknown>, activityId: string, message: OutgoingMessage): Promise<void>;
}

export class DeliveryError extends Error {
  override readonly name = 'DeliveryError';
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

/** Connector answers worth trying again: throttling and server errors. */
export function isTransient(error: unknown): boolean {
  const status = error instanceof DeliveryError ? error.status : (error as { statusCode?: number })?.statusCode;
  return status === undefined || status === 429 || status >= 500;
}

export interface NotifierOptions {
  clock: () => Date;
  /** Attempts per delivery round, with jittered exponential backoff between them. */
  immediateAttempts?: number;
  baseDelayMs?: number;
  /** Rounds before a notification is given up as failed. */
  maxRounds?: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

const LATER_DELAYS_MIN = [1, 5, 15, 60, 240];
const MINUTE = 60_000;
const DAY = 86_400_000;
/** Far longer than the whole retry schedule (about 13 hours), so a bot stopped for weeks still finds them. */
const FIRST_LOOKBACK_MS = 30 * 86_400_000;

/**
 * An outbox: a business change queues its notifications in the same transaction, so they are never lost
 * and never undo the change. Delivery happens after the commit; a failure is recorded and retried later.
 */
export class Notifier {
  private deliverer: MessageDeliverer | undefined;
  private readonly opts: Required<NotifierOptions>;
  private draining: Promise<void> | undefined;
  private again = false;
  /** The last minute the previous drain read. */
  private scannedUpTo: number | undefined;

  constructor(
    private readonly store: Store,
    options: NotifierOptions,
  ) {
    this.opts = {
      immediateAttempts: 3,
      baseDelayMs: 300,
      maxRounds: 8,
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      random: Math.random,
      ...options,
    };
  }

  attach(deliverer: MessageDeliverer): void {
    this.deliverer = deliverer;
  }

  /** Queues a message for one user inside the caller's transaction. */
  enqueue(
    tx: Transaction,
    recipient: Recipient,
    kind: string,
    message: OutgoingMessage,
    subjectId?: string,
  ): NotificationRecord {
    const now = this.opts.clock().toISOString();
    return tx.insert('notifications', {
      id: randomUUID(),
      tenantId: recipient.tenantId,
      aadObjectId: recipient.aadObjectId,
      kind,
      subjectId,
      payload: { ...message },
      status: 'pending',
      attempts: 0,
      nextAttemptAt: now,
      createdAt: now,
    });
  }

  /**
   * Delivers every due pending notification. A call during a run makes the run go round once more (what
   * the caller just queued is delivered). Never rejects: what could not be delivered stays pending for the
   * next run (callers fire and forget it after a turn).
   */
  drain(): Promise<void> {
    if (this.draining) {
      this.again = true;
      return this.draining;
    }
    this.draining = (async () => {
      do {
        this.again = false;
        await this.drainOnce().catch(() => undefined);
      } while (this.again);
    })().finally(() => (this.draining = undefined));
    return this.draining;
  }

  /**
   * Reads the minutes that became due since the previous run (the first run looks back over the longest
   * retry schedule), through the `due` index: the cost follows what is due, not how much is pending.
   */
  private async drainOnce(): Promise<void> {
    if (!this.deliverer) return;
    const now = this.opts.clock();
    const last = Math.floor(now.getTime() / MINUTE) * MINUTE;
    const first = Math.min(this.scannedUpTo ?? last - FIRST_LOOKBACK_MS, last);
    // The current minute can still receive new notifications: the next run reads it again.
    this.scannedUpTo = last;
    for (let minute = first; minute <= last; minute += MINUTE) {
      const key = new Date(minute).toISOString().slice(0, 16);
      const due = (await this.store.findBy('notifications', 'due', key)).filter(
        (n) => new Date(n.nextAttemptAt) <= now,
      );
      for (const notification of due) await this.deliverOne(notification, this.deliverer);
    }
  }

  private async deliverOne(notification: NotificationRecord, deliverer: MessageDeliverer): Promise<void> {
    const conversation = await this.store.get(
      'conversations',
      identityKey(notification.tenantId, notification.aadObjectId),
    );
    let error: string | undefined;
    let activityId: string | undefined;
    if (!conversation) {
      error = 'The user has not installed the bot yet: no conversation to write to';
    } else {
      for (let attempt = 1; attempt <= this.opts.immediateAttempts; attempt++) {
        try {
          activityId = await deliverer.deliver(conversation.reference, notification.payload as OutgoingMessage);
          error = undefined;
          break;
        } catch (e) {
          error = e instanceof Error ? e.message : String(e);
          if (!isTransient(e) || attempt === this.opts.immediateAttempts) break;
          const backoff = this.opts.baseDelayMs * 2 ** (attempt - 1);
          await this.opts.sleep(backoff / 2 + this.opts.random() * backoff);
        }
      }
    }
    await this.record(notification.id, error, activityId);
  }

  private async record(id: string, error: string | undefined, activityId: string | undefined): Promise<void> {
    const now = this.opts.clock();
    await withRetry(this.store, async (tx) => {
      const current = await tx.get('notifications', id);
      if (!current || current.status !== 'pending') return;
      if (error === undefined) {
        tx.update('notifications', {
          ...current,
          status: 'delivered',
          attempts: current.attempts + 1,
          deliveredAt: now.toISOString(),
          payload: { ...current.payload, activityId },
          lastError: undefined,
        });
        return;
      }
      const attempts = current.attempts + 1;
      const delayMin = LATER_DELAYS_MIN[Math.min(attempts - 1, LATER_DELAYS_MIN.length - 1)] ?? 60;
      tx.update('notifications', {
        ...current,
        status: attempts >= this.opts.maxRounds ? 'failed' : 'pending',
        attempts,
        lastError: error,
        nextAttemptAt: new Date(now.getTime() + delayMin * 60_000).toISOString(),
      });
    });
  }

  /**
   * Replaces every delivered card about `subjectId` (e.g. an invitation someone else just accepted), so
   * nobody can act on a stale copy. `render` gives each recipient's new message, or undefined to leave it.
   * Best effort: a copy that cannot be updated still refuses the action on the server.
   */
  async replaceDelivered(
    subjectId: string,
    render: (notification: NotificationRecord) => Promise<OutgoingMessage | undefined> | OutgoingMessage | undefined,
  ): Promise<number> {
    if (!this.deliverer) return 0;
    let replaced = 0;
    for (const n of await this.store.findBy('notifications', 'subject', subjectId)) {
      const activityId = n.payload.activityId;
      if (n.status !== 'delivered' || typeof activityId !== 'string') continue;
      const message = await render(n);
      const conversation = await this.store.get('conversations', identityKey(n.tenantId, n.aadObjectId));
      if (!message || !conversation) continue;
      try {
        await this.deliverer.update(conversation.reference, activityId, message);
        replaced++;
      } catch {
        // The server-side state check is what stops a second action; a stale card only looks stale.
      }
    }
    return replaced;
  }

  /**
   * Forgets delivered and failed notifications that settled before `olderThan`, a day at a time through
   * the index, looking back a year (the hourly prune keeps up, so older ones do not pile up).
   * Keep them longer than an invitation lives: a delivered card is replaced when its invitation is answered.
   */
  async forgetSettled(olderThan: Date): Promise<number> {
    let forgotten = 0;
    const lastDay = Math.floor(olderThan.getTime() / DAY) * DAY;
    for (let day = lastDay - 365 * DAY; day <= lastDay; day += DAY) {
      const key = new Date(day).toISOString().slice(0, 10);
      const old = (await this.store.findBy('notifications', 'settled', key)).filter(
        (n) => new Date(n.deliveredAt ?? n.nextAttemptAt) < olderThan,
      );
      for (let i = 0; i < old.length; i += 500) {
        await this.store.transaction(async (tx) => {
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

  /** Makes a user's queued notifications due now (they just opened a conversation with the bot). */
  async retryFor(recipient: Recipient): Promise<void> {
    const now = this.opts.clock().toISOString();
    await withRetry(this.store, async (tx) => {
      for (const n of await tx.findBy(
        'notifications',
        'recipient',
        identityKey(recipient.tenantId, recipient.aadObjectId),
      )) {
        if (n.nextAttemptAt > now) {
          tx.update('notifications', { ...n, nextAttemptAt: now });
        }
      }
    });
  }
}
