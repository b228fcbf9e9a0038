import type { CollectionName } from './store.js';

/** One committed write: the record as it now is, or null when it was removed. */
export interface StoreChange {
  collection: CollectionName;
  id: string;
  record: { id: string; version: number } | null;
}

export type ChangeListener = (change: StoreChange) => void;

/**
 * Tells in-memory views (the counterpart name index) what a commit changed, after it is durable and before
 * the committing turn continues, so the turn's next read of the view sees its own write.
 */
export class ChangeFeed {
  private readonly listeners = new Set<ChangeListener>();

  /** A listener that throws must not undo a durable commit: it is reported here instead. */
  constructor(private readonly onError: (error: unknown) => void) {}

  subscribe(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(change: StoreChange): void {
    for (const listener of this.listeners) {
      try {
        listener(change);
      } catch (error) {
        this.onError(error);
      }
    }
  }
}
