import {
  ComponentDialog,
  Dialog,
  DialogTurnStatus,
  type DialogContext,
  type DialogTurnResult,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { ActivityTypes } from 'botbuilder';
import { routeCommand } from '../router.js';
import { sessionOf } from '../session.js';
import { welcomeCard } from '../../cards/welcome-card.js';
import type { CardAttachment } from '../../cards/render.js';
import type { CommandId } from '../commands.js';
import type { AvailableCommands } from '../permissions.js';
import { CARD_PROMPT, CardPrompt, type CardPromptOptions } from './card-prompt.js';
import { openWorkflow, SAVED_NOTES, WORKFLOW_MARK, type WorkflowMark } from './open-workflow.js';
import { cancelledText } from './workflow-words.js';
import type { StepVerb, Submission } from './step-verb.js';

export interface WorkflowDefinition {
  /** The dialog id, unique in the bot's dialog set. */
  id: string;
  /** Locale key of the workflow's name, as `where am I` and cancel say it. */
  title: string;
  /** The command that starts it. */
  command: CommandId;
  /** Every button its card steps wait for (each also registered with the dispatcher). */
  verbs?: StepVerb[];
  /**
   * A list or lookup: it only turns pages or chooses among names, holding nothing typed, so another command
   * replaces it without asking to leave.
   */
  readOnly?: boolean;
}

/**
 * The base of every workflow: one ComponentDialog whose steps run in a WaterfallDialog, with a card step
 * (`ask`) for each card a person fills in. `help` and `cancel` (English or Spanish) interrupt any step: help
 * shows what the person can do and asks the current step again; cancel ends the whole stack and says what was
 * and was not saved.
 */
export abstract class WorkflowDialog extends ComponentDialog {
  protected constructor(
    private readonly definition: WorkflowDefinition,
    private readonly available: () => AvailableCommands,
  ) {
    super(definition.id);
    this.addDialog(new CardPrompt(definition.verbs ?? [], definition.command));
  }

  override async beginDialog(outerDc: DialogContext, options?: object): Promise<DialogTurnResult> {
    const mark: WorkflowMark = {
      title: this.definition.title,
      command: this.definition.command,
      startedAt: new Date().toISOString(),
      ...(this.definition.readOnly ? { readOnly: true } : {}),
    };
    outerDc.activeDialog!.state[WORKFLOW_MARK] = mark;
    return super.beginDialog(outerDc, options);
  }

  /**
   * A workflow begun on top of this one (a list item's Cancel) ended: this one goes on waiting at its step
   * without sending its card again, since the copy kept may be out of date (a list still showing what was just
   * cancelled). Its card in the chat still works, and `where am i` names the step.
   */
  override async resumeDialog(): Promise<DialogTurnResult> {
    return Dialog.EndOfTurn;
  }

  override async onContinueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const interrupted = await this.interrupt(dc);
    return interrupted ?? super.onContinueDialog(dc);
  }

  /** Shows a card and waits for one of its buttons; the next step gets the `Submission`. */
  protected askCard(
    step: WaterfallStepContext,
    card: CardAttachment,
    verbs: StepVerb[],
    stepName: string,
    { oneTime = false }: { oneTime?: boolean } = {},
  ) {
    const options: CardPromptOptions = { card, verbs: verbs.map((v) => v.verb), step: stepName, oneTime };
    return step.beginDialog(CARD_PROMPT, options);
  }

  /**
   * Runs again the step `back` places before this one (a card step), so it shows its card once more from what
   * `step.values` hold: a form redrawn with an error or a toggle (back = 1), or the previous page (Back).
   */
  protected again(step: WaterfallStepContext, back = 1, result?: unknown) {
    const state = step.activeDialog!.state as { stepIndex: number };
    state.stepIndex = step.index - back - 1;
    return step.next(result);
  }

  /** Notes something this step committed, so cancel can say it stays saved. */
  protected saved(step: WaterfallStepContext, text: string): void {
    const values = step.values as Record<string, unknown>;
    values[SAVED_NOTES] = [...((values[SAVED_NOTES] as string[] | undefined) ?? []), text];
  }

  /** What this run's steps keep between turns, stored with the dialog (typed by the workflow). */
  protected values<T extends object>(step: WaterfallStepContext): Partial<T> {
    return step.values as Partial<T>;
  }

  protected submission(step: WaterfallStepContext): Submission {
    return step.result as Submission;
  }

  private async interrupt(dc: DialogContext): Promise<DialogTurnResult | undefined> {
    const activity = dc.context.activity;
    if (activity.type !== ActivityTypes.Message || !activity.text) return undefined;
    const command = routeCommand(activity.text, new Set<CommandId>(['help', 'cancel']));
    if (!command) return undefined;
    const { tr, user, org } = sessionOf(dc.context);
    if (command.id === 'cancel') {
      let root = dc;
      while (root.parent) root = root.parent;
      const open = openWorkflow(root.stack);
      await dc.context.sendActivity(open ? cancelledText(tr, open) : tr.t('cancel.done'));
      return dc.cancelAllDialogs(true);
    }
    await dc.context.sendActivity({ attachments: [welcomeCard(user, org, tr, this.available(), 'help', true)] });
    await dc.repromptDialog();
    return { status: DialogTurnStatus.waiting };
  }
}
