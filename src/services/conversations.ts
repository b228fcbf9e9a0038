import { describeError, type Logger } from '../logging/logger.js';
import { ConflictError, identityKey, StorageUnavailableError, withRetry, type Store } from '../store/store.js';

/** Keeps, per user, where the bot can write to them later (proactive messages). */
export class ConversationDirectory {
  constructor(
    private readonly store: Store,
    private readonly clock: () => Date,
    private readonly logger: Logger,
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
      if (error instanceof StorageUnavailableError) {
        // Where to reach someone is bookkeeping: a full disk must not fail the turn it happens in.
        this.logger.warn('conversation reference not stored: storage unavailable', { error: describeError(error) });
        return false;
      }
      if (!(error instanceof ConflictError)) throw error;
      return false;
    }
    return existing === undefined;
  }
}
