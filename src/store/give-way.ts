/**
 * One Node process serves every person of every organisation: work over thousands of records hands the
 * event loop back between batches, so a turn arriving meanwhile waits for one batch, not for the whole pass.
 */
export const BATCH = 250;

/** Passes waiting to go on, oldest first; one goes on per turn of the event loop. */
const waiting: (() => void)[] = [];

function nextPass(): void {
  waiting.shift()!();
  if (waiting.length > 0) setImmediate(nextPass);
}

/**
 * Resolves on a later turn of the event loop. Passes that give way together go on one per turn, not all in
 * the same turn: sixteen exports at once would otherwise hold the loop for sixteen batches between two timers.
 */
export function giveWay(): Promise<void> {
  return new Promise((resolve) => {
    waiting.push(resolve);
    if (waiting.length === 1) setImmediate(nextPass);
  });
}

/** Records already read, BATCH at a time with the event loop given back between batches. */
export async function* inBatches<T>(records: T[]): AsyncGenerator<T[]> {
  for (let start = 0; start < records.length; start += BATCH) {
    if (start > 0) await giveWay();
    yield records.slice(start, start + BATCH);
  }
}
