import type { CloudAdapter, ConversationReference } from 'botbuilder';
import { DeliveryError, type MessageDeliverer, type OutgoingMessage } from '../services/notifications.js';

/** Delivers queued notifications through the Bot Connector (`continueConversationAsync`). */
export class ProactiveDeliverer implements MessageDeliverer {
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly appId: string,
  ) {}

  async deliver(reference: Record<string, unknown>, message: OutgoingMessage): Promise<string | undefined> {
    let activityId: string | undefined;
    try {
      await this.adapter.continueConversationAsync(
        this.appId,
        reference as Partial<ConversationReference>,
        async (context) => {
          const sent = await context.sendActivity({
            text: message.text,
            attachments: message.card ? [message.card] : undefined,
          });
          activityId = sent?.id;
        },
      );
    } catch (error) {
      const status = (error as { statusCode?: number }).statusCode;
      throw new DeliveryError(error instanceof Error ? error.message : String(error), status);
    }
    return activityId;
  }

  async update(reference: Record<string, unknown>, activityId: string, message: OutgoingMessage): Promise<void> {
    try {
      await this.adapter.continueConversationAsync(
        this.appId,
        reference as Partial<ConversationReference>,
        async (context) => {
          await context.updateActivity({
            id: activityId,
            type: 'message',
            text: message.text,
            attachments: message.card ? [message.card] : undefined,
          });
        },
      );
    } catch (error) {
      const status = (error as { statusCode?: number }).statusCode;
      throw new DeliveryError(error instanceof Error ? error.message : String(error), status);
    }
  }
}
