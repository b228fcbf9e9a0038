import type { WorkflowFactory, WorkflowModule } from '../../workflow-module.js';
import { accessAssignmentWorkflow } from './access-assignment.js';
import { bulkTemplateRequestWorkflow } from './bulk-template-request.js';
import { securityGroupsWorkflow } from './security-groups.js';
import { templatesWorkflow } from './templates.js';

const PARTS: WorkflowFactory[] = [
  securityGroupsWorkflow,
  accessAssignmentWorkflow,
  templatesWorkflow,
  bulkTemplateRequestWorkflow,
];

/** GDAP day two: the partner's security groups, access assignments on relationships, and templates. */
export const accessWorkflow: WorkflowFactory = (deps) => {
  const modules: WorkflowModule[] = PARTS.map((part) => part(deps));
  return {
    commands: modules.flatMap((m) => m.commands ?? []),
    cardActions: modules.flatMap((m) => m.cardActions ?? []),
    dialogs: modules.flatMap((m) => m.dialogs ?? []),
  };
};
