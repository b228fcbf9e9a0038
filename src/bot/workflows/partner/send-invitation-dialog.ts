import { WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { z } from 'zod';
import { formatDate } from '../../../cards/format.js';
import { noticeCard } from '../../../cards/notice-card.js';
import { describeRefusal } from '../../../cards/refusal.js';
import { draftCard, REQUEST_VERBS } from '../../../cards/request-card.js';
import { plural } from '../../../i18n/i18n.js';
import { InvitationDelivery } from '../../../services/invitations/invitation-delivery.js';
import { hashToken } from '../../../services/invitations/invitation-token.js';
import { showCard } from '../../dialogs/card-reply.js';
import { stepVerb } from '../../dialogs/step-verb.js';
import { WorkflowDialog } from '../../dialogs/workflow-dialog.js';
import { partnerMay, recordTarget } from '../../permissions.js';
import { sessionOf } from '../../session.js';
import type { WorkflowDeps } from '../../workflow-module.js';
import type { InvitationIssuer } from './issue.js';

export const SEND_INVITATION_DIALOG = 'send-invitation';

/** "Done" on the draft email: the partner says they sent it, with the text as they edited it. */
export const DONE = stepVerb({
  verb: REQUEST_VERBS.done,
  permission: partnerMay('request-reseller-relationship', {
    target: recordTarget('invitations', 'invitationId', ['partner']),
  }),
  data: z.object({
    invitationId: z.string().min(1).max(100),
    token: z.string().max(64),
    subject: z.string().max(500).default(''),
    body: z.string().max(8000).default(''),
  }),
  // The pending list's "New link" gives any invitation a fresh draft.
  workflow: 'invitations',
});

interface DraftValues {
  edited: { subject: string; body: string };
  error: string;
}

export interface SendInvitationOptions {
  invitationId: string;
  /** The one-time token of the link the draft shows; only its hash is stored. */
  token: string;
}

/**
 * The last step of every workflow that issues an invitation (request, trial, offer, role change, migration,
 * two-tier, template): the draft email with its one-time link, and "Done", after which the customer's admins
 * get the Accept & Authorize card in Teams.
 */
export class SendInvitationDialog extends WorkflowDialog {
  private readonly delivery: InvitationDelivery;

  constructor(
    private readonly deps: Pick<WorkflowDeps, 'store' | 'notifier' | 'config' | 'clock' | 'available'>,
    private readonly issuer: InvitationIssuer,
  ) {
    super(
      { id: SEND_INVITATION_DIALOG, title: 'workflow.send-invitation.title', command: 'invitations', verbs: [DONE] },
      deps.available,
    );
    this.delivery = new InvitationDelivery(deps.store, deps.notifier, deps.config.defaultLanguage, deps.clock);
    this.addDialog(
      new WaterfallDialog(`${SEND_INVITATION_DIALOG}.steps`, [this.draft.bind(this), this.done.bind(this)]),
    );
    this.initialDialogId = `${SEND_INVITATION_DIALOG}.steps`;
  }

  private async draft(step: WaterfallStepContext) {
    const session = sessionOf(step.context);
    const options = step.options as Partial<SendInvitationOptions>;
    // The token comes with the options the first time and with Done's data when the draft is redrawn; the
    // store never holds it, dialog state included (the options are saved with the dialog).
    const token = (step.result as { token?: string } | undefined)?.token ?? options.token ?? '';
    delete options.token;
    const invitationId = options.invitationId ?? '';
    const invitation = await this.deps.store.get('invitations', invitationId);
    if (
      !invitation ||
      invitation.partnerTenantId !== session.org.tenantId ||
      hashToken(token) !== invitation.tokenHash
    ) {
      const refusal = describeRefusal({ code: 'invitation-not-found' }, session.tr);
      await showCard(step.context, noticeCard(session.tr.t('draft.title', { customer: '' }), refusal, 'attention'));
      return step.endDialog();
    }
    const view = await this.issuer.view(session, invitation, token);
    const { edited, error } = this.values<DraftValues>(step);
    const card = draftCard(view, session.tr, edited, error);
    // A draft waiting for four-eyes approval waits here too: Done sends it once a second admin approved.
    return this.askCard(step, card, [DONE], 'workflow.send-invitation.step.draft', { oneTime: true });
  }

  private async done(step: WaterfallStepContext) {
    const session = sessionOf(step.context);
    const { tr } = session;
    const { data } = this.submission(step) as { data: z.infer<typeof DONE.data> };
    const { invitationId } = step.options as SendInvitationOptions;
    const invitation = await this.deps.store.get('invitations', invitationId);
    const { token } = data;
    // The step knows which invitation it drafted: a card naming another one, or a link that is not its own
    // (the hash proves the card genuine), sends nothing.
    if (!invitation || data.invitationId !== invitationId || hashToken(token) !== invitation.tokenHash) {
      await showCard(
        step.context,
        noticeCard(
          tr.t('draft.title', { customer: '' }),
          describeRefusal({ code: 'invitation-not-found' }, tr),
          'attention',
        ),
      );
      return step.endDialog();
    }
    const view = await this.issuer.view(session, invitation, token);
    const edited = { subject: data.subject.trim(), body: data.body };
    this.values<DraftValues>(step).edited = edited;
    if (!edited.subject) return this.retry(step, token, describeRefusal({ code: 'subject-required' }, tr));
    if (!edited.body.includes(view.link)) return this.retry(step, token, describeRefusal({ code: 'link-removed' }, tr));
    let admins = 0;
    const sent = await this.issuer.invitations.markSent(session, invitationId, edited, async (tx, saved) => {
      admins = await this.delivery.invitationSent(tx, saved);
    });
    if (!sent.ok) {
      if (sent.refusal.code === 'four-eyes-pending') return this.retry(step, token, describeRefusal(sent.refusal, tr));
      await showCard(step.context, noticeCard(view.customerName, describeRefusal(sent.refusal, tr), 'attention'));
      return step.endDialog();
    }
    const expires = formatDate(sent.value.expiresAt, tr);
    const text =
      admins > 0
        ? tr.t('sent.text', { expires, admins: plural(tr, 'count.admins', admins), customer: view.customerName })
        : tr.t('sent.textNoTeams', { expires });
    await showCard(step.context, noticeCard(tr.t('sent.title', { customer: view.customerName }), text, 'good'));
    return step.endDialog({ sent: invitationId });
  }

  /** The draft again with what to fix; the token goes back to it within this turn only. */
  private retry(step: WaterfallStepContext, token: string, error: string) {
    this.values<DraftValues>(step).error = error;
    return this.again(step, 1, { token });
  }
}
