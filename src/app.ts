import { ConversationState, type TurnContext } from 'botbuilder';
import type { Dialog } from 'botbuilder-dialogs';
import type { Config } from './config.js';
import { createAdapter, createDeliveryAdapter } from './bot/adapter.js';
import { createLogger, describeError, type Logger } from './logging/logger.js';
import { ActivityLedger } from './bot/activity-gate.js';
import { basicWorkflow } from './bot/basic-workflow.js';
import { CardActions } from './bot/card-actions.js';
import type { CommandId } from './bot/commands.js';
import type { CommandRegistration } from './bot/command-handler.js';
import { PartnerDeskBot } from './bot/partner-desk-bot.js';
import { ProactiveDeliverer } from './bot/proactive-deliverer.js';
import { createServer } from './bot/server.js';
import { StoreStorage } from './bot/store-storage.js';
import type { MessageExtensionHandler, WorkflowDeps, WorkflowFactory } from './bot/workflow-module.js';
import { invitationAnswerWorkflow } from './bot/workflows/customer/invitation-answer.js';
import { twoTierWorkflow } from './bot/workflows/two-tier/two-tier.js';
import { userManagementWorkflow } from './bot/workflows/people/user-management.js';
import { enrollmentWorkflow } from './bot/workflows/two-tier/enrollment.js';
import { requestRelationshipWorkflow } from './bot/workflows/partner/request-relationship.js';
import { relationshipStatusWorkflow } from './bot/workflows/helpdesk/relationship-status.js';
import { findPartnerWorkflow } from './bot/workflows/customer/find-partner.js';
import { customerAdminWorkflow } from './bot/workflows/customer/customer-admin.js';
import { partnerAdminWorkflow } from './bot/workflows/partner/partner-admin.js';
import { helpdeskWorkflow } from './bot/workflows/helpdesk/helpdesk-workflow.js';
import { partnerWorkflow } from './bot/workflows/partner/index.js';
import { accessWorkflow } from './bot/workflows/access/index.js';
import { invitationListsWorkflow } from './bot/workflows/invitation-lists.js';
import { dayTwoWorkflow } from './bot/workflows/partner/day-two.js';
import { downloadRouteFor } from './bot/download-route.js';
import { invitationPageRoute } from './bot/invitation-page/route.js';
import { OrganizationClaimTurn, teamsMemberLookup, type MemberLookup } from './bot/organization-claim-turn.js';
import { OrganizationClaimService } from './services/invitations/organization-claim.js';
import { DownloadTokens } from './services/helpdesk/downloads.js';
import { ConversationDirectory } from './services/people/conversations.js';
import { Notifier } from './services/outbox/notifications.js';
import type { Store } from './store/store.js';

const NOTIFICATION_RETENTION_MS = 120 * 86_400_000;

/** Every area of the product; each brings its commands, card verbs and dialogs. */
const WORKFLOWS: WorkflowFactory[] = [
  basicWorkflow,
  invitationAnswerWorkflow,
  twoTierWorkflow,
  userManagementWorkflow,
  enrollmentWorkflow,
  requestRelationshipWorkflow,
  relationshipStatusWorkflow,
  findPartnerWorkflow,
  customerAdminWorkflow,
  partnerAdminWorkflow,
  helpdeskWorkflow,
  partnerWorkflow,
  accessWorkflow,
  invitationListsWorkflow,
  dayTwoWorkflow,
];

export interface AppOptions {
  store: Store;
  clock?: () => Date;
  logger?: Logger;
  /** Who Teams says the sender is (email / UPN), for claims by unregistered tenants; TeamsInfo.getMember by default. */
  memberLookup?: MemberLookup;
}

