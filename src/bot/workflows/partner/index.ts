import type { WorkflowFactory, WorkflowModule } from '../../workflow-module.js';
import { changeRolesWorkflow } from './change-roles.js';
import { fourEyesWorkflow } from './four-eyes.js';
import { partnerNewCustomerWorkflow } from './new-customer.js';
import { partnerOffersWorkflow } from './offers.js';

const PARTS: WorkflowFactory[] = [
  changeRolesWorkflow,
  partnerOffersWorkflow,
  partnerNewCustomerWorkflow,
  fourEyesWorkflow,
];

/**
 * The partner workflows the request workflow does not cover: change admin roles, trial invitations and
 * purchase offers, adding a new customer, and the four-eyes decisions. Each command begins its own dialog.
 */
export const partnerWorkflow: WorkflowFactory = (deps) => {
  const modules: WorkflowModule[] = PARTS.map((part) => part(deps));
  return {
    commands: modules.flatMap((m) => m.commands ?? []),
    cardActions: modules.flatMap((m) => m.cardActions ?? []),
    dialogs: modules.flatMap((m) => m.dialogs ?? []),
  };
};
