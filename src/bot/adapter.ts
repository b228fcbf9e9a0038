import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
} from 'botbuilder';
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
  adapter.onTurnError = turnErrorHandler(config.defaultLanguage, logger);
  return adapter;
}
