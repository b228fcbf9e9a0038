import type { TurnContext } from 'botbuilder';
import type { DialogContext } from 'botbuilder-dialogs';
import type { CommandId } from './commands.js';
import type { Permission } from './permissions.js';
import type { Session } from './session.js';

export interface CommandTurn {
  context: TurnContext;
  session: Session;
  dc: DialogContext;
  args: string;
}
export type CommandHandler = (turn: CommandTurn) => Promise<unknown>;

/** A typed command with the permission the dispatcher checks before `handle` runs. */
export interface CommandRegistration {
  id: CommandId;
  permission: Permission;
  handle: CommandHandler;
  /** The dialog this command begins: typed in the middle of another workflow, it asks to leave that one first. */
  startsWorkflow?: string;
}

export function command(id: CommandId, permission: Permission, handle: CommandHandler): CommandRegistration {
  return { id, permission, handle };
}

/**
 * A command that begins a workflow dialog with what followed the command words. Typed again inside its own
 * workflow, it starts that workflow afresh.
 */
export function workflowCommand(id: CommandId, permission: Permission, dialogId: string): CommandRegistration {
  return {
    id,
    permission,
    startsWorkflow: dialogId,
    handle: async ({ dc, args }) => {
      if (dc.activeDialog) await dc.cancelAllDialogs();
      return dc.beginDialog(dialogId, { args });
    },
  };
}
