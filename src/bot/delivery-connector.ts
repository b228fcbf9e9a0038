import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger } from '../logging/logger.js';
import type { ConnectorClient } from './reused-connectors.js';

/** The parts of botbuilder's connector client (an @azure/core-client pipeline) this file changes. */
interface ConnectorPipeline {
  removePolicy(options: { name: string }): unknown;
  addPolicy(policy: {
    name: string;
    sendRequest(request: { abortSignal?: AbortSignal }, next: (request: unknown) => Promise<unknown>): Promise<unknown>;
  }): void;
}

/**
 * The abort signal of the delivery being made. The connector client is shared by every delivery, so the
 * deadline of one send travels with its async context rather than on the client.
 */
export const deliveryDeadline = new AsyncLocalStorage<AbortSignal>();

/**
 * Prepares a connector client for the outbox, once: no hidden retries (they would wait out a Retry-After
 * inside the drain, multiplied by the outbox's rounds; the outbox decides when to try again), and every
 * request aborted at its delivery's deadline.
 */
export function forDeliveries(logger: Logger): (client: ConnectorClient) => void {
  return (client) => {
    const pipeline = (client as unknown as { client?: { pipeline?: ConnectorPipeline } }).client?.pipeline;
    if (!pipeline) {
      logger.warn('connector client has no pipeline: retries and abort left as botbuilder sets them');
      return;
    }
    pipeline.removePolicy({ name: 'defaultRetryPolicy' });
    pipeline.addPolicy({
      name: 'partnerDeskDeadline',
      sendRequest: (request, next) => {
        const signal = deliveryDeadline.getStore();
        if (signal) request.abortSignal = signal;
        return next(request);
      },
    });
  };
}
