import { identityKey, withRetry, type Store } from '../store/store.js';

/** Keeps, per user, where the bot can write to them later (proactive messages). */
export class ConversationDirectory {
  constructor(
    private readonly store: Store,
    private readonly clock: () => Date,
  ) {}

  /** Stores the reference if it is new or changed; returns whether it was new. */
  async remember(tenantId: string, aadObjectId: string, reference: Record<string, unknown>): Promise<boolean> {
    const id = identityKey(tenantId, aadObjectId);
    const existing = await this.store.get('conversations', id);
    if (existing && JSON.stringify(existing.reference) === JSON.stringify(reference)) return false;
    await withRetry(this.store, async (tx) => {
      const current = await tx.get('conversations', id);
      const updatedAt = this.clock().toISOString();
      if (current) tx.update('conversations', { ...current, reference, updatedAt });
      else tx.insert('conversations', { id, tenantId, aadObjectId, reference, updatedAt });
    });
    return existing === undefined;
  }
}
