import { randomUUID } from 'node:crypto';
import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
} from 'botbuilder';
import { escapeMarkdown } from '../cards/markdown.js';
import type { Config } from '../config.js';
import { languageOf, t } from '../i18n/i18n.js';
import { describeError, type Logger } from '../logging/logger.js';
import { turnLog } from './turn-log.js';

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
  adapter.onTurnError = async (context, error) => {
    const ref = randomUUID().slice(0, 8);
    const log = turnLog(context, logger);
    log.error('turn failed', { ref, activityType: context.activity.type, error: describeError(error) });
    const language = languageOf(context.activity.locale, config.defaultLanguage);
    // An invoke gets its answer from the invoke response; a message turn gets an apology in the chat.
    if (context.activity.type === 'message') {
      await context
        .sendActivity(t(language, 'error.turn', { ref }))
        .catch((sendError: unknown) => log.warn('apology not sent', { ref, error: describeError(sendError) }));
    }
  };
  return adapter;
}
