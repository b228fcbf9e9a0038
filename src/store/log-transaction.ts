import { BufferedTransaction, type AnyRecord, type PendingWrite } from './buffered-transaction.js';
import type { CollectionName } from './store.js';
import type { Table } from './table.js';

export { validate, type AnyRecord, type PendingWrite } from './buffered-transaction.js';

/** What a transaction reads through: the committed state. */
export interface CommittedState {
  table(collection: CollectionName): Table;
  read(collection: CollectionName, id: string): AnyRecord | undefined;
  indexed(collection: CollectionName, index: string, key: string, skip?: (id: string) => boolean): AnyRecord[];
}

/** The embedded store's transaction: the committed state is in this process, so reads never wait on I/O. */
export class LogTransaction extends BufferedTransaction {
  constructor(private readonly store: CommittedState) {
    super();
  }

  protected async committedGet(collection: CollectionName, id: string) {
    return this.store.read(collection, id);
  }

  protected async committedFindBy(
    collection: CollectionName,
    index: string,
    key: string,
    skip: (id: string) => boolean,
  ) {
    return this.store.indexed(collection, index, key, skip);
  }

  protected async committedAll(collection: CollectionName) {
    const records: AnyRecord[] = [];
    for (const id of this.store.table(collection).keys()) records.push(this.store.read(collection, id)!);
    return records;
  }

  protected keysOf(collection: CollectionName, index: string, record: AnyRecord): string[] {
    return this.store.table(collection).keysOf(index, record);
  }

  protected knownToExist(collection: CollectionName, id: string): boolean {
    return this.store.table(collection).has(id);
  }
}

/** A commit waiting for the next group fsync of the log. */
export interface QueuedCommit {
  writes: PendingWrite[];
  resolve: () => void;
  reject: (error: unknown) => void;
}
