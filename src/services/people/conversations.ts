import { describeError, type Logger } from '../../logging/logger.js';
import { ConflictError, identityKey, StorageUnavailableError, withRetry, type Store } from '../../store/store.js';

/**
 * A one-to-one chat between the person and the bot. Teams also sends 'groupChat' and 'channel': what is
 * sent there is read by everyone in it, so private cards (Accept & Authorize, reminders) never go there.
 */
export function isPersonal(reference: Record<string, unknown>): boolean {
  const conversation = reference.conversation as { conversationType?: unknown } | undefined;
  return conversation?.conversationType === 'personal';
}

/** Keeps, per user, where the bot can write to them privately later (proactive messages). */
export class ConversationDirectory {
  constructor(
    private readonly store: Store,
    private readonly clock: () => Date,
    private readonly logger: Logger,
  ) {}

  /**
   * Stores the reference if it is a personal chat that is new or changed; returns whether it was new.
   * A turn in a group chat or channel leaves the stored personal chat as it is.
   */
  async remember(tenantId: string, aadObjectId: string, reference: Record<string, unknown>): Promise<boolean> {
    if (!isPersonal(reference)) return false;
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
      // Turns of the same person in several personal chats at once (two devices) each store where to
      // reach them; whichever lands last is as good, so losing that race must not fail the turn.
      if (error instanceof StorageUnavailableError) {
        // Where to reach someone is bookkeeping: a full disk must not fail the turn it happens in.
        this.logger.warn('conversation reference not stored: storage unavailable', { error: describeError(error) });
        return false;
      }
      if (!(error instanceof ConflictError)) throw error;
      return false;
    }
    // A reference kept from before only personal chats were stored is replaced by a private one: new, too.
    return existing === undefined || !isPersonal(existing.reference);
  }
}
