import { WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { z } from 'zod';
import { noticeCard } from '../../../cards/notice-card.js';
import { cardAction } from '../../card-actions.js';
import { beginWorkflow } from '../../dialogs/workflow-stack.js';
import { recordTarget } from '../../permissions.js';
import { describeRefusal } from '../../../cards/refusal.js';
import { REQUEST_VERBS, requestForm } from '../../../cards/request-card.js';
import { LeadBook } from '../../../services/directory/lead-book.js';
import { AccessTemplateService } from '../../../services/invitations/access-templates.js';
import { readRequestForm, RequestFormValues } from '../../../services/invitations/request-form.js';
import { showCard } from '../../dialogs/card-reply.js';
import { isSubmitOf, stepVerb } from '../../dialogs/step-verb.js';
import { WorkflowDialog } from '../../dialogs/workflow-dialog.js';
import { workflowCommand } from '../../command-handler.js';
import { partnerMay } from '../../permissions.js';
import { sessionOf } from '../../session.js';
import type { WorkflowDeps, WorkflowFactory } from '../../workflow-module.js';
import { invitationIssuer, type InvitationIssuer } from './issue.js';
import {
  DONE,
  SEND_INVITATION_DIALOG,
  SendInvitationDialog,
  type SendInvitationOptions,
} from './send-invitation-dialog.js';

export const REQUEST_RELATIONSHIP_DIALOG = 'request-relationship';

const permission = partnerMay('request-reseller-relationship');
/** Switching delegated administration on or off redraws the form with what was typed; nothing is read yet. */
const REDRAW = stepVerb({
  verb: REQUEST_VERBS.form,
  permission,
  data: RequestFormValues,
  workflow: 'request-relationship',
});
const SUBMIT = stepVerb({
  verb: REQUEST_VERBS.submit,
  permission,
  data: RequestFormValues,
  workflow: 'request-relationship',
});

/** How the request starts: empty, or filled in from a lead (its Invite) or an access template. */
export interface RequestOptions {
  values?: Partial<RequestFormValues>;
  intro?: string;
}

interface RequestValues {
  form: Partial<RequestFormValues>;
  error: string;
}

/**
 * "Request a reseller relationship": the form (redrawn when delegated administration is switched), then the
 * invitation's draft email and Done (SendInvitationDialog), after which the customer's admins get the
 * Accept & Authorize card in Teams. A lead or a template the request came from is kept in the dialog's own
 * state, never read back from the card.
 */
export class RequestRelationshipDialog extends WorkflowDialog {
  private readonly leads: LeadBook;
  private readonly templates: AccessTemplateService;

  constructor(
    private readonly deps: WorkflowDeps,
    private readonly issuer: InvitationIssuer,
  ) {
    super(
      {
        id: REQUEST_RELATIONSHIP_DIALOG,
        title: 'workflow.request-relationship.title',
        command: 'request-relationship',
        verbs: [REDRAW, SUBMIT],
      },
      deps.available,
    );
    this.leads = new LeadBook(deps.store, deps.clock);
    this.templates = new AccessTemplateService(deps.store, deps.clock);
    const steps = [this.form.bind(this), this.submitted.bind(this), this.finished.bind(this)];
    this.addDialog(new WaterfallDialog(`${REQUEST_RELATIONSHIP_DIALOG}.steps`, steps));
    this.addDialog(new SendInvitationDialog(deps, issuer));
    this.initialDialogId = `${REQUEST_RELATIONSHIP_DIALOG}.steps`;
  }

  private async form(step: WaterfallStepContext) {
    const { tr } = sessionOf(step.context);
    const options = (step.options ?? {}) as RequestOptions;
    const { form, error } = this.values<RequestValues>(step);
    const card = requestForm(tr, form ?? options.values ?? {}, error, {}, options.intro);
    return this.askCard(step, card, [REDRAW, SUBMIT], 'workflow.request-relationship.step.form');
  }

  private async submitted(step: WaterfallStepContext) {
    const session = sessionOf(step.context);
    const { tr } = session;
    const submission = this.submission(step);
    const options = (step.options ?? {}) as RequestOptions;
    const values = this.values<RequestValues>(step);
    // What the server started the request from, whatever the card's data says.
    const typed = submission.data as z.infer<typeof RequestFormValues>;
    const form = { ...typed, leadId: options.values?.leadId, templateId: options.values?.templateId };
    values.form = form;
    delete values.error;
    if (!isSubmitOf(submission, SUBMIT)) return this.again(step);
    const refuse = (error: string) => {
      values.error = error;
      return this.again(step);
    };
    const request = await readRequestForm(this.deps.store, session.org, form);
    if (!request.ok) return refuse(describeRefusal(request.refusal, tr));
    // From a template: its groups are assigned the granted roles as soon as the customer accepts.
    const template = form.templateId ? await this.templates.get(session, form.templateId) : undefined;
    if (template && !template.ok) return refuse(describeRefusal(template.refusal, tr));
    if (template?.ok) request.value.template = { id: template.value.id, groupIds: template.value.groupIds };
    const issued = await this.issuer.create(session, request.value);
    if (!issued.ok) return refuse(describeRefusal(issued.refusal, tr));
    if (form.leadId) await this.leads.mark(session, form.leadId, 'converted');
    const { invitation, token } = issued.value;
    const customer = await this.issuer.customerName(invitation);
    if (!token) {
      await showCard(step.context, await this.issuer.existingCard(invitation, tr));
      return step.endDialog();
    }
    this.saved(step, tr.t('workflow.request-relationship.saved', { customer }));
    const send: SendInvitationOptions = { invitationId: invitation.id, token };
    return step.beginDialog(SEND_INVITATION_DIALOG, send);
  }

  private async finished(step: WaterfallStepContext) {
    return step.endDialog(step.result);
  }
}

/** The request workflow's command and dialogs; the draft step is shared by every workflow that invites. */
export const requestRelationshipWorkflow: WorkflowFactory = (deps) => {
  const issuer = invitationIssuer(deps);
  return {
    commands: [workflowCommand('request-relationship', permission, REQUEST_RELATIONSHIP_DIALOG)],
    cardActions: [
      REDRAW,
      SUBMIT,
      DONE,
      cardAction({
        // From the pending list or the "already open" notice: a fresh link and its draft, sent with Done.
        verb: REQUEST_VERBS.newLink,
        permission: partnerMay('request-reseller-relationship', {
          target: recordTarget('invitations', 'invitationId', ['partner']),
        }),
        data: z.object({ invitationId: z.string().min(1).max(100) }),
        async handle(context, session, { invitationId }) {
          const renewed = await issuer.invitations.newLink(session, invitationId);
          if (!renewed.ok) {
            const refusal = describeRefusal(renewed.refusal, session.tr);
            return noticeCard(session.tr.t('existing.title'), refusal, 'attention');
          }
          const send: SendInvitationOptions = { invitationId, token: renewed.value.token };
          return beginWorkflow(context, SEND_INVITATION_DIALOG, send);
        },
      }),
    ],
    dialogs: [new RequestRelationshipDialog(deps, issuer), new SendInvitationDialog(deps, issuer)],
  };
};
