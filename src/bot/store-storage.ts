import type { Storage, StoreItems } from 'botbuilder';
import { describeError, type Logger } from '../logging/logger.js';
import { ConflictError, StorageUnavailableError, withRetry, type Store } from '../store/store.js';

/**
 * Dialog and user state kept in the project's store, so a restart in the middle of a workflow resumes
 * where it was. An item's eTag is its record version: a write that carries an older eTag is refused
 * instead of silently overwriting a newer state ('*' means "write regardless", as BotState does).
 */
export class StoreStorage implements Storage {
  constructor(
    private readonly store: Store,
    private readonly clock: () => Date,
    private readonly logger: Logger,
  ) {}

  async read(keys: string[]): Promise<StoreItems> {
    const items: StoreItems = {};
    for (const key of keys) {
      const record = await this.store.get('state', key);
      if (record) items[key] = { ...record.document, eTag: String(record.version) };
    }
    return items;
  }

  /**
   * A full disk must not fail a turn that changed nothing else: the state is then not saved (a workflow
   * in progress resumes from its previous step) and the failure is logged. A turn whose own change
   * failed has already been answered with the storage message.
   */
  async write(changes: StoreItems): Promise<void> {
    try {
      await this.save(changes);
    } catch (error) {
      if (!(error instanceof StorageUnavailableError)) throw error;
      this.logger.warn('conversation state not saved: storage unavailable', { error: describeError(error) });
    }
  }

  private async save(changes: StoreItems): Promise<void> {
    const now = this.clock().toISOString();
    await withRetry(this.store, async (tx) => {
      for (const [key, item] of Object.entries(changes)) {
        const { eTag, ...document } = (item ?? {}) as Record<string, unknown>;
        const existing = await tx.get('state', key);
        if (!existing) {
          tx.insert('state', { id: key, document, updatedAt: now });
        } else {
          if (eTag !== undefined && eTag !== '*' && eTag !== String(existing.version)) {
            throw new ConflictError('state', key, 'version');
          }
          tx.update('state', { ...existing, document, updatedAt: now });
        }
      }
    });
  }

  async delete(keys: string[]): Promise<void> {
    await withRetry(this.store, async (tx) => {
      for (const key of keys) {
        const existing = await tx.get('state', key);
        if (existing) tx.remove('state', existing);
      }
    });
  }
}
