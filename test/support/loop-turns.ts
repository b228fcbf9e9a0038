import type { Store } from '../../src/store/store.js';

/** Runs `work` while counting turns of the event loop (a setImmediate re-armed every turn); `turn()` is the count so far. */
export async function countingLoopTurns<T>(work: (turn: () => number) => Promise<T>): Promise<T> {
  let turn = 0;
  let running = true;
  const tick = () => {
    turn++;
    if (running) setImmediate(tick);
  };
  setImmediate(tick);
  try {
    return await work(() => turn);
  } finally {
    running = false;
  }
}

const READS = new Set(['get', 'findBy', 'findPage', 'all', 'findRange']);

/** How many records one value hands out: a record, an array of them, or a page. */
function recordsIn(value: unknown): number {
  if (Array.isArray(value)) return value.length;
  const records = (value as { records?: unknown } | undefined)?.records;
  if (Array.isArray(records)) return records.length;
  return value ? 1 : 0;
}

/**
 * The store, counting the records it hands out in each turn of the event loop: a turn that reads a whole
 * history in one go shows as one turn with all of it. `measure` runs work and returns the most records any
 * one turn of the loop handled meanwhile (a setImmediate re-armed every turn marks the turns).
 */
export function perLoopTurn(store: Store): {
  store: Store;
  measure<T>(work: () => Promise<T>): Promise<{ result: T; most: number; turns: number }>;
} {
  let current = 0;
  const counted = new Proxy(store, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver) as unknown;
      if (typeof value !== 'function') return value;
      if (name === 'scan') {
        return async function* (...args: unknown[]) {
          for await (const batch of (value as (...a: unknown[]) => AsyncIterable<unknown[]>).apply(target, args)) {
            current += batch.length;
            yield batch;
          }
        };
      }
      if (typeof name === 'string' && READS.has(name)) {
        return async (...args: unknown[]) => {
          const found = await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
          current += recordsIn(found);
          return found;
        };
      }
      return (value as (...a: unknown[]) => unknown).bind(target);
    },
  });
  return {
    store: counted,
    async measure(work) {
      let most = 0;
      let turns = 0;
      let running = true;
      const tick = () => {
        most = Math.max(most, current);
        current = 0;
        turns++;
        if (running) setImmediate(tick);
      };
      current = 0;
      setImmediate(tick);
      try {
        const result = await work();
        return { result, most: Math.max(most, current), turns };
      } finally {
        running = false;
      }
    },
  };
}
