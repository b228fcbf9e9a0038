import { randomUUID } from 'node:crypto';
import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
} from 'botbuilder';
import type { Config } from '../config.js';
import { languageOf, t } from '../i18n/i18n.js';

export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export const consoleLogger: Logger = {
  info: (message, fields) => console.log(JSON.stringify({ level: 'info', message, ...fields })),
  error: (message, fields) => console.error(JSON.stringify({ level: 'error', message, ...fields })),
};

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
  adapter.onTurnError = async (context, error) => {
    const ref = randomUUID().slice(0, 8);
    logger.error('turn failed', { ref, error: error instanceof Error ? error.stack : String(error) });
    const language = languageOf(context.activity.locale, config.defaultLanguage);
    // An invoke gets its answer from the invoke response; a message turn gets an apology in the chat.
    if (context.activity.type === 'message') {
      await context.sendActivity(t(language, 'error.turn', { ref })).catch(() => undefined);
    }
  };
  return adapter;
}
