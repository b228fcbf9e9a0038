import { ComponentDialog, DialogTurnStatus, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import { ActivityTypes } from 'botbuilder';
import { routeCommand } from '../router.js';
import { sessionOf } from '../session.js';
import { welcomeCard } from '../../cards/welcome-card.js';
import type { CommandId } from '../commands.js';
import type { AvailableCommands } from '../permissions.js';

/**
 * The base of every workflow: 'help' and 'cancel' (in English or Spanish) interrupt any step.
 * Help shows what the user can do and then re-asks the current question; cancel ends the whole stack.
 */
export abstract class WorkflowDialog extends ComponentDialog {
  constructor(
    id: string,
    private readonly available: () => AvailableCommands,
  ) {
    super(id);
  }

  override async onContinueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const interrupted = await this.interrupt(dc);
    return interrupted ?? super.onContinueDialog(dc);
  }

  private async interrupt(dc: DialogContext): Promise<DialogTurnResult | undefined> {
    const activity = dc.context.activity;
    if (activity.type !== ActivityTypes.Message || !activity.text) return undefined;
    const command = routeCommand(activity.text, new Set<CommandId>(['help', 'cancel']));
    if (!command) return undefined;
    const { tr, user, org } = sessionOf(dc.context);
    if (command.id === 'cancel') {
      await dc.context.sendActivity(tr.t('cancel.done'));
      return dc.cancelAllDialogs();
    }
    await dc.context.sendActivity({ attachments: [welcomeCard(user, org, tr, this.available(), 'help', true)] });
    await dc.repromptDialog();
    return { status: DialogTurnStatus.waiting };
  }
}
