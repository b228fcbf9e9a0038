import type { BatchObservableCallback } from '@opentelemetry/api';
import { describeError, type Logger } from '../logging/logger.js';
import type { StoreReader } from '../store/store.js';
import { meter, METRIC_OUTBOX_FAILED, METRIC_OUTBOX_PENDING } from './instruments.js';

/**
 * Outbox depth (pending notifications) and failed notifications (given up, waiting for the operator),
 * read when the metric reader collects (every OTEL_METRIC_EXPORT_INTERVAL), not on every change. Returns
 * a function that stops observing.
 */
export function observeOutbox(store: StoreReader, logger: Logger): () => void {
  const m = meter();
  const pending = m.createObservableGauge(METRIC_OUTBOX_PENDING, { description: 'Notifications not yet delivered' });
  const failed = m.createObservableGauge(METRIC_OUTBOX_FAILED, {
    description: 'Notifications given up after their last retry (npm run admin -- notifications --failed)',
  });
  const observe: BatchObservableCallback = async (result) => {
    try {
      // One pass over the outbox; delivered ones are forgotten after 120 days, so it stays bounded.
      const all = await store.all('notifications');
      result.observe(pending, all.filter((n) => n.status === 'pending').length);
      result.observe(failed, all.filter((n) => n.status === 'failed').length);
    } catch (error) {
      logger.warn('outbox metrics not read', { error: describeError(error) });
    }
  };
  m.addBatchObservableCallback(observe, [pending, failed]);
  return () => m.removeBatchObservableCallback(observe, [pending, failed]);
}
