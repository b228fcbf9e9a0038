import type { NotificationRecord } from '../../store/runtime-records.js';
import { withRetry, type Store } from '../../store/store.js';
import type { Logger } from '../../logging/logger.js';
import { REPLACE_KIND } from './card-replacements.js';
import { logAttempt, messageOf, retryAfterOf, type Attempt } from './delivery-outcome.js';

export interface RecordOptions {
  clock: () => Date;
  logger: Logger;
  maxRounds: number;
  random: () => number;
}

const LATER_DELAYS_MIN = [1, 5, 15, 60, 240];
const MINUTE = 60_000;

/** Jittered exponential backoff between rounds (1, 5, 15, 60, 240 minutes, each ±50 %). */
function laterDelayMs(attempts: number, random: () => number): number {
  const minutes = LATER_DELAYS_MIN[Math.min(attempts - 1, LATER_DELAYS_MIN.length - 1)] ?? 60;
  return minutes * MINUTE * (0.5 + random());
}

/** The notification as it stands after this round: delivered, pending for a later round, or given up. */
function settle(current: NotificationRecord, result: Attempt, now: Date, opts: RecordOptions): NotificationRecord {
  const at = now.toISOString();
  const attempts = current.attempts + 1;
  if (result.outcome === 'sent') {
    return {
      ...current,
      status: 'delivered',
      attempts,
      deliveredAt: at,
      lastAttemptAt: at,
      // An update's payload already names the activity it replaced.
      payload: current.kind === REPLACE_KIND ? current.payload : { ...current.payload, activityId: result.activityId },
      lastError: undefined,
      claimedUntil: undefined,
    };
  }
  const giveUp = result.outcome === 'refused' || attempts >= opts.maxRounds;
  const delay = laterDelayMs(attempts, opts.random);
  return {
    ...current,
    status: giveUp ? 'failed' : 'pending',
    attempts,
    lastError: messageOf(result.error),
    lastAttemptAt: at,
    claimedUntil: undefined,
    // Never earlier than the connector asked; a failed one settles now (the day it is forgotten from).
    nextAttemptAt: giveUp
      ? at
      : new Date(now.getTime() + Math.max(delay, retryAfterOf(result.error) ?? 0)).toISOString(),
  };
}

/**
 * Records how one delivery round ended for each notification of a batch, in one commit: the rounds of a
 * drain belong together, and one commit for them all keeps the commit lane free for the turns.
 */
export async function recordAttempts(
  store: Store,
  rounds: { notification: NotificationRecord; result: Attempt }[],
  opts: RecordOptions,
): Promise<void> {
  if (rounds.length === 0) return;
  const now = opts.clock();
  let settled: { record: NotificationRecord; result: Attempt }[] = [];
  await withRetry(store, async (tx) => {
    settled = [];
    for (const { notification, result } of rounds) {
      const current = await tx.get('notifications', notification.id);
      if (!current || current.status !== 'pending') continue;
      settled.push({ record: tx.update('notifications', settle(current, result, now, opts)), result });
    }
  });
  for (const { record, result } of settled) logAttempt(opts.logger, record, result);
}