/** Wires every layer together: store → services → workflows → bot → HTTP server. */
export function createApp(config: Config, options: AppOptions) {
  const { store } = options;
  const clock = options.clock ?? (() => new Date());
  const logger = options.logger ?? createLogger(config.logLevel);

  const notifier = new Notifier(store, {
    clock,
    logger: logger.child({ component: 'outbox' }),
    claimLeaseMs: config.outboxClaimLeaseMs,
  });
  const adapter = createAdapter(config, logger);
  notifier.attach(
    new ProactiveDeliverer(createDeliveryAdapter(config, logger), config.botAuth.appId, {
      logger: logger.child({ component: 'connector' }),
      timeoutMs: config.connectorTimeoutMs,
      clock,
    }),
  );

  const downloads = new DownloadTokens(store, clock);
  const deps: WorkflowDeps = { config, store, clock, notifier, downloads, logger, available: () => bot.available };
  const commands = new Map<CommandId, CommandRegistration>();
  const cardActions = new CardActions();
  const dialogs: Dialog[] = [];
  let messageExtension: MessageExtensionHandler | undefined;
  for (const factory of WORKFLOWS) {
    const module = factory(deps);
    if (module.messageExtension) {
      if (messageExtension) throw new Error('Only one workflow may answer the message extension');
      messageExtension = module.messageExtension;
    }
    for (const registration of module.commands ?? []) {
      if (commands.has(registration.id)) throw new Error(`Command ${registration.id} is handled twice`);
      commands.set(registration.id, registration);
    }
    for (const action of module.cardActions ?? []) cardActions.add(action);
    dialogs.push(...(module.dialogs ?? []));
  }

  const bot: PartnerDeskBot = new PartnerDeskBot({
    store,
    defaultLanguage: config.defaultLanguage,
    conversationState: new ConversationState(new StoreStorage(store, clock, logger)),
    dialogs,
    commands,
    cardActions,
    conversations: new ConversationDirectory(store, clock, logger),
    notifier,
    logger,
    ...(messageExtension ? { messageExtension } : {}),
    claims: new OrganizationClaimTurn({
      store,
      claims: new OrganizationClaimService(store, notifier, clock, config.defaultLanguage),
      notifier,
      memberLookup: options.memberLookup ?? teamsMemberLookup,
      clock,
      logger,
    }),
  });

  const server = createServer({
    config,
    adapter,
    store,
    logger,
    clock,
    // The one place a turn's notifications go out: after it answered, never before (nobody waits on them).
    run: (context: TurnContext) => bot.run(context).then(() => void notifier.drain()),
    routes: (http) => {
      downloadRouteFor(downloads, logger.child({ component: 'downloads' }))(http);
      invitationPageRoute({
        store,
        clock,
        logger,
        defaultLanguage: config.defaultLanguage,
        appId: config.botAuth.appId,
        rateLimit: { perMinute: config.invitePageRateLimit, burst: config.invitePageRateLimit },
      })(http);
    },
  });

  // Failed notifications are retried on a timer, not only when the next event happens.
  const logFailure = (job: string) => (error: unknown) =>
    logger.error(`${job} failed`, { job, error: describeError(error) });
  const retryTimer = setInterval(() => void notifier.drain().catch(logFailure('notification drain')), 60_000);
  retryTimer.unref();
  // Activity ids are kept for re-deliveries only; Teams gives up re-sending within minutes.
  const ledger = new ActivityLedger(store, clock, logger);
  // Delivered notifications are kept longer than an invitation lives (its delivered cards are replaced when
  // it is answered), then forgotten, so the store does not keep every message ever sent.
  const pruneTimer = setInterval(() => {
    void ledger.prune(new Date(clock().getTime() - 86_400_000)).catch(logFailure('activity ledger prune'));
    void notifier
      .forgetSettled(new Date(clock().getTime() - NOTIFICATION_RETENTION_MS))
      .catch(logFailure('notification prune'));
    void downloads.prune().catch(logFailure('download link prune'));
  }, 3_600_000);
  pruneTimer.unref();

  return {
    server,
    adapter,
    bot,
    /** Every command and card verb with its permission, as registered (the permission tests enumerate them). */
    registry: { commands: [...commands.values()], cardActions: cardActions.all(), dialogs },
    notifier,
    downloads,
    store,
    stopTimers: () => {
      clearInterval(retryTimer);
      clearInterval(pruneTimer);
    },
  };
}
export type PartnerDeskApp = ReturnType<typeof createApp>;
