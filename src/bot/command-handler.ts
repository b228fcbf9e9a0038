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
}

export function command(id: CommandId, permission: Permission, handle: CommandHandler): CommandRegistration {
  return { id, permission, handle };
}
