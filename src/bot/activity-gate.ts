import type { Activity } from 'botbuilder';
import { z } from 'zod';
import type { Language } from '../domain/model.js';
import { describeError, type Logger } from '../logging/logger.js';
import { ConflictError, StorageUnavailableError, type Store } from '../store/store.js';
import { redactedResponse } from './redacted-response.js';

/** The least an activity must carry for the bot to act on it; anything else is answered 400. */
export const IncomingActivity = z.object({
  type: z.string().min(1).max(64),
  id: z.string().max(256).optional(),
  channelId: z.string().min(1).max(64),
  serviceUrl: z.string().url().max(2048),
  conversation: z.object({ id: z.string().min(1).max(1024), tenantId: z.string().max(128).optional() }),
  from: z.object({ id: z.string().min(1).max(1024), aadObjectId: z.string().max(128).optional() }),
  recipient: z.object({ id: z.string().min(1).max(1024) }).optional(),
});

/** The tenant an activity comes from, as Teams states it. */
export function tenantOf(activity: Partial<Activity>): string | undefined {
  const channelTenant = (activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id;
  return (activity.conversation?.tenantId ?? channelTenant)?.toLowerCase();
}

export function isAllowedTenant(activity: Partial<Activity>, allowed: readonly string[]): boolean {
  if (allowed.length === 0) return true;
  const tenant = tenantOf(activity);
  return tenant !== undefined && allowed.includes(tenant);
}

/** A lock every instance on one store respects (Store.withLock). */
export type SharedLock = <T>(key: string, work: () => Promise<T>) => Promise<T>;

/**
 * Runs turns of one conversation one after the other, so two turns never overwrite each other's state
 * (BotState saves with eTag '*'). Within the process by a queue; across instances, when the store is
 * shared, each turn also holds the store's lock on the conversation.
 */
export class ConversationQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  constructor(private readonly sharedLock?: SharedLock) {}

  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const lock = this.sharedLock;
    const guarded = lock ? () => lock(`conversation/${key}`, work) : work;
    const result = previous.then(guarded, guarded);
    // The caller gets this turn's error through `result`; the tail only orders the next turn after it.
    const settled = () => undefined;
    const tail = result.then(settled, settled);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  get size(): number {
    return this.tails.size;
  }
}

const PRUNE_LOOKBACK_HOURS = 30 * 24;

export type Claim = { kind: 'first' } | { kind: 'duplicate'; response: unknown };

/** Teams re-sends within seconds to minutes; the full response is kept in memory about that long. */
const FULL_RESPONSE_MS = 5 * 60_000;
const FULL_RESPONSES = 1000;

/**
 * Teams re-sends an activity it got no answer to; the first delivery claims its id so a re-delivery has no
 * second effect (and gets the first one's invoke response back). The store keeps the response without
 * invitation tokens; the full one, link and code included, stays in this process for a few minutes.
 * While the disk is full a turn runs unclaimed: only de-duplication is lost, not the turn.
 */
export class ActivityLedger {
  private readonly full = new Map<string, { response: unknown; until: number }>();
  /** Ids a failed turn gave back while the disk could not record it: Teams' retry still runs. */
  private readonly given = new Set<string>();

  constructor(
    private readonly store: Store,
    private readonly clock: () => Date,
    private readonly logger: Logger,
  ) {}

  static key(activity: Partial<Activity>): string | undefined {
    if (!activity.id || !activity.conversation?.id) return undefined;
    return `${activity.channelId}/${activity.conversation.id}/${activity.id}`;
  }

  async claim(key: string): Promise<Claim> {
    try {
      await this.store.transaction((tx) => {
        tx.insert('activities', { id: key, at: this.clock().toISOString() });
      });
      return { kind: 'first' };
    } catch (error) {
      if (error instanceof StorageUnavailableError) {
        this.logger.warn('activity not claimed: storage unavailable, a re-delivery would run again', {
          error: describeError(error),
        });
        return { kind: 'first' };
      }
      if (!(error instanceof ConflictError)) throw error;
      if (this.given.delete(key)) return { kind: 'first' };
      const kept = this.fullResponse(key);
      if (kept !== undefined) return { kind: 'duplicate', response: kept };
      const record = await this.store.get('activities', key);
      return { kind: 'duplicate', response: record?.response };
    }
  }

  /** A turn that failed gives its id back, so Teams' retry can succeed. */
  async release(key: string): Promise<void> {
    this.full.delete(key);
    await this.bookkeeping(
      'activity not released',
      () =>
        this.store.transaction(async (tx) => {
          const record = await tx.get('activities', key);
          if (record) tx.remove('activities', record);
        }),
      () => {
        if (this.given.size < FULL_RESPONSES) this.given.add(key);
      },
    );
  }

  async remember(key: string, response: unknown, language: Language): Promise<void> {
    this.keepFull(key, response);
    const kept = redactedResponse(response, language);
    await this.bookkeeping('invoke response not kept', () =>
      this.store.transaction(async (tx) => {
        const record = await tx.get('activities', key);
        if (record) tx.update('activities', { ...record, response: kept });
      }),
    );
  }

  private async bookkeeping(what: string, work: () => Promise<void>, instead?: () => void): Promise<void> {
    try {
      await work();
    } catch (error) {
      if (!(error instanceof StorageUnavailableError)) throw error;
      this.logger.warn(`${what}: storage unavailable`, { error: describeError(error) });
      instead?.();
    }
  }

  private keepFull(key: string, response: unknown): void {
    const now = this.clock().getTime();
    for (const [oldest, entry] of this.full) {
      if (this.full.size < FULL_RESPONSES && entry.until > now) break;
      this.full.delete(oldest);
    }
    this.full.set(key, { response, until: now + FULL_RESPONSE_MS });
  }

  private fullResponse(key: string): unknown {
    const entry = this.full.get(key);
    if (entry && entry.until > this.clock().getTime()) return entry.response;
    return undefined;
  }

  /**
   * Forgets ids older than Teams could still re-send, hour by hour through the index, looking back
   * PRUNE_LOOKBACK_HOURS (a bot stopped for longer leaves older ids behind: harmless, only space).
   */
  async prune(olderThan: Date): Promise<number> {
    let forgotten = 0;
    const hour = 3_600_000;
    const last = Math.floor(olderThan.getTime() / hour) * hour;
    for (let at = last - PRUNE_LOOKBACK_HOURS * hour; at <= last; at += hour) {
      const key = new Date(at).toISOString().slice(0, 13);
      const old = (await this.store.findBy('activities', 'hour', key)).filter((a) => new Date(a.at) < olderThan);
      for (let i = 0; i < old.length; i += 500) {
        await this.store.transaction(async (tx) => {
          for (const a of old.slice(i, i + 500)) {
            const current = await tx.get('activities', a.id);
            if (current) tx.remove('activities', current);
          }
        });
      }
      forgotten += old.length;
    }
    return forgotten;
  }
}
