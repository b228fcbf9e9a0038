import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
} from 'botbuilder';
import { escapeMarkdown } from '../cards/markdown.js';
import type { Config } from '../config.js';
import type { Logger } from '../logging/logger.js';
import { turnErrorHandler } from './turn-error.js';

export type { Logger };

/**
 * The Bot Framework adapter. With an empty MicrosoftAppId botbuilder checks no token at all (local mode);
 * with credentials every request must carry a valid Bot Connector token.
 */
export function createAdapter(config: Config, logger: Logger): CloudAdapter {
  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: config.botAuth.appId,
    MicrosoftAppPassword: config.botAuth.appPassword,
    MicrosoftAppType: config.botAuth.appType,
    MicrosoftAppTenantId: config.botAuth.appTenantId,
  } as ConfigurationBotFrameworkAuthenticationOptions);
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
