import type { CollectionName, Store, Transaction } from '../../src/store/store.js';

/** One commit a store made: the collections of its writes, in the order they were made. */
export type Commit = CollectionName[];

/**
 * Records every commit `store` makes from now on (a transaction that wrote something), by wrapping its
 * `transaction`; the store otherwise works as before. Returns the list it fills.
 */
export function recordCommits(store: Store): Commit[] {
  const commits: Commit[] = [];
  const original = store.transaction.bind(store);
  store.transaction = async <T>(work: (tx: Transaction) => Promise<T> | T): Promise<T> => {
    let written: Commit = [];
    const result = await original(async (tx) => {
      const value = await work(tx);
      const writes = (tx as unknown as { writes: Map<string, { collection: CollectionName }> }).writes;
      written = [...writes.values()].map((w) => w.collection);
      return value;
    });
    if (written.length > 0) commits.push(written);
    return result;
  };
  return commits;
}
