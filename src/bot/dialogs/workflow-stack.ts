import type { ConversationState, TurnContext } from 'botbuilder';
import {
  DialogSet,
  type Dialog,
  type DialogContext,
  type DialogState,
  type DialogStateManagerConfiguration,
} from 'botbuilder-dialogs';
import { inputValues } from '../../cards/input-id.js';
import { noticeCard } from '../../cards/notice-card.js';
import type { CardAttachment } from '../../cards/render.js';
import type { Logger } from '../../logging/logger.js';
import type { Session } from '../session.js';
import { turnLog } from '../turn-log.js';
import { isSubmissionOf } from './card-prompt.js';
import { cardReplyOf } from './card-reply.js';
import { waitingSteps } from './open-workflow.js';
import { staleFormCard } from './stale-form-card.js';
import type { StepVerb } from './step-verb.js';

const ROOT_DIALOG = Symbol('rootDialogContext');
/** How a turn that has not needed the stack yet opens it (see offer). */
const OPEN_ROOT = Symbol('openRootDialogContext');
/** Where botbuilder-dialogs looks for a turn's memory scopes before building them again. */
const STATE_MANAGER_CONFIGURATION = 'DialogStateManagerConfiguration';

/**
 * The conversation's dialog stack: every workflow a person is in, kept in the store through conversation state
 * (so a restart or another device continues where they were). A card button of a step reaches its dialog only
 * through here, after the dispatcher admitted it, and only when it belongs to the step that waits.
 */
export class WorkflowStack {
  private readonly dialogSet: DialogSet;
  /**
   * The memory scopes and path resolvers, built by the first turn. botbuilder-dialogs builds them again for
   * every turn from its component registry (about 4% of an Accept & Authorize, profiled); they hold no state of their
   * own (each reads the turn it is given), and this bot registers no scope of its own.
   */
  private stateConfiguration: DialogStateManagerConfiguration | undefined;

  constructor(
    conversationState: ConversationState,
    dialogs: Dialog[],
    private readonly logger: Logger,
  ) {
    this.dialogSet = new DialogSet(conversationState.createProperty<DialogState>('dialogState'));
    for (const dialog of dialogs) this.dialogSet.add(dialog);
  }

  /** The turn's root dialog context, created once per turn and shared with every handler of the turn. */
  async open(context: TurnContext): Promise<DialogContext> {
    const existing = context.turnState.get(ROOT_DIALOG) as DialogContext | undefined;
    if (existing) return existing;
    if (this.stateConfiguration) context.turnState.set(STATE_MANAGER_CONFIGURATION, this.stateConfiguration);
    const dc = await this.dialogSet.createContext(context);
    this.stateConfiguration ??= dc.state.configuration;
    context.turnState.set(ROOT_DIALOG, dc);
    return dc;
  }

  /**
   * Lets this turn open the stack only if it comes to need it (a card button that begins a workflow): a plain
   * card action (Accept & Authorize) then neither reads the conversation's state nor writes it back.
   */
  offer(context: TurnContext): void {
    context.turnState.set(OPEN_ROOT, () => this.open(context));
  }

  /** A step's button: continues the step waiting for that very card, or says the form is no longer active. */
  async continueFromCard(context: TurnContext, session: Session, verb: StepVerb): Promise<CardAttachment> {
    const dc = await this.open(context);
    const action = (context.activity.value as { action?: { data?: unknown } } | undefined)?.action;
    const data = inputValues((action?.data ?? {}) as Record<string, unknown>);
    const waiting = waitingSteps(dc.stack);
    const answered = waiting.find(({ prompt }) => isSubmissionOf(prompt, verb.verb, data));
    if (!answered) {
      turnLog(context, this.logger).info('stale card', { verb: verb.verb, open: waiting.length > 0 });
      return staleFormCard(session.tr, verb.workflow);
    }
    // The person went back to a workflow beneath: what was begun on top of it (a lookup) is left.
    while (dc.stack.length > answered.depth + 1) await dc.endDialog();
    await dc.continueDialog();
    const reply = cardReplyOf(context);
    if (reply) return reply;
    turnLog(context, this.logger).error('card step showed no card', { verb: verb.verb });
    return noticeCard(session.tr.t('card.error.title'), session.tr.t('workflow.noAnswer'), 'attention');
  }
}

/** The root dialog context of this turn, for a card action that starts a workflow (a lead's Invite). */
async function rootDialogOf(context: TurnContext): Promise<DialogContext> {
  const dc = context.turnState.get(ROOT_DIALOG) as DialogContext | undefined;
  if (dc) return dc;
  const open = context.turnState.get(OPEN_ROOT) as (() => Promise<DialogContext>) | undefined;
  if (!open) throw new Error('No dialog context offered for this turn');
  return open();
}

/**
 * Begins a workflow from a card button that is not itself a step (a lead's Invite, a list's New link): on top
 * of whatever is open, which continues when it ends. Returns the card its first step showed.
 */
export async function beginWorkflow(context: TurnContext, dialogId: string, options: object): Promise<CardAttachment> {
  await (await rootDialogOf(context)).beginDialog(dialogId, options);
  const reply = cardReplyOf(context);
  if (!reply) throw new Error(`Workflow ${dialogId} showed no card when it began`);
  return reply;
}
