import type { WorkflowFactory } from '../../workflow-module.js';
import { providerSide } from './provider-side.js';
import { inviteCustomers } from './invite-customers.js';
import { resellerSide } from './reseller-side.js';
import { twoTierContext } from './two-tier-context.js';

export { TWO_TIER_VERBS } from './two-tier-verbs.js';

/** The indirect (two-tier) model: the provider's side and the reseller's side, on shared services and cards. */
export const twoTierWorkflow: WorkflowFactory = (deps) => {
  const context = twoTierContext(deps);
  const sides = [providerSide(context, deps), resellerSide(context, deps), inviteCustomers(context, deps)];
  return {
    commands: sides.flatMap((side) => side.commands ?? []),
    cardActions: sides.flatMap((side) => side.cardActions ?? []),
    dialogs: sides.flatMap((side) => side.dialogs ?? []),
  };
};
