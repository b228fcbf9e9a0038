import { ConflictError, identityKey, withRetry, type Store } from '../store/store.js';

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
    try {
      await withRetry(this.store, async (tx) => {
        const current = await tx.get('conversations', id);
        const updatedAt = this.clock().toISOString();
        if (current) tx.update('conversations', { ...current, reference, updatedAt });
        else tx.insert('conversations', { id, tenantId, aadObjectId, reference, updatedAt });
      });
    } catch (error) {
      // Turns of the same person in several chats at once each store where to reach them; whichever
      // lands last is as good a way to reach them, so losing that race must not fail the turn.
      if (!(error instanceof ConflictError)) throw error;
      return false;
    }
    return existing === undefined;
  }
}
