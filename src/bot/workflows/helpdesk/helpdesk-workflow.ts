import type { WorkflowFactory } from '../../workflow-module.js';
import { autoExtendAction } from './auto-extend.js';
import { canWeFeature } from './can-we.js';
import { listsFeature } from './lists.js';
import { statusSearch } from './message-extension.js';
import { timelineFeature } from './timeline.js';

/**
 * Helpdesk: "can we…", the lists, the timeline with its CSV export (each a dialog: a choice among matching
 * names, or pages), the status search of the message extension and the auto-extend button of expiry reminders
 * (one click, a plain card action). "status <organisation>" itself is the relationship-status workflow's.
 * Everything is read-only except auto-extend, and limited to the user's own organisation.
 */
export const helpdeskWorkflow: WorkflowFactory = (deps) => {
  const { store, clock } = deps;
  const canWe = canWeFeature(deps);
  const lists = listsFeature(deps);
  const timeline = timelineFeature(deps);
  return {
    commands: [...canWe.commands, ...lists.commands, ...timeline.commands],
    cardActions: [...canWe.cardActions, ...lists.cardActions, ...timeline.cardActions, autoExtendAction(deps)],
    dialogs: [...canWe.dialogs, ...lists.dialogs, ...timeline.dialogs],
    messageExtension: statusSearch(store, clock),
  };
};
