/**
 * One Node process serves every person of every organisation: work over thousands of records hands the
 * event loop back between batches, so a turn arriving meanwhile waits for one batch, not for the whole pass.
 */
export const BATCH = 250;

export function giveWay(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Records already read, BATCH at a time with the event loop given back between batches. */
export async function* inBatches<T>(records: T[]): AsyncGenerator<T[]> {
  for (let start = 0; start < records.length; start += BATCH) {
    if (start > 0) await giveWay();
    yield records.slice(start, start + BATCH);
  }
}
