import type { CollectionName } from './store.js';

/** One committed write: the record as it now is, or null when it was removed. */
export interface RecordChange {
  collection: CollectionName;
  id: string;
  record: { id: string; version: number } | null;
}

/**
 * Writes may have been missed: the feed of other instances' commits was cut (a lost database connection)
 * and is listening again. A view built from the feed must rebuild from the store.
 */
export interface ChangesLost {
  lost: true;
}

export type StoreChange = RecordChange | ChangesLost;

export type ChangeListener = (change: StoreChange) => void;

/** What a listener hears of; by default every collection's writes, this instance's and the others'. */
export interface ChangeInterest {
  /** Only writes to these collections (the others are not even read back when another instance made them). */
  collections?: readonly CollectionName[];
  /** Only this instance's own commits (told in the committing call's async context). */
  ownOnly?: boolean;
}

/**
 * Tells in-memory views (the counterpart name index) what a commit changed, after it is durable and before
 * the committing turn continues, so the turn's next read of the view sees its own write. A store shared by
 * several instances also tells its listeners of the others' commits, through `emitRemote`.
 */
export class ChangeFeed {
  private readonly listeners = new Map<ChangeListener, ChangeInterest>();

  /** A listener that throws must not undo a durable commit: it is reported here instead. */
  constructor(private readonly onError: (error: unknown) => void) {}

  subscribe(listener: ChangeListener, interest: ChangeInterest = {}): () => void {
    this.listeners.set(listener, interest);
    return () => this.listeners.delete(listener);
  }

  /** The collections whose writes by another instance some listener wants to hear of. */
  remoteInterest(): { all: boolean; collections: Set<CollectionName> } {
    const collections = new Set<CollectionName>();
    for (const interest of this.listeners.values()) {
      if (interest.ownOnly) continue;
      if (!interest.collections) return { all: true, collections };
      for (const c of interest.collections) collections.add(c);
    }
    return { all: false, collections };
  }

  emit(change: StoreChange): void {
    this.tell(change, false);
  }

  /** A write another instance committed, or the news that some may have been missed. */
  emitRemote(change: StoreChange): void {
    this.tell(change, true);
  }

  private tell(change: StoreChange, remote: boolean): void {
    for (const [listener, interest] of this.listeners) {
      if (remote && interest.ownOnly) continue;
      if ('collection' in change && interest.collections && !interest.collections.includes(change.collection)) continue;
      try {
        listener(change);
      } catch (error) {
        this.onError(error);
      }
    }
  }
}
