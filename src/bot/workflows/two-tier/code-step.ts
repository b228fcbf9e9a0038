import type { TurnContext } from 'botbuilder';
import { Dialog, type DialogContext, type DialogInstance, type DialogTurnResult } from 'botbuilder-dialogs';
import type { CardAttachment } from '../../../cards/render.js';
import { isCardAction, showCard } from '../../dialogs/card-reply.js';
import { newTicket } from '../../dialogs/form-ticket.js';
import { staleFormCard } from '../../dialogs/stale-form-card.js';
import { sessionOf } from '../../session.js';

export const CODE_STEP = 'enroll.code';

export interface CodeStepOptions {
  /** What was sent and what to type: shown when the step begins and again after `help`. */
  card: CardAttachment;
  /** The locale key of what this step is, for `where am I`, cancel and the leave-or-stay question. */
  step: string;
}

/**
 * Kept in the shape of a card step's state (src/bot/dialogs/card-prompt.ts) with no button of its own, so
 * `where am I` names this step and any card clicked meanwhile is answered as no longer active.
 */
type CodeStepState = CodeStepOptions & { ticket: string; verbs: string[] };

/**
 * A step answered by typing, not by a card button: the one-time code arrives in Teams and the person types
 * `verify <code>` (or just the code). Whatever they type is the step's result; card clicks are not for it.
 */
export class CodeStep extends Dialog<CodeStepOptions> {
  constructor() {
    super(CODE_STEP);
  }

  override async beginDialog(dc: DialogContext, options?: CodeStepOptions): Promise<DialogTurnResult> {
    if (!options) throw new Error('A code step needs its card');
    const state: CodeStepState = { ...options, ticket: newTicket(), verbs: [] };
    dc.activeDialog!.state = state;
    await showCard(dc.context, options.card);
    return Dialog.EndOfTurn;
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const { activity } = dc.context;
    // A card's button while the code is awaited belongs to a step that moved on.
    if (isCardAction(dc.context)) await showCard(dc.context, staleFormCard(sessionOf(dc.context).tr, 'enroll'));
    if (activity.type !== 'message' || !activity.text?.trim()) return Dialog.EndOfTurn;
    return dc.endDialog(activity.text.trim());
  }

  override async repromptDialog(context: TurnContext, instance: DialogInstance): Promise<void> {
    await showCard(context, (instance.state as CodeStepOptions).card);
  }
}

/** Whether this conversation's enrolment waits for its code, so `verify` continues it rather than starting anew. */
export function waitsForCode(dc: DialogContext, dialogId: string): boolean {
  const top = dc.activeDialog;
  if (top?.id !== dialogId) return false;
  const inner = (top.state as { dialogs?: { dialogStack?: DialogInstance[] } }).dialogs?.dialogStack ?? [];
  return inner[inner.length - 1]?.id === CODE_STEP;
}
