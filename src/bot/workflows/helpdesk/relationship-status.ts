import { WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { z } from 'zod';
import { noticeCard } from '../../../cards/notice-card.js';
import { describeRefusal } from '../../../cards/refusal.js';
import { statusCard } from '../../../cards/status-card.js';
import { RelationshipStatusService } from '../../../services/relationships/relationship-status.js';
import { readOnlyCommand } from './read-only-command.js';
import { showCard } from '../../dialogs/card-reply.js';
import { stepVerb } from '../../dialogs/step-verb.js';
import { WorkflowDialog } from '../../dialogs/workflow-dialog.js';
import type { WorkflowDeps, WorkflowFactory } from '../../workflow-module.js';
import { VIEW_RELATIONSHIPS } from '../../permissions.js';
import { sessionOf } from '../../session.js';
import { chosenOf, didYouMeanCard, offeredOf, type ChoiceValues } from './did-you-mean.js';
import { removeRolesFeature } from './remove-roles.js';
import { STATUS_VERBS } from './status-verbs.js';

export { STATUS_VERBS };
export const STATUS_DIALOG = 'status';

/** An organisation chosen among those the name matched. */
const CHOOSE = stepVerb({
  verb: STATUS_VERBS.show,
  permission: VIEW_RELATIONSHIPS,
  data: z.object({ customer: z.string().min(1).max(200) }),
  workflow: 'status',
});

/**
 * "status <organisation>": the status card at once, or first "did you mean" when the name matches several
 * organisations (only a choice it offered is looked up).
 */
export class StatusDialog extends WorkflowDialog {
  private readonly statuses: RelationshipStatusService;

  constructor(private readonly deps: WorkflowDeps) {
    super(
      { id: STATUS_DIALOG, title: 'workflow.status.title', command: 'status', verbs: [CHOOSE], readOnly: true },
      deps.available,
    );
    this.statuses = new RelationshipStatusService(deps.store);
    this.addDialog(new WaterfallDialog(`${STATUS_DIALOG}.steps`, [this.answer.bind(this), this.chosen.bind(this)]));
    this.initialDialogId = `${STATUS_DIALOG}.steps`;
  }

  private async answer(step: WaterfallStepContext) {
    const session = sessionOf(step.context);
    const { tr } = session;
    const values = this.values<ChoiceValues>(step);
    const query = values.choice ?? (step.options as { args?: string } | undefined)?.args ?? '';
    if (!query.trim()) {
      await showCard(step.context, noticeCard(tr.t('command.status.title'), tr.t('status.usage'), 'default'));
      return step.endDialog();
    }
    const result = await this.statuses.status(session, query);
    if (!result.ok) {
      const card = noticeCard(tr.t('command.status.title'), describeRefusal(result.refusal, tr), 'attention');
      await showCard(step.context, card);
      return step.endDialog();
    }
    if (result.value.kind === 'did-you-mean') {
      values.offered = offeredOf(result.value.candidates);
      const card = didYouMeanCard(tr, tr.t('status.didYouMeanText', { query }), values.offered, CHOOSE.verb);
      return this.askCard(step, card, [CHOOSE], 'workflow.status.step.choice');
    }
    await showCard(step.context, statusCard(result.value.status, session.org.name, tr, this.deps.clock()));
    return step.endDialog();
  }

  private async chosen(step: WaterfallStepContext) {
    const { data } = this.submission(step) as { data: z.infer<typeof CHOOSE.data> };
    const values = this.values<ChoiceValues>(step);
    const choice = chosenOf(values, data.customer);
    if (choice) values.choice = choice;
    return this.again(step);
  }
}

/** "status <organisation>" for helpdesk and every role that may view relationships; "Remove roles" for customers. */
export const relationshipStatusWorkflow: WorkflowFactory = (deps) => {
  const removeRoles = removeRolesFeature(deps);
  return {
    commands: [readOnlyCommand('status', VIEW_RELATIONSHIPS, STATUS_DIALOG), ...removeRoles.commands],
    cardActions: [CHOOSE, ...removeRoles.cardActions],
    dialogs: [new StatusDialog(deps), ...removeRoles.dialogs],
  };
};
