import { StorageUnavailableError } from './store.js';

/**
 * The store could not serve a turn in time because every connection stayed busy (the pool's wait ran
 * out) or the database has no connection slot left. Nothing of the failed work was saved, and the same
 * work a few seconds later normally succeeds, so a turn that fails this way is answered 503 with
 * Retry-After (Teams sends it again) rather than with an apology.
 */
export class StoreBusyError extends StorageUnavailableError {
  constructor(code: string, options?: { cause?: unknown }) {
    super(code, options);
    this.message = `The store is busy: no database connection became free in time (${code})`;
  }
}

/** The StoreBusyError behind `error`, however deep a library wrapped it (a cause, DialogContextError's `error`). */
export function storeBusyIn(error: unknown): StoreBusyError | undefined {
  const inner = (e: unknown) => (e as { cause?: unknown }).cause ?? (e as { error?: unknown }).error;
  for (let e = error, depth = 0; e && depth < 10; e = inner(e), depth++) {
    if (e instanceof StoreBusyError) return e;
  }
  return undefined;
}
