import type { WorkflowFactory, WorkflowModule } from '../../workflow-module.js';
import { askPartnerWorkflow } from '../customer/ask-partner.js';
import { bulkWorkflow } from './bulk.js';
import { customerRequestsWorkflow } from './customer-requests.js';
import { dapMigrationWorkflow } from './dap-migration.js';
import { globalAdminWorkflow } from './global-admin.js';

const PARTS: WorkflowFactory[] = [
  globalAdminWorkflow,
  dapMigrationWorkflow,
  bulkWorkflow,
  customerRequestsWorkflow,
  askPartnerWorkflow,
];

/**
 * GDAP day two (issue 18): Global Administrator removed alone, auto-extend on and off, moving off legacy
 * DAP, the same for up to 25 relationships at once, and what customers ask their partner in chat.
 */
export const dayTwoWorkflow: WorkflowFactory = (deps) => {
  const modules: WorkflowModule[] = PARTS.map((part) => part(deps));
  return {
    commands: modules.flatMap((m) => m.commands ?? []),
    cardActions: modules.flatMap((m) => m.cardActions ?? []),
    dialogs: modules.flatMap((m) => m.dialogs ?? []),
  };
};
