import type { Storage, StoreItems } from 'botbuilder';
import { ConflictError, withRetry, type Store } from '../store/store.js';

/**
 * Dialog and user state kept in the project's store, so a restart in the middle of a workflow resumes
 * where it was. An item's eTag is its record version: a write that carries an older eTag is refused
 * instead of silently overwriting a newer state ('*' means "write regardless", as BotState does).
 */
export class StoreStorage implements Storage {
  constructor(
    private readonly store: Store,
    private readonly clock: () => Date,
  ) {}

  async read(keys: string[]): Promise<StoreItems> {
    const items: StoreItems = {};
    for (const key of keys) {
      const record = await this.store.get('state', key);
      if (record) items[key] = { ...record.document, eTag: String(record.version) };
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
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
