import type { Activity } from 'botbuilder';
import { z } from 'zod';

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

export { ActivityLedger, type Claim } from './activity-ledger.js';
