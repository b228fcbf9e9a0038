import type { CommandRegistration } from '../../command-handler.js';
import type { CommandId } from '../../commands.js';
import { openWorkflow } from '../../dialogs/open-workflow.js';
import type { Permission } from '../../permissions.js';
import { switchQuestionCard } from '../../workflow-switch.js';

/** The helpdesk's lists and lookups: dialogs only to turn pages or choose among names, holding nothing typed. */
export const READ_ONLY_WORKFLOWS: ReadonlySet<CommandId> = new Set<CommandId>([
  'pending',
  'expiring',
  'no-mca',
  'relationships',
  'status',
  'can-we',
  'timeline',
]);

/**
 * The command of a list or lookup. A list or lookup left open (page 2 of pending, a "did you mean" not answered)
 * holds nothing to lose, so another one replaces it without asking; typed in the middle of any other workflow,
 * it asks whether to leave that one, with the same question as every workflow's command.
 */
export function readOnlyCommand(id: CommandId, permission: Permission, dialogId: string): CommandRegistration {
  return {
    id,
    permission,
    handle: async ({ context, session, dc, args }) => {
      const open = openWorkflow(dc.stack);
      if (open && !READ_ONLY_WORKFLOWS.has(open.workflow.command)) {
        const text = (context.activity.text ?? '').trim();
        return context.sendActivity({ attachments: [switchQuestionCard(session.tr, open, id, text)] });
      }
      if (dc.activeDialog) await dc.cancelAllDialogs();
      return dc.beginDialog(dialogId, { args });
    },
  };
}
