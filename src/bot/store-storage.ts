import type { Storage, StoreItems } from 'botbuilder';
import { describeError, type Logger } from '../logging/logger.js';
import { ConflictError, StorageUnavailableError, withRetry, type Store, type Transaction } from '../store/store.js';
import { turnEndWrites } from './turn-end-writes.js';

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
      const held = turnEndWrites()?.held(this.store, key);
      if (held) {
        items[key] = { ...(held as Record<string, unknown>), eTag: '*' };
        continue;
      }
      const record = await this.store.get('state', key);
      if (record) items[key] = { ...record.document, eTag: String(record.version) };
    }
    return items;
  }

  /**
   * A full disk must not fail a turn that changed nothing else: the state is then not saved (a workflow
   * in progress resumes from its previous step) and the failure is logged. A turn whose own change
   * failed has already been answered with the storage message. In a claimed turn the state is held and
   * commits with the activity's "done" (src/bot/turn-end-writes.ts), before the answer leaves.
   */
  async write(changes: StoreItems): Promise<void> {
    if (this.held(changes)) return;
    try {
      await this.save(changes);
    } catch (error) {
      if (!(error instanceof StorageUnavailableError)) throw error;
      this.logger.warn('conversation state not saved: storage unavailable', { error: describeError(error) });
    }
  }

  /**
   * Held as written now (a copy, as the store would keep it); a write that names a version is checked
   * against it at once, as before, so only "write regardless" ('*', BotState's own) is held.
   */
  private held(changes: StoreItems): boolean {
    const turn = turnEndWrites();
    if (!turn) return false;
    const regardless = Object.values(changes).every((item) => {
      const eTag = (item as { eTag?: unknown } | undefined)?.eTag;
      return eTag === undefined || eTag === '*';
    });
    if (!regardless) return false;
    const copy = JSON.parse(JSON.stringify(changes)) as StoreItems;
    return turn.hold(this.store, copy, (tx, items) => this.saveIn(tx, Object.fromEntries(items)));
  }

  private async save(changes: StoreItems): Promise<void> {
    await withRetry(this.store, (tx) => this.saveIn(tx, changes));
  }

  private async saveIn(tx: Transaction, changes: StoreItems): Promise<void> {
    const now = this.clock().toISOString();
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
  }

  async delete(keys: string[]): Promise<void> {
    for (const key of keys) turnEndWrites()?.forget(this.store, key);
    await withRetry(this.store, async (tx) => {
      for (const key of keys) {
        const existing = await tx.get('state', key);
        if (existing) tx.remove('state', existing);
      }
    });
  }
}
