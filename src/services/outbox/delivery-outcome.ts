import type { Logger } from '../../logging/logger.js';
import type { NotificationRecord } from '../../store/runtime-records.js';
import { DeliveryError } from './delivery-error.js';

/** How one delivery round of a notification ended, and how that is logged (never the payload). */
export const NO_CONVERSATION = 'The user has no personal chat with the bot yet: nowhere private to write to';

export type Attempt =
  | { outcome: 'sent'; activityId: string | undefined }
  /** Not now: tried again later, until the last round. */
  | { outcome: 'later'; error: unknown }
  /** The connector will say the same again (403, 404): given up at once. */
  | { outcome: 'refused'; error: unknown };

export function retryAfterOf(error: unknown): number | undefined {
  return error instanceof DeliveryError ? error.retryAfterMs : undefined;
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** One line per round: debug when sent, info while waiting for a chat, warn when retried, error when given up. */
export function logAttempt(logger: Logger, n: NotificationRecord, result: Attempt): void {
  const fields = { notificationId: n.id, kind: n.kind, attempts: n.attempts };
  if (result.outcome === 'sent') return logger.debug('notification delivered', fields);
  const error = result.error;
  const failure = {
    ...fields,
    status: error instanceof DeliveryError ? error.status : undefined,
    retryAfterMs: retryAfterOf(error),
    error: messageOf(error),
  };
  if (n.status === 'failed') logger.error('notification given up', failure);
  else if (error === NO_CONVERSATION) logger.info('notification waits for a personal chat', failure);
  else logger.warn('notification not delivered, will retry', { ...failure, nextAttemptAt: n.nextAttemptAt });
}
