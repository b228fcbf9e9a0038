import type { Activity } from 'botbuilder';
import { z } from 'zod';
import { ConflictError, type Store } from '../store/store.js';

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

/**
 * Runs turns of one conversation one after the other, so two turns never overwrite each other's state
 * (BotState saves with eTag '*'). In-process only: several instances need sticky routing or a shared lock.
 */
export class ConversationQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(work, work);
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

/**
 * Teams re-sends an activity it got no answer to; the first delivery claims its id so a re-delivery has no
 * second effect (and gets the first one's invoke response back).
 */
export class ActivityLedger {
  constructor(
    private readonly store: Store,
    private readonly clock: () => Date,
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
      if (!(error instanceof ConflictError)) throw error;
      const record = await this.store.get('activities', key);
      return { kind: 'duplicate', response: record?.response };
    }
  }

  /** A turn that failed gives its id back, so Teams' retry can succeed. */
  async release(key: string): Promise<void> {
    await this.store.transaction(async (tx) => {
      const record = await tx.get('activities', key);
      if (record) tx.remove('activities', record);
    });
  }

  async remember(key: string, response: unknown): Promise<void> {
    await this.store.transaction(async (tx) => {
      const record = await tx.get('activities', key);
      if (record) tx.update('activities', { ...record, response });
    });
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
