import type { TurnContext } from 'botbuilder';
import { Dialog, type DialogContext, type DialogInstance, type DialogTurnResult } from 'botbuilder-dialogs';
import { badPayloadCard } from '../../cards/bad-payload-card.js';
import { noticeCard } from '../../cards/notice-card.js';
import { inputValues } from '../../cards/input-id.js';
import type { CardAttachment } from '../../cards/render.js';
import { sessionOf } from '../session.js';
import { isCardAction, showCard } from './card-reply.js';
import { newTicket, stampTicket, ticketOf } from './form-ticket.js';
import { staleFormCard } from './stale-form-card.js';
import { openWorkflow } from './open-workflow.js';
import type { StepVerb, Submission } from './step-verb.js';
import type { CommandId } from '../commands.js';

export const CARD_PROMPT = 'card';

export interface CardPromptOptions {
  card: CardAttachment;
  /** The buttons of this card that continue the step. */
  verbs: string[];
  /** The locale key of what this step is, for `where am I` and cancel ("the request form"). */
  step: string;
  /**
   * The card shows a secret the store must never hold (an invitation's one-time link): it is not kept, so
   * asking for help shows how to get a new one instead of the card.
   */
  oneTime?: boolean;
}

/** What a waiting card step keeps: the card as sent (to send it again after `help`) and its ticket. */
export interface CardPromptState extends CardPromptOptions {
  ticket: string;
}

/**
 * Sends an Adaptive Card and waits until one of its buttons is clicked on that very card: the submission
 * (verb and parsed data) is the step's result. A click on any other card, or on this one after the step
 * ended, changes nothing and says the form is no longer active.
 */
export class CardPrompt extends Dialog<CardPromptOptions> {
  private readonly verbs: Map<string, StepVerb>;

  constructor(
    verbs: StepVerb[],
    private readonly workflow: CommandId,
  ) {
    super(CARD_PROMPT);
    this.verbs = new Map(verbs.map((v) => [v.verb, v]));
  }

  override async beginDialog(dc: DialogContext, options?: CardPromptOptions): Promise<DialogTurnResult> {
    if (!options) throw new Error('A card step needs its card');
    const unknown = options.verbs.filter((verb) => !this.verbs.has(verb));
    if (unknown.length)
      throw new Error(`Card step ${options.step} waits for unregistered verbs: ${unknown.join(', ')}`);
    const ticket = newTicket();
    const card = stampTicket(options.card, ticket);
    const { tr } = sessionOf(dc.context);
    const kept = options.oneTime ? noticeCard(tr.t(options.step), tr.t('workflow.oneTimeCard'), 'default') : card;
    const state: CardPromptState = { ...options, card: kept, ticket };
    dc.activeDialog!.state = state;
    await showCard(dc.context, card);
    return Dialog.EndOfTurn;
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const state = dc.activeDialog!.state as CardPromptState;
    const { context } = dc;
    if (!isCardAction(context)) {
      if (context.activity.type === 'message') {
        const { tr } = sessionOf(context);
        await context.sendActivity(tr.t('workflow.cardWaiting', { step: tr.t(state.step) }));
      }
      return Dialog.EndOfTurn;
    }
    const action = (context.activity.value as { action?: { verb?: unknown; data?: unknown } } | undefined)?.action;
    const verb = typeof action?.verb === 'string' ? action.verb : '';
    const raw = inputValues((action?.data ?? {}) as Record<string, unknown>);
    if (!isSubmissionOf(state, verb, raw)) {
      // A button of another workflow's card: "start again" names the workflow the person started.
      let root = dc;
      while (root.parent) root = root.parent;
      const workflow = this.verbs.get(verb)?.workflow ?? openWorkflow(root.stack)?.workflow.command ?? this.workflow;
      await showCard(context, staleFormCard(sessionOf(context).tr, workflow));
      return Dialog.EndOfTurn;
    }
    const parsed = this.verbs.get(verb)!.data.safeParse(raw);
    if (!parsed.success) {
      await showCard(context, badPayloadCard(sessionOf(context).tr, parsed.error));
      return Dialog.EndOfTurn;
    }
    const submission: Submission = { verb, data: parsed.data };
    return dc.endDialog(submission);
  }

  override async repromptDialog(context: TurnContext, instance: DialogInstance): Promise<void> {
    await showCard(context, (instance.state as CardPromptState).card);
  }
}

/** Whether a click belongs to the waiting step: one of its buttons, on the very card it sent. */
export function isSubmissionOf(state: CardPromptState, verb: string, data: Record<string, unknown>): boolean {
  return state.verbs.includes(verb) && ticketOf(data) === state.ticket;
}
