import { AccessAssignmentService } from '../../../services/relationships/access-assignments.js';
import { workflowCommand } from '../../command-handler.js';
import { partnerMay } from '../../permissions.js';
import type { WorkflowFactory } from '../../workflow-module.js';
import { accessNotices } from './access-notices.js';
import { ASSIGN_ACCESS_DIALOG, ASSIGN_ACCESS_VERBS, AssignAccessDialog } from './assign-access-dialog.js';

/** "access": an admin agent assigns a relationship's roles to the partner's security groups (GDAP access assignments). */
export const accessAssignmentWorkflow: WorkflowFactory = (deps) => {
  const service = new AccessAssignmentService(deps.store, deps.clock);
  const notices = accessNotices(deps.notifier, deps.config.defaultLanguage);
  return {
    commands: [workflowCommand('access', partnerMay('assign-access'), ASSIGN_ACCESS_DIALOG)],
    cardActions: ASSIGN_ACCESS_VERBS,
    dialogs: [new AssignAccessDialog(service, notices, deps)],
  };
};
