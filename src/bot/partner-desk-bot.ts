import {
  TeamsActivityHandler,
  TurnContext,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type ConversationState,
  type MessagingExtensionQuery,
  type MessagingExtensionResponse,
} from 'botbuilder';
import { inputValues } from '../cards/input-id.js';
import { isInsertedCard } from './inserted-card.js';
import type { Dialog } from 'botbuilder-dialogs';
import { isStepVerb, type CardActions } from './card-actions.js';
import { WorkflowStack } from './dialogs/workflow-stack.js';
import { withoutTicket } from './dialogs/form-ticket.js';
import { openWorkflow } from './dialogs/open-workflow.js';
import { switchActions, switchQuestionCard } from './workflow-switch.js';
import type { Session } from './session.js';
import { noticeCard } from '../cards/notice-card.js';
import { badPayloadCard } from '../cards/bad-payload-card.js';
import { describeRefusal } from '../cards/refusal.js';
import type { CardAttachment } from '../cards/render.js';
import { welcomeCard } from '../cards/welcome-card.js';
import type { Language } from '../domain/model.js';
import type { Translator } from '../i18n/i18n.js';
import type { ConversationDirectory } from '../services/people/conversations.js';
import type { Notifier } from '../services/outbox/notifications.js';
import type { StoreReader } from '../store/store.js';
import type { CommandRegistration } from './command-handler.js';
import type { CommandId } from './commands.js';
import type { AvailableCommands } from './permissions.js';
import { Dispatcher, isPersonalConversation, roleRefusal } from './dispatcher.js';
import { beginTurnLog, turnLog } from './turn-log.js';
import { noteTurn, traceTurn } from './turn-trace.js';
import type { Logger } from '../logging/logger.js';
import { routeCommand } from './router.js';
import { resolveSession, type SessionResult } from './session.js';
import type { MessageExtensionHandler } from './workflow-module.js';
import type { OrganizationClaimTurn } from './organization-claim-turn.js';

export type { CommandHandler, CommandTurn } from './command-handler.js';

export interface PartnerDeskBotDeps {
  store: StoreReader;
  defaultLanguage: Language;
  conversationState: ConversationState;
  dialogs: Dialog[];
  commands: Map<CommandId, CommandRegistration>;
  cardActions: CardActions;
  conversations: ConversationDirectory;
  notifier: Notifier;
  messageExtension?: MessageExtensionHandler;
  logger: Logger;
  /** `accept <code>` from a tenant Partner Desk does not know yet: the claim of the invited organisation. */
  claims?: OrganizationClaimTurn;
}

export class PartnerDeskBot extends TeamsActivityHandler {
  private readonly stack: WorkflowStack;
  private readonly dispatcher: Dispatcher;
  readonly available: AvailableCommands;

  constructor(private readonly deps: PartnerDeskBotDeps) {
    super();
    this.available = new Map([...deps.commands].map(([id, registration]) => [id, registration.permission]));
    this.dispatcher = new Dispatcher(deps.store);
    this.stack = new WorkflowStack(deps.conversationState, deps.dialogs, deps.logger);
    for (const action of switchActions(this.stack, (context, session, text) => this.runText(context, session, text))) {
      deps.cardActions.add(action);
    }

    this.onMessage(async (context, next) => {
      await this.handleMessage(context);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const userJoined = (context.activity.membersAdded ?? []).some((m) => m.id !== context.activity.recipient.id);
      if (userJoined) await this.welcome(context);
      await next();
    });
    this.onInstallationUpdateAdd(async (context, next) => {
      await this.session(context);
      await next();
    });
  }

  override async run(context: TurnContext): Promise<void> {
    const log = beginTurnLog(context, this.deps.logger);
    const started = Date.now();
    await traceTurn(context, async () => {
      await super.run(context);
      await this.deps.conversationState.saveChanges(context, false);
    });
    log.info('turn answered', { name: context.activity.name, durationMs: Date.now() - started });
  }

  /** Resolves who is acting and remembers where to reach them. */
  private async session(context: TurnContext): Promise<SessionResult> {
    const result = await resolveSession(context, this.deps.store, this.deps.defaultLanguage);
    if (result.kind === 'known') {
      const { user } = result.session;
      // The activity id names this one message, not the conversation: kept, it would make every turn
      // look like a new place to reach the person and rewrite the stored reference.
      const { activityId: _activityId, ...reference } = TurnContext.getConversationReference(
        context.activity,
      ) as Record<string, unknown>;
      const isNew = await this.deps.conversations.remember(user.tenantId, user.aadObjectId, reference);
      // What waited for this chat is delivered by the drain that follows every turn.
      if (isNew) await this.deps.notifier.retryFor({ tenantId: user.tenantId, aadObjectId: user.aadObjectId });
    }
    return result;
  }

