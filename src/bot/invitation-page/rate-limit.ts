/** How many requests one client address may make: `perMinute` on average, in bursts of up to `burst`. */
export interface RateLimit {
  perMinute: number;
  burst: number;
}

const MAX_CLIENTS = 10_000;

/**
 * An in-memory token bucket per client address. It slows a guesser down on one instance; it is not shared
 * between instances and forgets everything on restart, which is enough for codes of 160 random bits.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly limit: RateLimit,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Takes one token for this client; false when it has none left. */
  take(client: string): boolean {
    const now = this.clock();
    const refillPerMs = this.limit.perMinute / 60_000;
    const bucket = this.buckets.get(client) ?? { tokens: this.limit.burst, at: now };
    bucket.tokens = Math.min(this.limit.burst, bucket.tokens + (now - bucket.at) * refillPerMs);
    bucket.at = now;
    const allowed = bucket.tokens >= 1;
    if (allowed) bucket.tokens -= 1;
    // Re-inserted so the map's order is least recently seen first, and the oldest are forgotten first.
    this.buckets.delete(client);
    this.buckets.set(client, bucket);
    if (this.buckets.size > MAX_CLIENTS) this.buckets.delete(this.buckets.keys().next().value!);
    return allowed;
  }
}
