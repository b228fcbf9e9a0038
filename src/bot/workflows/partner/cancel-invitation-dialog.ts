import { WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { z } from 'zod';
import { button } from '../../../cards/button.js';
import { invitationFacts } from '../../../cards/labels.js';
import { noticeCard } from '../../../cards/notice-card.js';
import { describeRefusal } from '../../../cards/refusal.js';
import type { Invitation } from '../../../domain/model.js';
import { InvitationService } from '../../../services/invitations/invitations.js';
import type { Refusal } from '../../../services/outcome.js';
import { showCard } from '../../dialogs/card-reply.js';
import { stepVerb, type Submission } from '../../dialogs/step-verb.js';
import { WorkflowDialog } from '../../dialogs/workflow-dialog.js';
import { partnerMay, recordTarget } from '../../permissions.js';
import { sessionOf } from '../../session.js';
import type { WorkflowDeps } from '../../workflow-module.js';

export const CANCEL_INVITATION_DIALOG = 'cancel-invitation';

export interface CancelInvitationOptions {
  invitationId: string;
}

/** "Yes, cancel it" on the confirmation: the invitation named must be the one this dialog asked about. */
export const CANCEL = stepVerb({
  verb: 'invitation.cancel',
  permission: partnerMay('request-reseller-relationship', {
    target: recordTarget('invitations', 'invitationId', ['partner']),
  }),
  data: z.object({ invitationId: z.string().min(1).max(100) }),
  // Reached from the pending list, which is where it starts again.
  workflow: 'invitations',
});

/**
 * Cancelling a pending invitation, from its "Cancel" on the pending list: a confirmation, then the invitation
 * is cancelled and the customer can no longer accept it.
 */
export class CancelInvitationDialog extends WorkflowDialog {
  private readonly invitations: InvitationService;

  constructor(private readonly deps: WorkflowDeps) {
    super(
      {
        id: CANCEL_INVITATION_DIALOG,
        title: 'workflow.cancel-invitation.title',
        command: 'invitations',
        verbs: [CANCEL],
      },
      deps.available,
    );
    this.invitations = new InvitationService(deps.store, deps.clock, deps.config);
    const steps = [this.confirm.bind(this), this.cancelled.bind(this)];
    this.addDialog(new WaterfallDialog(`${CANCEL_INVITATION_DIALOG}.steps`, steps));
    this.initialDialogId = `${CANCEL_INVITATION_DIALOG}.steps`;
  }

  private async confirm(step: WaterfallStepContext) {
    const session = sessionOf(step.context);
    const { tr } = session;
    const { invitationId } = step.options as CancelInvitationOptions;
    const invitation = await this.deps.store.get('invitations', invitationId);
    if (!invitation || invitation.partnerTenantId !== session.org.tenantId) {
      return this.refused(step, { code: 'invitation-not-found' });
    }
    const name = await this.customerName(invitation);
    const card = noticeCard(
      tr.t('pending.cancelConfirmTitle', { customer: name }),
      tr.t('pending.cancelConfirmText'),
      'warning',
      invitationFacts(invitation, name, tr),
      [button(tr.t('pending.cancelYes'), CANCEL.verb, { invitationId }, 'destructive')],
    );
    return this.askCard(step, card, [CANCEL], 'workflow.cancel-invitation.step.confirm');
  }

  private async cancelled(step: WaterfallStepContext) {
    const session = sessionOf(step.context);
    const { tr } = session;
    const { data } = this.submission(step) as Submission<typeof CANCEL.data>;
    const { invitationId } = step.options as CancelInvitationOptions;
    if (data.invitationId !== invitationId) return this.refused(step, { code: 'target-not-found' });
    const cancelled = await this.invitations.cancel(session, invitationId);
    if (!cancelled.ok) return this.refused(step, cancelled.refusal);
    const name = await this.customerName(cancelled.value);
    await showCard(
      step.context,
      noticeCard(
        tr.t('pending.title', { org: session.org.name }),
        tr.t('pending.cancelled', { customer: name }),
        'good',
        invitationFacts(cancelled.value, name, tr),
      ),
    );
    return step.endDialog({ cancelled: invitationId });
  }

  private async refused(step: WaterfallStepContext, refusal: Refusal) {
    const { tr, org } = sessionOf(step.context);
    const card = noticeCard(tr.t('pending.title', { org: org.name }), describeRefusal(refusal, tr), 'attention');
    await showCard(step.context, card);
    return step.endDialog();
  }

  private async customerName(invitation: Invitation): Promise<string> {
    const customer = invitation.customerTenantId
      ? await this.deps.store.get('organizations', invitation.customerTenantId)
      : undefined;
    return customer?.name ?? invitation.customerDomain;
  }
}
