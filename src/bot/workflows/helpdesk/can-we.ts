import { WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { z } from 'zod';
import { canWeCard, canWeHelpCard, HELPDESK_VERBS } from '../../../cards/helpdesk-cards.js';
import { noticeCard } from '../../../cards/notice-card.js';
import { describeRefusal } from '../../../cards/refusal.js';
import { CanWeService } from '../../../services/helpdesk/can-we.js';
import { taskById } from '../../../services/helpdesk/task-roles.js';
import { readOnlyCommand } from './read-only-command.js';
import { showCard } from '../../dialogs/card-reply.js';
import { stepVerb } from '../../dialogs/step-verb.js';
import { WorkflowDialog } from '../../dialogs/workflow-dialog.js';
import { VIEW_RELATIONSHIPS } from '../../permissions.js';
import { sessionOf } from '../../session.js';
import type { WorkflowDeps } from '../../workflow-module.js';
import { chosenOf, didYouMeanCard, offeredOf, type ChoiceValues } from './did-you-mean.js';

export const CAN_WE_DIALOG = 'can-we';

/** A customer chosen among those a "can we…" question matched. */
const CHOOSE = stepVerb({
  verb: HELPDESK_VERBS.canWe,
  permission: VIEW_RELATIONSHIPS,
  data: z.object({ customer: z.string().min(1).max(200) }),
  workflow: 'can-we',
});

interface CanWeValues extends ChoiceValues {
  /** The task the question was about, as understood when it was typed; a choice never changes it. */
  task: string;
}

/**
 * "can we reset a password for contoso" / "¿podemos restablecer una contraseña para contoso?": the answer at
 * once, or first "did you mean" when the name matches several customers.
 */
export class CanWeDialog extends WorkflowDialog {
  private readonly service: CanWeService;

  constructor(deps: WorkflowDeps) {
    super(
      { id: CAN_WE_DIALOG, title: 'workflow.can-we.title', command: 'can-we', verbs: [CHOOSE], readOnly: true },
      deps.available,
    );
    this.service = new CanWeService(deps.store, deps.clock);
    this.addDialog(new WaterfallDialog(`${CAN_WE_DIALOG}.steps`, [this.answer.bind(this), this.chosen.bind(this)]));
    this.initialDialogId = `${CAN_WE_DIALOG}.steps`;
  }

  private async answer(step: WaterfallStepContext) {
    const session = sessionOf(step.context);
    const { tr } = session;
    const values = this.values<CanWeValues>(step);
    const args = (step.options as { args?: string } | undefined)?.args ?? '';
    if (!values.choice && !args.trim()) {
      await showCard(step.context, canWeHelpCard(tr.t('canWe.usage'), tr));
      return step.endDialog();
    }
    const task = values.task ? taskById(values.task) : undefined;
    const outcome =
      task && values.choice
        ? await this.service.askTask(session, task, values.choice)
        : await this.service.ask(session, args);
    if (!outcome.ok) {
      const text = describeRefusal(outcome.refusal, tr);
      const card =
        outcome.refusal.code === 'can-we-task-unknown'
          ? canWeHelpCard(text, tr)
          : noticeCard(tr.t('command.can-we.title'), text, 'attention');
      await showCard(step.context, card);
      return step.endDialog();
    }
    const found = outcome.value;
    if (found.kind === 'did-you-mean') {
      values.task = found.task.id;
      values.offered = offeredOf(found.candidates);
      const text = tr.t('canWe.didYouMeanText', { task: tr.t(`task.${found.task.id}`) });
      const card = didYouMeanCard(tr, text, values.offered, CHOOSE.verb);
      return this.askCard(step, card, [CHOOSE], 'workflow.can-we.step.choice');
    }
    await showCard(step.context, canWeCard(found, tr));
    return step.endDialog();
  }

  private async chosen(step: WaterfallStepContext) {
    const { data } = this.submission(step) as { data: z.infer<typeof CHOOSE.data> };
    const values = this.values<CanWeValues>(step);
    // A customer the question did not offer is not looked up: the same choice is asked again.
    const choice = chosenOf(values, data.customer);
    if (choice) values.choice = choice;
    return this.again(step);
  }
}

export function canWeFeature(deps: WorkflowDeps) {
  return {
    commands: [readOnlyCommand('can-we', VIEW_RELATIONSHIPS, CAN_WE_DIALOG)],
    cardActions: [CHOOSE],
    dialogs: [new CanWeDialog(deps)],
  };
}
