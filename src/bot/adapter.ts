import { CloudAdapter, type ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';
import { escapeMarkdown } from '../cards/markdown.js';
import type { Config } from '../config.js';
import type { Logger } from '../logging/logger.js';
import { forDeliveries } from './delivery-connector.js';
import { ReusedConnectorsAuthentication, type ConnectorClient } from './reused-connectors.js';
import { turnErrorHandler } from './turn-error.js';

export type { Logger };

/** The adapter the outbox sends through: its connector clients never retry and honour a delivery's deadline. */
export type DeliveryAdapter = CloudAdapter & { readonly preparedForDeliveries: true };

/**
 * The Bot Framework adapter. With an empty MicrosoftAppId botbuilder checks no token at all (local mode);
 * with credentials every request must carry a valid Bot Connector token.
 */
export function createAdapter(config: Config, logger: Logger): CloudAdapter {
  return adapterWith(config, logger);
}

/** A second adapter for proactive deliveries, so turn replies keep botbuilder's retries. */
export function createDeliveryAdapter(config: Config, logger: Logger): DeliveryAdapter {
  return Object.assign(adapterWith(config, logger, forDeliveries(logger)), { preparedForDeliveries: true as const });
}

function adapterWith(config: Config, logger: Logger, prepare?: (client: ConnectorClient) => void): CloudAdapter {
  const auth = new ReusedConnectorsAuthentication(
    {
      MicrosoftAppId: config.botAuth.appId,
      MicrosoftAppPassword: config.botAuth.appPassword,
      MicrosoftAppType: config.botAuth.appType,
      MicrosoftAppTenantId: config.botAuth.appTenantId,
    } as ConfigurationBotFrameworkAuthenticationOptions,
    prepare,
  );
  const adapter = new CloudAdapter(auth);
  // Teams reads a message's text as markdown; text from a person or another organisation must not become a link.
  adapter.use(async (context, next) => {
    context.onSendActivities(async (_context, activities, send) => {
      for (const activity of activities) {
        if (activity.type === 'message' && typeof activity.text === 'string' && !activity.textFormat) {
          activity.text = escapeMarkdown(activity.text);
        }
      }
      return send();
    });
    await next();
  });
  adapter.onTurnError = turnErrorHandler(config.defaultLanguage, logger);
  return adapter;
}
