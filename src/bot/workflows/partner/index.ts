import { isStepVerb, type CardActionHandler } from '../../card-actions.js';
import { command } from '../../command-handler.js';
import { COMMANDS, type CommandId } from '../../commands.js';
import type { CommandHandler, CommandRegistration } from '../../command-handler.js';
import type { WorkflowFactory, WorkflowModule } from '../../workflow-module.js';
import { changeRolesWorkflow } from './change-roles.js';
import { fourEyesWorkflow } from './four-eyes.js';
import { partnerNewCustomerWorkflow } from './new-customer.js';
import { partnerOffersWorkflow } from './offers.js';
import { PARTNER_VERBS } from './verbs.js';

const PARTS: WorkflowFactory[] = [
  changeRolesWorkflow,
  partnerOffersWorkflow,
  partnerNewCustomerWorkflow,
  fourEyesWorkflow,
];

/** The card each workflow starts with, by the command id proposed for it in src/bot/commands.ts. */
export const PARTNER_STARTS: Record<string, { verb: string; data: Record<string, unknown> }> = {
  'change-roles': { verb: PARTNER_VERBS.pickCustomer, data: {} },
  trial: { verb: PARTNER_VERBS.offerForm, data: { kind: 'trial' } },
  offer: { verb: PARTNER_VERBS.offerForm, data: { kind: 'purchase-offer' } },
  'new-customer': { verb: PARTNER_VERBS.newCustomerForm, data: {} },
};

/** A command that sends the card its start verb returns, so typing it and clicking it show the same thing. */
function startCommand(action: CardActionHandler, data: Record<string, unknown>): CommandHandler {
  return async ({ context, session }) =>
    context.sendActivity({ attachments: [await action.handle(context, session, action.data.parse(data))] });
}

/**
 * The partner workflows the request workflow does not cover: change admin roles, trial invitations and
 * purchase offers, and adding a new customer. Their commands are answered as soon as the command table
 * has their ids (until then the cards are reached through their verbs).
 */
export const partnerWorkflow: WorkflowFactory = (deps) => {
  const modules: WorkflowModule[] = PARTS.map((part) => part(deps));
  const cardActions = modules.flatMap((m) => m.cardActions ?? []);
  const known = new Set<string>(COMMANDS.map((c) => c.id));
  const commands: CommandRegistration[] = Object.entries(PARTNER_STARTS)
    .filter(([id]) => known.has(id))
    .map(([id, start]) => {
      const action = cardActions.find((a): a is CardActionHandler => a.verb === start.verb && !isStepVerb(a))!;
      // Typing the command is the same as clicking its start card: the same permission applies.
      return command(id as CommandId, action.permission, startCommand(action, start.data));
    });
  return { commands, cardActions, dialogs: modules.flatMap((m) => m.dialogs ?? []) };
};
