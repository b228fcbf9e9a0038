/**
 * One Node process serves every person of every organisation: work over thousands of records hands the
 * event loop back between batches, so a turn arriving meanwhile waits for one batch, not for the whole pass.
 */
export const BATCH = 250;

export function giveWay(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
