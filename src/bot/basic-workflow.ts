import { UserDirectory } from '../services/people/user-directory.js';
import { basicCommands, languageCardAction } from './basic-commands.js';
import { LanguageDialog } from './dialogs/language-dialog.js';
import type { WorkflowFactory } from './workflow-module.js';
import { EVERYONE_ANYWHERE } from './permissions.js';
import { command } from './command-handler.js';
import { openWorkflow } from './dialogs/open-workflow.js';
import { whereText } from './dialogs/workflow-words.js';

/** help, whoami, language and cancel: for every known user. */
export const basicWorkflow: WorkflowFactory = ({ store, available }) => {
  const users = new UserDirectory(store);
  return {
    commands: [
      ...basicCommands(available),
      command('cancel', EVERYONE_ANYWHERE, async () => undefined),
      // Nothing private: the name of a workflow and of its step, so it answers in any chat.
      command('where-am-i', EVERYONE_ANYWHERE, async ({ context, session, dc }) => {
        const open = openWorkflow(dc.stack);
        await context.sendActivity(open ? whereText(session.tr, open) : session.tr.t('workflow.where.none'));
      }),
    ],
    cardActions: [languageCardAction(users)],
    dialogs: [new LanguageDialog(users, available)],
  };
};
