import { WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { z } from 'zod';
import { noticeCard } from '../../../cards/notice-card.js';
import { describeRefusal } from '../../../cards/refusal.js';
import type { Refusal } from '../../../services/outcome.js';
import { RelationshipAdmin } from '../../../services/relationships/relationship-admin.js';
import { workflowCommand } from '../../command-handler.js';
import { showCard } from '../../dialogs/card-reply.js';
import { isSubmitOf, stepVerb } from '../../dialogs/step-verb.js';
import { WorkflowDialog } from '../../dialogs/workflow-dialog.js';
import { partnerMay, recordTarget } from '../../permissions.js';
import { sessionOf } from '../../session.js';
import type { WorkflowDeps, WorkflowFactory } from '../../workflow-module.js';
import {
  pickCard,
  reviewCard,
  roleForm,
  RoleChangeValues,
  rolesTitle,
  wantedRoles,
  type RoleChoice,
} from './change-roles-cards.js';
import { invitationIssuer, type InvitationIssuer } from './issue.js';
import { SEND_INVITATION_DIALOG, SendInvitationDialog, type SendInvitationOptions } from './send-invitation-dialog.js';
import { PARTNER_VERBS } from './verbs.js';

export const CHANGE_ROLES_DIALOG = 'change-roles';

const permission = partnerMay('include-delegated-admin');
const onRelationship = partnerMay('include-delegated-admin', {
  target: recordTarget('relationships', 'relationshipId', ['partner']),
});
const RelationshipRef = z.object({ relationshipId: z.string().min(1).max(100) });
const workflow = 'change-roles' as const;

const PAGE = stepVerb({
  verb: PARTNER_VERBS.pickCustomer,
  permission,
  data: z.object({ page: z.coerce.number().int().min(1).max(10_000).default(1) }).passthrough(),
  workflow,
});
const CHANGE = stepVerb({
  verb: PARTNER_VERBS.changeRoles,
  permission: onRelationship,
  data: RelationshipRef,
  workflow,
});
const REVIEW = stepVerb({
  verb: PARTNER_VERBS.reviewRoles,
  permission: onRelationship,
  data: RoleChangeValues,
  workflow,
});
const SEND = stepVerb({ verb: PARTNER_VERBS.sendRoles, permission: onRelationship, data: RelationshipRef, workflow });
/** The form's Back (to the list) and the review's "Change the roles" (to the form, as it was filled in). */
const BACK = stepVerb({ verb: PARTNER_VERBS.rolesBack, permission, data: z.object({}).passthrough(), workflow });

interface ChangeRolesValues {
  page: number;
  /** The relationships the list showed: a Change roles click may only name one of them. */
  listed: string[];
  relationshipId: string;
  form: RoleChoice;
  error: string;
}

/**
 * "Change admin roles": pick a customer (paged list), choose the whole new role set, review the difference
 * (new, kept, given up), then send a new request (SendInvitationDialog) that replaces the old access once the
 * customer accepts it. The relationship is the one picked from the list, kept in the dialog's state.
 */
export class ChangeRolesDialog extends WorkflowDialog {
  private readonly admin: RelationshipAdmin;

  constructor(
    deps: WorkflowDeps,
    private readonly issuer: InvitationIssuer,
  ) {
    super(
      {
        id: CHANGE_ROLES_DIALOG,
        title: 'workflow.change-roles.title',
        command: workflow,
        verbs: [PAGE, CHANGE, REVIEW, SEND, BACK],
      },
      deps.available,
    );
    this.admin = new RelationshipAdmin(deps.store);
    const steps = [this.pick, this.picked, this.form, this.reviewed, this.send, this.finished].map((s) => s.bind(this));
    this.addDialog(new WaterfallDialog(`${CHANGE_ROLES_DIALOG}.steps`, steps));
    this.addDialog(new SendInvitationDialog(deps, issuer));
    this.initialDialogId = `${CHANGE_ROLES_DIALOG}.steps`;
  }

  private async pick(step: WaterfallStepContext) {
    const session = sessionOf(step.context);
    const { tr } = session;
    const values = this.values<ChangeRolesValues>(step);
    const listed = await this.admin.changeable(session);
    if (!listed.ok)
      return this.stop(step, noticeCard(rolesTitle(tr), describeRefusal(listed.refusal, tr), 'attention'));
    if (listed.value.length === 0) return this.stop(step, noticeCard(rolesTitle(tr), tr.t('partner.roles.pickNone')));
    const card = pickCard(listed.value, tr, values.page ?? 1);
    values.listed = listed.value.map((row) => row.relationship.id);
    return this.askCard(step, card, [PAGE, CHANGE], 'workflow.change-roles.step.pick');
  }

  private async picked(step: WaterfallStepContext) {
    const submission = this.submission(step);
    const values = this.values<ChangeRolesValues>(step);
    if (isSubmitOf(submission, PAGE)) {
      values.page = (submission.data as z.infer<typeof PAGE.data>).page;
      return this.again(step);
    }
    const { relationshipId } = this.submission(step).data as z.infer<typeof RelationshipRef>;
    if (!values.listed?.includes(relationshipId)) return this.refuse(step, { code: 'relationship-not-found' });
    if (values.relationshipId !== relationshipId) {
      // Another customer: its form starts from the roles it holds, not from what was typed for the last one.
      delete values.form;
      delete values.error;
    }
    values.relationshipId = relationshipId;
    return step.next();
  }

  private async form(step: WaterfallStepContext) {
    const session = sessionOf(step.context);
    const values = this.values<ChangeRolesValues>(step);
    const row = await this.admin.get(session, values.relationshipId!);
    if (!row.ok) return this.refuse(step, row.refusal);
    const card = roleForm(row.value, session.tr, values.form, values.error);
    return this.askCard(step, card, [REVIEW, BACK], 'workflow.change-roles.step.form');
  }

  private async reviewed(step: WaterfallStepContext) {
    const session = sessionOf(step.context);
    const submission = this.submission(step);
    const values = this.values<ChangeRolesValues>(step);
    const { relationshipId, ...form } = submission.data as RoleChangeValues;
    if (isSubmitOf(submission, BACK)) return this.again(step, 3);
    if (relationshipId !== values.relationshipId) return this.refuse(step, { code: 'relationship-not-found' });
    values.form = form;
    delete values.error;
    const plan = await this.admin.planRoleChange(session, relationshipId, wantedRoles(form));
    if (!plan.ok) return this.redraw(step, 1, plan.refusal);
    const card = reviewCard(plan.value, relationshipId, session.tr);
    return this.askCard(step, card, [SEND, BACK], 'workflow.change-roles.step.review');
  }

  private async send(step: WaterfallStepContext) {
    const session = sessionOf(step.context);
    const { tr } = session;
    const submission = this.submission(step);
    const values = this.values<ChangeRolesValues>(step);
    const { relationshipId } = submission.data as z.infer<typeof RelationshipRef>;
    if (isSubmitOf(submission, BACK)) return this.again(step, 2);
    if (relationshipId !== values.relationshipId) return this.refuse(step, { code: 'relationship-not-found' });
    // Checked again: the relationship or the user's roles may have changed since the review.
    const plan = await this.admin.planRoleChange(session, relationshipId, wantedRoles(values.form!));
    if (!plan.ok) return this.redraw(step, 2, plan.refusal);
    const issued = await this.issuer.create(session, plan.value.request);
    if (!issued.ok) return this.redraw(step, 2, issued.refusal);
    const { invitation, token } = issued.value;
    if (!token) return this.stop(step, await this.issuer.existingCard(invitation, tr));
    this.saved(step, tr.t('workflow.change-roles.saved', { customer: plan.value.customer.name }));
    const send: SendInvitationOptions = { invitationId: invitation.id, token };
    return step.beginDialog(SEND_INVITATION_DIALOG, send);
  }

  private async finished(step: WaterfallStepContext) {
    return step.endDialog(step.result);
  }

  /** What to fix, in the form where it was typed (`back` steps before this one). */
  private redraw(step: WaterfallStepContext, back: number, refusal: Refusal) {
    this.values<ChangeRolesValues>(step).error = describeRefusal(refusal, sessionOf(step.context).tr);
    return this.again(step, back);
  }

  /** A plain notice when there is no form to go back to; the workflow ends. */
  private refuse(step: WaterfallStepContext, refusal: Refusal) {
    const { tr } = sessionOf(step.context);
    return this.stop(step, noticeCard(rolesTitle(tr), describeRefusal(refusal, tr), 'attention'));
  }

  private async stop(step: WaterfallStepContext, card: Parameters<typeof showCard>[1]) {
    await showCard(step.context, card);
    return step.endDialog();
  }
}

/** "Change admin roles": the command and its dialog (the draft step is the request workflow's). */
export const changeRolesWorkflow: WorkflowFactory = (deps) => {
  const issuer = invitationIssuer(deps);
  return {
    commands: [workflowCommand('change-roles', permission, CHANGE_ROLES_DIALOG)],
    cardActions: [PAGE, CHANGE, REVIEW, SEND, BACK],
    dialogs: [new ChangeRolesDialog(deps, issuer)],
  };
};
