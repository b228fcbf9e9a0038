import type { WorkflowFactory } from '../../workflow-module.js';
import { autoExtendAction } from './auto-extend.js';
import { canWeFeature } from './can-we.js';
import { listsFeature } from './lists.js';
import { statusSearch } from './message-extension.js';
import { timelineFeature } from './timeline.js';

/**
 * Helpdesk: "can we…", the lists, the timeline with its CSV export, the status search of the message extension
 * and the auto-extend button of expiry reminders. "status <organisation>" itself is the relationship-status
 * workflow's. Everything is read-only except auto-extend, and limited to the user's own organisation.
 */
export const helpdeskWorkflow: WorkflowFactory = (deps) => {
  const { store, clock, config, downloads } = deps;
  const canWe = canWeFeature(store, clock);
  const lists = listsFeature(store, clock);
  const timeline = timelineFeature(store, config.publicUrl, downloads);
  return {
    commands: [...canWe.commands, ...lists.commands, ...timeline.commands],
    cardActions: [...canWe.cardActions, ...lists.cardActions, ...timeline.cardActions, autoExtendAction(deps)],
    messageExtension: statusSearch(store, clock),
  };
};
