import type { ConversationReference, TurnContext } from 'botbuilder';
import { describeError, type Logger } from '../logging/logger.js';
import { DeliveryError, parseRetryAfter } from '../services/outbox/delivery-error.js';
import type { MessageDeliverer, OutgoingMessage } from '../services/outbox/notifications.js';
import type { DeliveryAdapter } from './adapter.js';
import { deliveryDeadline } from './delivery-connector.js';

export interface ProactiveDelivererOptions {
  logger: Logger;
  /** How long one connector call may take before it is aborted (a transient failure, tried again later). */
  timeoutMs?: number;
  clock?: () => Date;
}

export const DEFAULT_CONNECTOR_TIMEOUT_MS = 10_000;

/**
 * Delivers queued notifications through the Bot Connector (`continueConversationAsync`).
 *
 * botbuilder hands an error thrown inside the proactive callback to the adapter's onTurnError and then
 * resolves, so the send's own outcome is captured inside the callback: a call resolves only when the
 * connector answered with success. The adapter's connector clients do not retry (delivery-connector.ts).
 */
export class ProactiveDeliverer implements MessageDeliverer {
  private readonly timeoutMs: number;
  private readonly clock: () => Date;

  constructor(
    private readonly adapter: DeliveryAdapter,
    private readonly appId: string,
    private readonly options: ProactiveDelivererOptions,
  ) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_CONNECTOR_TIMEOUT_MS;
    this.clock = options.clock ?? (() => new Date());
  }

  async deliver(reference: Record<string, unknown>, message: OutgoingMessage): Promise<string | undefined> {
    const sent = await this.call(reference, 'send', (context) =>
      context.sendActivity({ text: message.text, attachments: message.card ? [message.card] : undefined }),
    );
    return sent?.id;
  }

  async update(reference: Record<string, unknown>, activityId: string, message: OutgoingMessage): Promise<void> {
    await this.call(reference, 'update', (context) =>
      context.updateActivity({
        id: activityId,
        type: 'message',
        text: message.text,
        attachments: message.card ? [message.card] : undefined,
      }),
    );
  }

  private async call<T>(
    reference: Record<string, unknown>,
    operation: string,
    work: (context: TurnContext) => Promise<T>,
  ): Promise<T> {
    const abort = new AbortController();
    let outcome: { ok: true; value: T } | { ok: false; error: unknown } | undefined;
    const turn = deliveryDeadline.run(abort.signal, () =>
      this.adapter.continueConversationAsync(
        this.appId,
        reference as Partial<ConversationReference>,
        async (context) => {
          try {
            outcome = { ok: true, value: await work(context) };
          } catch (error) {
            outcome = { ok: false, error };
          }
        },
      ),
    );
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), this.timeoutMs);
    });
    try {
      if ((await Promise.race([turn, deadline])) === 'timeout') {
        abort.abort();
        // The abort ends the HTTP request; a part that ignores it (a token fetch) must not hold the drain.
        turn.catch((error: unknown) =>
          this.options.logger.warn('connector call failed after its timeout', {
            operation,
            error: describeError(error),
          }),
        );
        throw new DeliveryError(`The Bot Connector did not answer the ${operation} within ${this.timeoutMs} ms`);
      }
    } catch (error) {
      throw this.deliveryError(error);
    } finally {
      clearTimeout(timer);
    }
    if (!outcome) throw new DeliveryError(`The ${operation} never ran: the adapter did not start the turn`);
    if (!outcome.ok) throw this.deliveryError(outcome.error);
    return outcome.value;
  }

  private deliveryError(error: unknown): DeliveryError {
    if (error instanceof DeliveryError) return error;
    const e = error as { statusCode?: unknown; response?: { headers?: { get?: (name: string) => unknown } } };
    const status = typeof e?.statusCode === 'number' ? e.statusCode : undefined;
    const retryAfter = e?.response?.headers?.get?.('retry-after');
    return new DeliveryError(
      error instanceof Error ? error.message : String(error),
      status,
      parseRetryAfter(typeof retryAfter === 'string' ? retryAfter : undefined, this.clock()),
    );
  }
}
