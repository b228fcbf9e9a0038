import type { CommandRegistration } from '../../command-handler.js';
import type { CommandId } from '../../commands.js';
import { openWorkflow } from '../../dialogs/open-workflow.js';
import type { Permission } from '../../permissions.js';

/**
 * The command of a list or lookup. It holds nothing to lose, so it never asks to leave anything: a list or lookup
 * left open (page 2 of pending, an unanswered "did you mean") is replaced by the new one, and any other workflow
 * stays open beneath it, as a question asked beside it. That workflow waits at its step meanwhile; once the
 * lookup ends (at once, when it has nothing to ask), its card works again.
 */
export function readOnlyCommand(id: CommandId, permission: Permission, dialogId: string): CommandRegistration {
  return {
    id,
    permission,
    handle: async ({ dc, args }) => {
      const open = openWorkflow(dc.stack);
      if (open?.current.readOnly) {
        if (open.workflow.readOnly) await dc.cancelAllDialogs();
        else await dc.endDialog();
      }
      return dc.beginDialog(dialogId, { args });
    },
  };
}
