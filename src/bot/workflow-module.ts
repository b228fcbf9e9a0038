import type { DownloadTokens } from '../services/helpdesk/downloads.js';
import type { MessagingExtensionQuery, MessagingExtensionResponse, TurnContext } from 'botbuilder';
import type { Dialog } from 'botbuilder-dialogs';
import type { Config } from '../config.js';
import type { Logger } from '../logging/logger.js';
import type { Notifier } from '../services/outbox/notifications.js';
import type { Store } from '../store/store.js';
import type { CardVerb } from './card-actions.js';
import type { CommandRegistration } from './command-handler.js';
import type { AvailableCommands, Permission } from './permissions.js';
import type { Session } from './session.js';

/** What every workflow gets from the composition root. */
export interface WorkflowDeps {
  config: Config;
  store: Store;
  clock: () => Date;
  notifier: Notifier;
  logger: Logger;
  /** Short-lived download links this app serves (a timeline's CSV). */
  downloads: DownloadTokens;
  /** The commands the bot has, for help cards inside workflows. */
  available: () => AvailableCommands;
}

/** One area of the product as the bot sees it: the commands it answers, its card verbs and its dialogs. */
export interface WorkflowModule {
  commands?: CommandRegistration[];
  cardActions?: CardVerb[];
  dialogs?: Dialog[];
  /** Answers the message extension's search (`composeExtension/query`); at most one workflow has one. */
  messageExtension?: MessageExtensionHandler;
}

export interface MessageExtensionHandler {
  permission: Permission;
  handle(context: TurnContext, session: Session, query: MessagingExtensionQuery): Promise<MessagingExtensionResponse>;
}

export type WorkflowFactory = (deps: WorkflowDeps) => WorkflowModule;
