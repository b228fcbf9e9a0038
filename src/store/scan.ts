import { BATCH, giveWay } from './give-way.js';
import type { AnyRecord, CommittedState } from './log-transaction.js';

/**
 * The records under `key` in `index`, BATCH at a time with the event loop given back between batches. The
 * ids are taken when the scan starts; a record removed meanwhile is left out, one changed is read as it is now.
 */
export async function* scanIndexed(
  state: CommittedState,
  collection: Parameters<CommittedState['table']>[0],
  index: string,
  key: string,
): AsyncGenerator<AnyRecord[]> {
  const table = state.table(collection);
  const ids = table.candidates(index, key);
  for (let start = 0; start < ids.length; start += BATCH) {
    if (start > 0) await giveWay();
    const batch: AnyRecord[] = [];
    for (const id of ids.slice(start, start + BATCH)) {
      const record = state.read(collection, id);
      // A hash collision, or a record whose keys changed since the scan began.
      if (record && table.keysOf(index, record).includes(key)) batch.push(record);
    }
    if (batch.length > 0) yield batch;
  }
}
