import { WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { z } from 'zod';
import { noticeCard } from '../../../cards/notice-card.js';
import { describeRefusal } from '../../../cards/refusal.js';
import type { CardAttachment } from '../../../cards/render.js';
import { audit } from '../../../services/audit.js';
import { actorOf } from '../../../services/invitations/invitations.js';
import type { Refusal } from '../../../services/outcome.js';
import { DapMigration } from '../../../services/relationships/dap-migration.js';
import { cardAction } from '../../card-actions.js';
import { workflowCommand } from '../../command-handler.js';
import { showCard } from '../../dialogs/card-reply.js';
import { isSubmitOf, stepVerb } from '../../dialogs/step-verb.js';
import { WorkflowDialog } from '../../dialogs/workflow-dialog.js';
import { beginWorkflow } from '../../dialogs/workflow-stack.js';
import { partnerMay, recordTarget } from '../../permissions.js';
import { sessionOf } from '../../session.js';
import type { WorkflowDeps, WorkflowFactory } from '../../workflow-module.js';
import {
  DAP_BACK_VERB,
  dapPickCard,
  dapReviewCard,
  dapTitle,
  MigrationValues,
  taskForm,
  wish,
  type MigrationChoice,
} from './dap-migration-cards.js';
import { DAY_TWO_VERBS as VERBS } from './day-two-verbs.js';
import { invitationIssuer, type InvitationIssuer } from './issue.js';
import { SEND_INVITATION_DIALOG, SendInvitationDialog, type SendInvitationOptions } from './send-invitation-dialog.js';

export const DAP_MIGRATION_DIALOG = 'move-off-dap';

const MANAGE = 'manage-admin-relationships' as const;
const workflow = 'move-off-dap' as const;
const RelationshipRef = z.object({ relationshipId: z.string().min(1).max(100) });
const onRelationship = partnerMay(MANAGE, { target: recordTarget('relationships', 'relationshipId', ['partner']) });

/** "Choose the tasks" under the list: the customer is the list's input, empty until one is chosen. */
const TASKS = stepVerb({
  verb: VERBS.dapTasks,
  permission: partnerMay(MANAGE, { target: recordTarget('relationships', 'relationshipId', ['partner'], true) }),
  data: z.object({ relationshipId: z.string().max(100).default('') }),
  workflow,
});
const REVIEW = stepVerb({ verb: VERBS.dapReview, permission: onRelationship, data: MigrationValues, workflow });
const SEND = stepVerb({ verb: VERBS.dapSend, permission: onRelationship, data: RelationshipRef, workflow });
const BACK = stepVerb({
  verb: DAP_BACK_VERB,
  permission: partnerMay(MANAGE),
  data: z.object({}).passthrough(),
  workflow,
});

interface MigrationDialogValues {
  relationshipId: string;
  form: MigrationChoice;
  error: string;
}

/**
 * "Move off DAP": pick a customer whose relationship still holds legacy DAP, tick the tasks the helpdesk does
 * for it, review the least-privileged roles the bot proposes, and send the request (SendInvitationDialog). The
 * DAP access ends only when the customer accepts it.
 */
export class DapMigrationDialog extends WorkflowDialog {
  private readonly migration: DapMigration;

  constructor(
    private readonly deps: WorkflowDeps,
    private readonly issuer: InvitationIssuer,
  ) {
    super(
      {
        id: DAP_MIGRATION_DIALOG,
        title: 'workflow.move-off-dap.title',
        command: workflow,
        verbs: [TASKS, REVIEW, SEND, BACK],
      },
      deps.available,
    );
    this.migration = new DapMigration(deps.store);
    const steps = [this.pick, this.picked, this.form, this.reviewed, this.send, this.finished].map((s) => s.bind(this));
    this.addDialog(new WaterfallDialog(`${DAP_MIGRATION_DIALOG}.steps`, steps));
    this.addDialog(new SendInvitationDialog(deps, issuer));
    this.initialDialogId = `${DAP_MIGRATION_DIALOG}.steps`;
  }

  private async pick(step: WaterfallStepContext) {
    const session = sessionOf(step.context);
    const { tr } = session;
    const rows = await this.migration.legacy(session);
    if (!rows.ok) return this.refuse(step, rows.refusal);
    if (!rows.value.length)
      return this.stop(step, noticeCard(dapTitle(tr), tr.t('gdap.dap.none', { org: session.org.name })));
    return this.askCard(step, dapPickCard(rows.value, tr), [TASKS], 'workflow.move-off-dap.step.pick');
  }

  private async picked(step: WaterfallStepContext) {
    const values = this.values<MigrationDialogValues>(step);
    const { relationshipId } = this.submission(step).data as z.infer<typeof TASKS.data>;
    // Nothing chosen: the list once more.
    if (!relationshipId) return this.again(step);
    if (values.relationshipId !== relationshipId) {
      delete values.form;
      delete values.error;
    }
    values.relationshipId = relationshipId;
    return step.next();
  }

  private async form(step: WaterfallStepContext) {
    const session = sessionOf(step.context);
    const values = this.values<MigrationDialogValues>(step);
    // The same checks that made the list: a relationship not on DAP, chosen by a forged card, is refused here.
    const row = await this.migration.get(session, values.relationshipId!);
    if (!row.ok) return this.refuse(step, row.refusal);
    const card = taskForm(row.value, session.tr, values.form, values.error);
    return this.askCard(step, card, [REVIEW, BACK], 'workflow.move-off-dap.step.tasks');
  }

  private async reviewed(step: WaterfallStepContext) {
    const session = sessionOf(step.context);
    const submission = this.submission(step);
    const values = this.values<MigrationDialogValues>(step);
    const { relationshipId, ...form } = submission.data as MigrationValues;
    if (isSubmitOf(submission, BACK)) return this.again(step, 3);
    if (relationshipId !== values.relationshipId) return this.refuse(step, { code: 'relationship-not-found' });
    values.form = form;
    delete values.error;
    const plan = await this.migration.plan(session, relationshipId, wish(form));
    if (!plan.ok) return this.redraw(step, 1, plan.refusal);
    const card = dapReviewCard(plan.value, relationshipId, session.tr);
    return this.askCard(step, card, [SEND, BACK], 'workflow.move-off-dap.step.review');
  }

  private async send(step: WaterfallStepContext) {
    const session = sessionOf(step.context);
    const { tr } = session;
    const submission = this.submission(step);
    const values = this.values<MigrationDialogValues>(step);
    const { relationshipId } = submission.data as z.infer<typeof RelationshipRef>;
    if (isSubmitOf(submission, BACK)) return this.again(step, 2);
    if (relationshipId !== values.relationshipId) return this.refuse(step, { code: 'relationship-not-found' });
    // Checked again: the relationship or the user's roles may have changed since the review.
    const plan = await this.migration.plan(session, relationshipId, wish(values.form!));
    if (!plan.ok) return this.redraw(step, 2, plan.refusal);
    const { relationship, tasks, proposed, customer } = plan.value;
    const issued = await this.issuer.create(session, plan.value.request, (tx, invitation) => {
      audit(tx, this.deps.clock(), {
        actor: actorOf(session),
        action: 'relationship.dap-migration-requested',
        target: { type: 'relationship', id: relationship.id },
        tenantIds: [relationship.partnerTenantId, relationship.customerTenantId],
        after: { tasks, roles: proposed, invitationId: invitation.id },
      });
    });
    if (!issued.ok) return this.redraw(step, 2, issued.refusal);
    const { invitation, token } = issued.value;
    if (!token) return this.stop(step, await this.issuer.existingCard(invitation, tr));
    this.saved(step, tr.t('workflow.move-off-dap.saved', { customer: customer.name }));
    const send: SendInvitationOptions = { invitationId: invitation.id, token };
    return step.beginDialog(SEND_INVITATION_DIALOG, send);
  }

  private async finished(step: WaterfallStepContext) {
    return step.endDialog(step.result);
  }

  /** What to fix, in the task form (`back` steps before this one). */
  private redraw(step: WaterfallStepContext, back: number, refusal: Refusal) {
    this.values<MigrationDialogValues>(step).error = describeRefusal(refusal, sessionOf(step.context).tr);
    return this.again(step, back);
  }

  /** A plain notice when there is no form to go back to; the workflow ends. */
  private refuse(step: WaterfallStepContext, refusal: Refusal) {
    const { tr } = sessionOf(step.context);
    return this.stop(step, noticeCard(dapTitle(tr), describeRefusal(refusal, tr), 'attention'));
  }

  private async stop(step: WaterfallStepContext, card: CardAttachment) {
    await showCard(step.context, card);
    return step.endDialog();
  }
}

/** "Move off DAP": the command, its dialog, and the list's button on other cards that begins it. */
export const dapMigrationWorkflow: WorkflowFactory = (deps) => {
  const issuer = invitationIssuer(deps);
  return {
    commands: [workflowCommand('move-off-dap', partnerMay(MANAGE), DAP_MIGRATION_DIALOG)],
    cardActions: [
      TASKS,
      REVIEW,
      SEND,
      BACK,
      cardAction({
        verb: VERBS.dapPick,
        permission: partnerMay(MANAGE),
        data: z.object({}).passthrough(),
        handle: (context) => beginWorkflow(context, DAP_MIGRATION_DIALOG, {}),
      }),
    ],
    dialogs: [new DapMigrationDialog(deps, issuer)],
  };
};
