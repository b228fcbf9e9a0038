import { UserDirectory } from '../services/people/user-directory.js';
import { basicCommands, languageCardAction } from './basic-commands.js';
import { LanguageDialog } from './dialogs/language-dialog.js';
import type { WorkflowFactory } from './workflow-module.js';
import { EVERYONE_ANYWHERE } from './permissions.js';
import { command } from './command-handler.js';

/** help, whoami, language and cancel: for every known user. */
export const basicWorkflow: WorkflowFactory = ({ store, available }) => {
  const users = new UserDirectory(store);
  return {
    commands: [...basicCommands(available), command('cancel', EVERYONE_ANYWHERE, async () => undefined)],
    cardActions: [languageCardAction(users)],
    dialogs: [new LanguageDialog(users, available)],
  };
};
