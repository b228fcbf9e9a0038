import { AsyncLocalStorage } from 'node:async_hooks';
import type { Store, Transaction } from '../store/store.js';

/** Writes the records of held items inside a transaction (the conversation state of StoreStorage). */
export type HeldWriter = (tx: Transaction, items: Map<string, unknown>) => Promise<void>;

/**
 * What a turn saves as it ends (its conversation state) waits for the activity ledger's "done" and commits
 * with it: one fsync instead of two on every turn's path, and the answer still leaves only after both are
 * durable. Held only while the turn runs; a write after that (or outside a claimed turn) commits at once.
 */
export class TurnEndWrites {
  private readonly items = new Map<string, unknown>();
  private writer: HeldWriter | undefined;
  private open = true;

  constructor(readonly store: Store) {}

  /** Holds `items` for the turn's last commit; false when this turn no longer holds writes. */
  hold(store: Store, items: Record<string, unknown>, writer: HeldWriter): boolean {
    if (!this.open || store !== this.store) return false;
    this.writer = writer;
    for (const [key, item] of Object.entries(items)) this.items.set(key, item);
    return true;
  }

  /** A held item (a read within the turn sees what it saved), or undefined. */
  held(store: Store, key: string): unknown {
    return this.open && store === this.store ? this.items.get(key) : undefined;
  }

  /** Drops a held item (it was deleted meanwhile). */
  forget(store: Store, key: string): void {
    if (store === this.store) this.items.delete(key);
  }

  /** Ends the holding: the writes to commit with the turn's last write, or undefined when none were held. */
  take(): ((tx: Transaction) => Promise<void>) | undefined {
    this.open = false;
    const writer = this.writer;
    if (!writer || this.items.size === 0) return undefined;
    const items = new Map(this.items);
    return (tx) => writer(tx, items);
  }
}

const turns = new AsyncLocalStorage<TurnEndWrites>();

/** Runs a turn whose end-of-turn writes are held in `writes`. */
export function holdingTurnEnd<T>(writes: TurnEndWrites, work: () => Promise<T>): Promise<T> {
  return turns.run(writes, work);
}

/** The held writes of the turn this call runs in, if any. */
export function turnEndWrites(): TurnEndWrites | undefined {
  return turns.getStore();
}
