import { BufferedTransaction, type AnyRecord } from '../buffered-transaction.js';
import { INDEXES, type CollectionName, type StoreReader } from '../store.js';

export function keysOf(collection: CollectionName, index: string, record: AnyRecord): string[] {
  const fn = (INDEXES[collection] as Record<string, (r: AnyRecord) => string[]>)[index];
  if (!fn) throw new Error(`Unknown index ${collection}.${index}`);
  return fn(record);
}

/**
 * Reads go to the database's committed state (overlaid with this transaction's own writes); writes are
 * validated as they are made and kept here until commit, where the database checks every version.
 */
export class PostgresTransaction extends BufferedTransaction {
  constructor(private readonly committed: StoreReader) {
    super();
  }

  protected async committedGet(collection: CollectionName, id: string) {
    return (await this.committed.get(collection, id)) as AnyRecord | undefined;
  }

  protected async committedFindBy(
    collection: CollectionName,
    index: string,
    key: string,
    skip: (id: string) => boolean,
  ) {
    const found = (await this.committed.findBy(collection, index as never, key)) as AnyRecord[];
    return found.filter((record) => !skip(record.id));
  }

  protected async committedAll(collection: CollectionName) {
    return (await this.committed.all(collection)) as AnyRecord[];
  }

  protected keysOf(collection: CollectionName, index: string, record: AnyRecord): string[] {
    return keysOf(collection, index, record);
  }

  /** The database decides at commit: an insert of a taken id changes no row there and is refused then. */
  protected knownToExist(): boolean {
    return false;
  }
}