  private async welcome(context: TurnContext): Promise<void> {
    const result = await this.session(context);
    if (result.kind !== 'known') return void (await context.sendActivity({ attachments: [refusalCard(result)] }));
    const { user, org, tr } = result.session;
    // Everyone in a group chat or channel sees the welcome: it must not show one person's roles there.
    if (!isPersonalConversation(context)) {
      return void (await context.sendActivity({
        attachments: [noticeCard(tr.t('welcome.shared.title'), tr.t('welcome.shared.text'), 'default')],
      }));
    }
    await context.sendActivity({ attachments: [welcomeCard(user, org, tr, this.available, 'welcome')] });
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const result = await this.session(context);
    if (result.kind !== 'known') {
      // A claim shows the invitation and carries its code: only in the person's own chat with the bot.
      const claimable = result.kind === 'unknown' && isPersonalConversation(context);
      const claim = claimable ? await this.deps.claims?.message(context, result.tr) : undefined;
      return void (await context.sendActivity({ attachments: [claim ?? refusalCard(result)] }));
    }
    const { session } = result;
    if (isInsertedCard(context.activity)) {
      const attachments = context.activity.attachments?.length ?? 0;
      return void turnLog(context, this.deps.logger).info('inserted card ignored', { attachments });
    }
    const dc = await this.stack.open(context);
    const text = (context.activity.text ?? '').trim();
    const command = routeCommand(text, this.available);
    // Anything that is not a command (and help or cancel) is for the step that waits; other commands run
    // beside the open workflow, and one that starts another workflow first asks whether to leave this one.
    // A list or lookup left open waits for no typing: text is read as a new message.
    const forStep = !command
      ? openWorkflow(dc.stack)?.workflow.readOnly !== true
      : ['help', 'cancel'].includes(command.id);
    if (dc.activeDialog && forStep) {
      await dc.continueDialog();
      return;
    }
    await this.runText(context, session, text);
  }

  /** Routes typed text to its command, admits it for the acting user and runs it. */
  private async runText(context: TurnContext, session: Session, text: string): Promise<void> {
    const command = routeCommand(text, this.available);
    if (!command) {
      await context.sendActivity(session.tr.t('unknownCommand', { text: text.slice(0, 80) }));
      return;
    }
    if (command.id === 'cancel') {
      await context.sendActivity(session.tr.t('cancel.nothing'));
      return;
    }
    const registration = this.deps.commands.get(command.id);
    if (!registration) return;
    noteTurn(context, { command: command.id });
    const admission = await this.dispatcher.admit(context, session, registration.permission);
    if (!admission.admitted) {
      noteTurn(context, { refused: true });
      turnLog(context, this.deps.logger).info('refused', { command: command.id, reason: admission.reason });
      return void (await context.sendActivity({ attachments: [admission.card] }));
    }
    const dc = await this.stack.open(context);
    const open = openWorkflow(dc.stack);
    if (registration.startsWorkflow && open && !open.workflow.readOnly && open.workflow.command !== command.id) {
      return void (await context.sendActivity({
        attachments: [switchQuestionCard(session.tr, open, command.id, text)],
      }));
    }
    await registration.handle({ context, session, dc, args: command.args });
  }

  protected override async onAdaptiveCardInvoke(
    context: TurnContext,
    invokeValue: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    const result = await this.session(context);
    if (result.kind !== 'known') {
      const claim =
        result.kind === 'unknown' && isPersonalConversation(context)
          ? await this.deps.claims?.invoke(context, invokeValue, result.tr)
          : undefined;
      return cardResponse(claim ?? refusalCard(result));
    }
    const { session } = result;
    const verb = invokeValue?.action?.verb;
    const handler = typeof verb === 'string' ? this.deps.cardActions.get(verb) : undefined;
    if (!handler) {
      return cardResponse(errorCard(session.tr, session.tr.t('card.error.unknownVerb')));
    }
    noteTurn(context, { verb: handler.verb });
    const raw = inputValues((invokeValue.action.data ?? {}) as Record<string, unknown>);
    const admission = await this.dispatcher.admit(context, session, handler.permission, raw);
    if (!admission.admitted) {
      noteTurn(context, { refused: true });
      turnLog(context, this.deps.logger).info('refused', { verb: handler.verb, reason: admission.reason });
      return cardResponse(admission.card);
    }
    const parsed = handler.data.safeParse(withoutTicket(raw));
    if (!parsed.success) return cardResponse(badPayloadCard(session.tr, parsed.error));
    if (isStepVerb(handler)) return cardResponse(await this.stack.continueFromCard(context, session, handler));
    this.stack.offer(context);
    return cardResponse(await handler.handle(context, session, parsed.data));
  }

  /** The search box of the message extension: identity is resolved here, as for every other turn. */
  protected override async handleTeamsMessagingExtensionQuery(
    context: TurnContext,
    query: MessagingExtensionQuery,
  ): Promise<MessagingExtensionResponse> {
    const result = await resolveSession(context, this.deps.store, this.deps.defaultLanguage);
    if (result.kind !== 'known') {
      return { composeExtension: { type: 'message', text: result.tr.t('unknown.identity.title') } };
    }
    const extension = this.deps.messageExtension;
    if (!extension) return { composeExtension: { type: 'message', text: '' } };
    const refusal = roleRefusal(result.session, extension.permission);
    if (refusal) return { composeExtension: { type: 'message', text: describeRefusal(refusal, result.session.tr) } };
    return extension.handle(context, result.session, query);
  }
}

function cardResponse(card: CardAttachment): AdaptiveCardInvokeResponse {
  return { statusCode: 200, type: card.contentType, value: card.content };
}

function errorCard(tr: Translator, text: string): CardAttachment {
  return noticeCard(tr.t('card.error.title'), text, 'attention');
}

/** What a user the store does not know sees: how an organisation gets registered, not a crash. */
function refusalCard(result: Exclude<SessionResult, { kind: 'known' }>): CardAttachment {
  const { tr } = result;
  if (result.kind === 'anonymous') {
    return noticeCard(tr.t('unknown.identity.title'), tr.t('unknown.identity.text'), 'warning');
  }
  if (result.identity.kind === 'unknown-tenant') {
    return noticeCard(
      tr.t('unknown.tenant.title'),
      tr.t('unknown.tenant.text', { tenantId: result.identity.tenantId }),
      'warning',
    );
  }
  const org = result.identity.org.name;
  return noticeCard(tr.t('unknown.user.title', { org }), tr.t('unknown.user.text', { org }), 'warning');
}
