import { randomUUID } from 'node:crypto';
import type { CardAttachment } from '../../cards/render.js';
import type { NotificationRecord } from '../../store/runtime-records.js';
import { identityKey, withRetry, type Store, type Transaction } from '../../store/store.js';
import { giveWay } from '../../store/give-way.js';
import { describeError, type Logger } from '../../logging/logger.js';
import { isPersonal } from '../people/conversations.js';
import { isTransient } from './delivery-error.js';
import { NO_CONVERSATION, retryAfterOf, type Attempt } from './delivery-outcome.js';
import { recordAttempts } from './delivery-record.js';
import { queueReplacements, REPLACE_KIND, type RenderReplacement } from './card-replacements.js';
import { forgetSettledNotifications } from './settled-notifications.js';
import { inRecipientLanes, RECIPIENTS_AT_ONCE } from './recipient-lanes.js';
import { CLAIM_LEASE_MS, claimAllForDelivery, ClaimsHere, isClaimed } from './outbox-claim.js';

export { DeliveryError, isTransient, parseRetryAfter } from './delivery-error.js';
export { REPLACE_KIND } from './card-replacements.js';

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

export interface NotifierOptions {
  clock: () => Date;
  /** Every failed attempt and every notification given up is logged here (ids, kinds, statuses; never the payload). */
  logger: Logger;
  /** Attempts per delivery round, with jittered exponential backoff between them. */
  immediateAttempts?: number;
  baseDelayMs?: number;
  /** A wait longer than this (a long Retry-After) ends the round instead of holding up everyone else's messages. */
  maxInRoundWaitMs?: number;
  /** Rounds before a notification is given up as failed. */
  maxRounds?: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** How long this instance's claim on a notification it sends holds (see outbox-claim.ts). */
  claimLeaseMs?: number;
}

/** Notifications claimed, sent and recorded together: a drain's commits, not one pair per message. */
const DELIVERY_BATCH = 25;
const MINUTE = 60_000;
/** Far longer than the whole retry schedule (about 13 hours), so a bot stopped for weeks still finds them. */
const FIRST_LOOKBACK_MS = 30 * 86_400_000;
/** Each drain reads again the minutes just before the last one: what another instance queued and never sent. */
const RESCAN_MS = 5 * MINUTE;
/** The embedded store's `due` index is by minute: a long look-back gives the event loop back every few hours of them. */
const MINUTES_ASKED_AT_ONCE = 240 * MINUTE;

