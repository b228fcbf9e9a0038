/** Why the Bot Connector did not take a message, as the outbox needs it to decide what happens next. */
export class DeliveryError extends Error {
  override readonly name = 'DeliveryError';
  constructor(
    message: string,
    /** The connector's HTTP status; undefined when it never answered (timeout, network). */
    readonly status?: number,
    /** How long the connector asked us to wait before trying again (its Retry-After), in milliseconds. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

/**
 * Worth trying again: throttling, server errors, request timeouts and no answer at all. Any other 4xx
 * (403: the user blocked the bot, 404: the conversation is gone) will say the same thing next time.
 */
export function isTransient(error: unknown): boolean {
  const status = error instanceof DeliveryError ? error.status : (error as { statusCode?: number })?.statusCode;
  return status === undefined || status === 408 || status === 429 || status >= 500;
}

/** A Retry-After header (delay in seconds, or an HTTP date) as milliseconds from `now`; undefined if absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now: Date): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.ceil(Number(text) * 1000);
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}
