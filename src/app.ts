import { ConversationState, type TurnContext } from 'botbuilder';
import type { Config } from './config.js';
import { consoleLogger, createAdapter, type Logger } from './bot/adapter.js';
import { basicCommands, languageCardAction } from './bot/basic-commands.js';
import { CardActions } from './bot/card-actions.js';
import type { CommandId } from './bot/commands.js';
import { LanguageDialog } from './bot/dialogs/language-dialog.js';
import { PartnerDeskBot, type CommandHandler } from './bot/partner-desk-bot.js';
import { ProactiveDeliverer } from './bot/proactive-deliverer.js';
import { createServer } from './bot/server.js';
import { StoreStorage } from './bot/store-storage.js';
import { ConversationDirectory } from './services/conversations.js';
import { Notifier } from './services/notifications.js';
import { UserDirectory } from './services/user-directory.js';
import type { Store } from './store/store.js';

export interface AppOptions {
  store: Store;
  clock?: () => Date;
  logger?: Logger;
}

/** Wires every layer together: store → services → workflows → bot → HTTP server. */
export function createApp(config: Config, options: AppOptions) {
  const { store } = options;
  const clock = options.clock ?? (() => new Date());
  const logger = options.logger ?? consoleLogger;

  const notifier = new Notifier(store, { clock });
  const conversations = new ConversationDirectory(store, clock);
  const users = new UserDirectory(store);

  const adapter = createAdapter(config, logger);
  notifier.attach(new ProactiveDeliverer(adapter, config.botAuth.appId));

  const commands = new Map<CommandId, CommandHandler>();
  const available = () => bot.available;
  for (const [id, handler] of basicCommands(available)) commands.set(id, handler);
  commands.set('cancel', async () => undefined);

  const cardActions = new CardActions([languageCardAction(users)]);
  const bot: PartnerDeskBot = new PartnerDeskBot({
    store,
    defaultLanguage: config.defaultLanguage,
    conversationState: new ConversationState(new StoreStorage(store, clock)),
    dialogs: [new LanguageDialog(users, available)],
    commands,
    cardActions,
    conversations,
    notifier,
  });

  const server = createServer({
    config,
    adapter,
    store,
    logger,
    clock,
    run: (context: TurnContext) => bot.run(context).then(() => void notifier.drain()),
  });

  // Failed notifications are retried on a timer, not only when the next event happens.
  const retryTimer = setInterval(() => void notifier.drain().catch(() => undefined), 60_000);
  retryTimer.unref();

  return {
    server,
    adapter,
    bot,
    notifier,
    store,
    stopTimers: () => clearInterval(retryTimer),
  };
}
export type PartnerDeskApp = ReturnType<typeof createApp>;