function minuteKey(at: number): string {
  return new Date(at).toISOString().slice(0, 16);
}

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
  /** On a store no other instance shares, what this process is sending (outbox-claim.ts). */
  private readonly claimsHere: ClaimsHere | undefined;

  constructor(
    private readonly store: Store,
    options: NotifierOptions,
  ) {
    this.opts = {
      immediateAttempts: 3,
      baseDelayMs: 300,
      maxInRoundWaitMs: 2_000,
      maxRounds: 8,
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      random: Math.random,
      claimLeaseMs: CLAIM_LEASE_MS,
      ...options,
    };
    this.claimsHere = store.withLock ? undefined : ClaimsHere.of(store);
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
        await this.drainOnce().catch((error: unknown) =>
          // What was not delivered stays pending: the next run (timer or turn) picks it up.
          this.opts.logger.error('notification drain failed', { error: describeError(error) }),
        );
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
    const first = Math.min(
      this.scannedUpTo === undefined ? last - FIRST_LOOKBACK_MS : this.scannedUpTo - RESCAN_MS,
      last,
    );
    // The current minute can still receive new notifications: the next run reads it again.
    this.scannedUpTo = last;
    if (this.store.findRange) {
      await this.deliverDue(await this.store.findRange('notifications', 'due', minuteKey(first), minuteKey(last)), now);
      return;
    }
    for (let minute = first; minute <= last; minute += MINUTE) {
      // The first run after a start asks for 43,200 minutes: asked in one go, that held the loop 80 ms.
      if (minute > first && (minute - first) % MINUTES_ASKED_AT_ONCE === 0) await giveWay();
      // Page by page: a backlog of thousands due in one minute is not read (and parsed) in one go.
      for await (const page of this.store.scan('notifications', 'due', minuteKey(minute))) {
        await this.deliverDue(page, now);
      }
    }
  }

  /** DELIVERY_BATCH at a time: one commit claims them (none on an unshared store), one records how each round ended. */
  private async deliverDue(pending: NotificationRecord[], now: Date): Promise<void> {
    const due = pending.filter((n) => new Date(n.nextAttemptAt) <= now);
    for (let start = 0; start < due.length; start += DELIVERY_BATCH) {
      const batch = due.slice(start, start + DELIVERY_BATCH);
      const here = this.claimsHere;
      const claimed = here
        ? await here.claim(this.store, batch, now)
        : await claimAllForDelivery(this.store, batch, now, this.opts.claimLeaseMs);
      try {
        const rounds = await inRecipientLanes(
          claimed,
          (n) => identityKey(n.tenantId, n.aadObjectId),
          RECIPIENTS_AT_ONCE,
          // A batch whose earlier sends were slow must not send one whose claim lapsed: another instance may have it.
          async (notification) =>
            !here && !isClaimed(notification, this.opts.clock())
              ? undefined
              : { notification, result: await this.deliverOne(notification, this.deliverer!) },
        );
        await recordAttempts(
          this.store,
          rounds.filter((round) => round !== undefined),
          this.opts,
        );
      } finally {
        here?.release(claimed);
      }
    }
  }

  private async deliverOne(notification: NotificationRecord, deliverer: MessageDeliverer): Promise<Attempt> {
    const conversation = await this.store.get(
      'conversations',
      identityKey(notification.tenantId, notification.aadObjectId),
    );
    // A reference stored before only personal chats were kept could name a group chat: never write there.
    if (!conversation || !isPersonal(conversation.reference)) return { outcome: 'later', error: NO_CONVERSATION };
    let last: unknown;
    for (let attempt = 1; ; attempt++) {
      try {
        const activityId = await this.send(deliverer, conversation.reference, notification);
        return { outcome: 'sent', activityId };
      } catch (error) {
        last = error;
        if (!isTransient(error)) return { outcome: 'refused', error };
        if (attempt >= this.opts.immediateAttempts) break;
        const backoff = this.opts.baseDelayMs * 2 ** (attempt - 1);
        const wait = Math.max(backoff / 2 + this.opts.random() * backoff, retryAfterOf(error) ?? 0);
        if (wait > this.opts.maxInRoundWaitMs) break;
        await this.opts.sleep(wait);
      }
    }
    return { outcome: 'later', error: last };
  }

  private async send(
    deliverer: MessageDeliverer,
    reference: Record<string, unknown>,
    notification: NotificationRecord,
  ): Promise<string | undefined> {
    const { text, card, activityId } = notification.payload as OutgoingMessage & { activityId?: unknown };
    const message: OutgoingMessage = { ...(text !== undefined ? { text } : {}), ...(card ? { card } : {}) };
    if (notification.kind !== REPLACE_KIND) return deliverer.deliver(reference, message);
    await deliverer.update(reference, String(activityId), message);
    return undefined;
  }

  /** Queues the replacement of every delivered card about `subjectId`, in the caller's transaction (see card-replacements). */
  queueReplacements(tx: Transaction, subjectId: string, render: RenderReplacement): Promise<number> {
    return queueReplacements(tx, this.opts.clock(), subjectId, render);
  }

  /** Forgets delivered and failed notifications that settled before `olderThan` (see forgetSettledNotifications). */
  forgetSettled(olderThan: Date): Promise<number> {
    return forgetSettledNotifications(this.store, olderThan);
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
        if (n.nextAttemptAt > now && !isClaimed(n, this.opts.clock()) && !this.claimsHere?.has(n.id)) {
          tx.update('notifications', { ...n, nextAttemptAt: now });
        }
      }
    });
  }
}
