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

/** How many waiting callers go on in one turn of the event loop (see `inTurns`). */
export const PER_TURN = 4;

/**
 * Calls `go` for each item, PER_TURN of them in this turn of the event loop and PER_TURN in each later one.
 * A group commit resolves every transaction of its batch at once: forty turns going on in the same turn
 * would hold every timer and every other person behind forty card renderings.
 */
export function inTurns<T>(items: readonly T[], go: (item: T) => void): void {
  const first = items.slice(0, PER_TURN);
  const rest = items.slice(PER_TURN);
  for (const item of first) go(item);
  if (rest.length > 0) void giveWay().then(() => inTurns(rest, go));
}

/** Records already read, BATCH at a time with the event loop given back between batches. */
export async function* inBatches<T>(records: T[]): AsyncGenerator<T[]> {
  for (let start = 0; start < records.length; start += BATCH) {
    if (start > 0) await giveWay();
    yield records.slice(start, start + BATCH);
  }
}
