import { AsyncLocalStorage } from 'node:async_hooks';
import type { Response } from 'restify';
import type { Logger } from '../logging/logger.js';
import type { StoreBusyError } from '../store/store-busy.js';
import type { Store } from '../store/store.js';

/** Seconds Teams is asked to wait before sending a turn the busy store could not serve. */
export const RETRY_AFTER_SECONDS = 2;

/**
 * A turn the store was too busy to serve, before it saved anything of its own: it is answered 503 with
 * Retry-After instead of an apology, and Teams sends it again.
 */
export class DeferredTurn extends Error {
  override readonly name = 'DeferredTurn';
  constructor(
    readonly busy: StoreBusyError,
    /** Whether the activity's claim was given back in the store (else only in this process, until its lease). */
    readonly released: boolean,
  ) {
    super('turn deferred: the store is busy', { cause: busy });
  }
}

/** The one log line and the answer for a deferred turn. */
export function answerDeferred(res: Response, deferred: DeferredTurn, logger: Logger, activityType?: string): void {
  logger.warn('turn deferred: store busy, answered 503', {
    code: deferred.busy.code,
    activityType,
    retryAfterSeconds: RETRY_AFTER_SECONDS,
    claimReleased: deferred.released,
  });
  res.header('Retry-After', String(RETRY_AFTER_SECONDS));
  res.send(503, { error: 'Service busy, retry later' });
}

const REWRITTEN_ALIKE = new Set(['activities', 'conversations']);

/**
 * Whether a turn committed anything of its own (the activity ledger and where to reach a person aside,
 * which a re-run writes the same again): such a turn must not be re-sent, so it is never deferred.
 * The store tells its own commits in the committing call's async context, which is the turn's.
 */
export class TurnWrites {
  private readonly scope = new AsyncLocalStorage<{ changed: boolean }>();

  constructor(store: Store) {
    store.subscribe(
      (change) => {
        const turn = this.scope.getStore();
        if (turn && 'collection' in change && !REWRITTEN_ALIKE.has(change.collection)) turn.changed = true;
      },
      { ownOnly: true },
    );
  }

  async run<T>(work: (changed: () => boolean) => Promise<T>): Promise<T> {
    const turn = { changed: false };
    return this.scope.run(turn, () => work(() => turn.changed));
  }
}
