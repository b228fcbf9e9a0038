import { z } from 'zod';
import { cardAction } from '../../card-actions.js';
import { workflowCommand } from '../../command-handler.js';
import { beginWorkflow } from '../../dialogs/workflow-stack.js';
import { partnerMay } from '../../permissions.js';
import type { WorkflowFactory } from '../../workflow-module.js';
import { AUTO_EXTEND_DIALOG, AUTO_EXTEND_SET, AutoExtendDialog } from './auto-extend-dialog.js';
import { DAY_TWO_VERBS as VERBS } from './day-two-verbs.js';
import {
  GA_BACK,
  GA_CONFIRM,
  GA_REMOVE,
  REMOVE_GLOBAL_ADMIN_DIALOG,
  RemoveGlobalAdminDialog,
} from './remove-global-admin-dialog.js';

// Other workflows (bulk, customer requests, the expiry reminder's button) share these.
export {
  autoExtendSwitch,
  globalAdminRemoval,
  globalAdminSentCard,
  liveAccessRows,
  type LiveAccessRow,
} from './admin-access.js';

const MANAGE = 'manage-admin-relationships' as const;

/**
 * "Remove Global Administrator" alone (GDAP: auto-extend is not allowed while it is among the roles) and
 * "auto-extend" on or off, for the partner's admin agents and global admins; each is a dialog.
 */
export const globalAdminWorkflow: WorkflowFactory = (deps) => ({
  commands: [
    workflowCommand('remove-global-admin', partnerMay(MANAGE), REMOVE_GLOBAL_ADMIN_DIALOG),
    workflowCommand('auto-extend', partnerMay(MANAGE), AUTO_EXTEND_DIALOG),
  ],
  cardActions: [
    GA_CONFIRM,
    GA_REMOVE,
    GA_BACK,
    cardAction({
      // A button that opens the auto-extend list (as the command does).
      verb: VERBS.autoExtendPick,
      permission: partnerMay(MANAGE),
      data: z.object({}).passthrough(),
      handle: async (context) => beginWorkflow(context, AUTO_EXTEND_DIALOG, {}),
    }),
    AUTO_EXTEND_SET,
  ],
  dialogs: [new RemoveGlobalAdminDialog(deps), new AutoExtendDialog(deps)],
});
