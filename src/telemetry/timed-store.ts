import type { Store } from '../store/store.js';
import { histogram, METRIC_STORE_COMMIT_DURATION } from './instruments.js';

/**
 * The store with every transaction timed (work and durable commit together, as a caller waits for them),
 * labelled ok or failed; the engine itself stays free of telemetry.
 */
export function timedStore(store: Store): Store {
  const commits = () =>
    histogram(METRIC_STORE_COMMIT_DURATION, 'Time from starting a store transaction to its durable commit');
  return {
    get: (collection, id) => store.get(collection, id),
    findBy: (collection, index, key) => store.findBy(collection, index, key),
    all: (collection) => store.all(collection),
    scan: (collection, index, key) => store.scan(collection, index, key),
    subscribe: (listener, interest) => store.subscribe(listener, interest),
    // What only some engines have (PostgreSQL's cross-instance locks and ranges) must survive the wrapping.
    ...(store.withLock ? { withLock: store.withLock.bind(store) } : {}),
    ...(store.findRange ? { findRange: store.findRange.bind(store) } : {}),
    ping: () => store.ping(),
    close: () => store.close(),
    async transaction(work) {
      const started = performance.now();
      let result: 'ok' | 'failed' = 'failed';
      try {
        const value = await store.transaction(work);
        result = 'ok';
        return value;
      } finally {
        commits().record(performance.now() - started, { 'partner_desk.store.result': result });
      }
    },
  };
}
