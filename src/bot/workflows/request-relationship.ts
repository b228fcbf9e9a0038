import { z } from 'zod';
import { button } from '../../cards/button.js';
import { formatDate } from '../../cards/format.js';
import { noticeCard } from '../../cards/notice-card.js';
import { describeRefusal } from '../../cards/refusal.js';
import { draftCard, REQUEST_VERBS, requestForm, type DraftView } from '../../cards/request-card.js';
import { daysLeft } from '../../domain/lifecycle.js';
import type { Invitation, User } from '../../domain/model.js';
import { translator, type Translator } from '../../i18n/i18n.js';
import { InvitationDelivery } from '../../services/invitation-delivery.js';
import { hashToken } from '../../services/invitation-token.js';
import { InvitationService, type Acting } from '../../services/invitations.js';
import { LeadBook } from '../../services/lead-book.js';
import { readRequestForm, RequestFormValues } from '../../services/request-form.js';
import type { Transaction } from '../../store/store.js';
import { cardAction } from '../card-actions.js';
import type { WorkflowFactory } from '../workflow-module.js';

const InvitationId = z.string().min(1).max(100);

/**
 * "Request a reseller relationship": the form, the invitation with its personalised link and draft email,
 * "Done" (the customer's admins then get the Accept & Authorize card in Teams), four-eyes approval.
 */
export const requestRelationshipWorkflow: WorkflowFactory = ({ store, clock, notifier, config }) => {
  const invitations = new InvitationService(store, clock, config);
  const delivery = new InvitationDelivery(store, notifier, config.defaultLanguage, clock);
  const leads = new LeadBook(store, clock);
  const linkFor = (token: string) => `${config.publicUrl}/invite/${token}`;

  async function draftView(acting: Acting, invitation: Invitation, token: string): Promise<DraftView> {
    const customer = invitation.customerTenantId
      ? await store.get('organizations', invitation.customerTenantId)
      : undefined;
    return {
      invitation,
      partner: acting.org,
      customerName: customer?.name ?? invitation.customerDomain,
      customerCloud: customer?.cloud ?? acting.org.cloud,
      sender: acting.user,
      link: linkFor(token),
      token,
    };
  }

  /** Four-eyes: the partner's other admin agents and global admins get an approval card. */
  async function askForApproval(tx: Transaction, acting: Acting, invitation: Invitation, customerName: string) {
    const approvers = (await tx.findBy('users', 'tenant', acting.org.tenantId)).filter(
      (u) =>
        u.id !== acting.user.id &&
        u.roles.side === 'partner' &&
        (u.roles.agent === 'admin-agent' || u.roles.admin === 'global-admin'),
    );
    for (const approver of approvers) {
      const tr = translator(approver.language ?? config.defaultLanguage);
      const card = noticeCard(
        tr.t('fourEyes.title', { customer: customerName }),
        tr.t('fourEyes.text', { requester: acting.user.name, customer: customerName }),
        'warning',
        [
          {
            title: tr.t('draft.roles'),
            value: (invitation.adminAccess?.roles ?? []).map((r) => tr.t(`adminRole.${r}.name`)).join(', '),
          },
        ],
        [button(tr.t('fourEyes.approve'), REQUEST_VERBS.approve, { invitationId: invitation.id }, 'positive')],
      );
      notifier.enqueue(tx, approver, 'invitation.approval', { card }, invitation.id);
    }
  }

  async function existingCard(tr: Translator, invitation: Invitation) {
    const customer = invitation.customerTenantId
      ? await store.get('organizations', invitation.customerTenantId)
      : undefined;
    const name = customer?.name ?? invitation.customerDomain;
    return noticeCard(
      tr.t('existing.title'),
      tr.t('existing.text', {
        customer: name,
        created: formatDate(invitation.createdAt, tr),
        daysLeft: daysLeft(invitation, clock()),
      }),
      'warning',
      [],
      [button(tr.t('existing.newLink'), REQUEST_VERBS.newLink, { invitationId: invitation.id })],
    );
  }

  return {
    commands: [
      [
        'request-relationship',
        async ({ context, session }) => context.sendActivity({ attachments: [requestForm(session.tr)] }),
      ],
    ],
    cardActions: [
      cardAction({
        verb: REQUEST_VERBS.submit,
        data: RequestFormValues,
        async handle(_context, session, values) {
          const { tr } = session;
          const request = await readRequestForm(store, values);
          if (!request.ok) return requestForm(tr, values, describeRefusal(request.refusal, tr));
          const issued = await invitations.request(session, request.value);
          if (!issued.ok) return requestForm(tr, values, describeRefusal(issued.refusal, tr));
          const { invitation, token } = issued.value;
          if (values.leadId) await leads.mark(session, values.leadId, 'converted');
          if (!token) return existingCard(tr, invitation);
          const view = await draftView(session, invitation, token);
          if (invitation.fourEyes.required) {
            await store.transaction((tx) => askForApproval(tx, session, invitation, view.customerName));
            void notifier.drain();
          }
          return draftCard(view, tr);
        },
      }),
      cardAction({
        verb: REQUEST_VERBS.done,
        data: z.object({
          invitationId: InvitationId,
          token: z.string().max(64),
          subject: z.string().max(500).default(''),
          body: z.string().max(8000).default(''),
        }),
        async handle(_context, session, { invitationId, token, subject, body }) {
          const { tr } = session;
          const invitation = await store.get('invitations', invitationId);
          // The token travels only in this partner's own card; its hash proves the card is genuine.
          if (
            !invitation ||
            invitation.partnerTenantId !== session.org.tenantId ||
            hashToken(token) !== invitation.tokenHash
          ) {
            return noticeCard(
              tr.t('draft.title', { customer: '' }),
              describeRefusal({ code: 'invitation-not-found' }, tr),
              'attention',
            );
          }
          const view = await draftView(session, invitation, token);
          const edited = { subject: subject.trim(), body };
          if (!edited.subject) return draftCard(view, tr, edited, describeRefusal({ code: 'subject-required' }, tr));
          if (!body.includes(view.link))
            return draftCard(view, tr, edited, describeRefusal({ code: 'link-removed' }, tr));
          let admins = 0;
          const sent = await invitations.markSent(session, invitationId, edited, async (tx, saved) => {
            admins = await delivery.invitationSent(tx, saved);
          });
          if (!sent.ok) {
            return sent.refusal.code === 'four-eyes-pending'
              ? draftCard(view, tr, edited, describeRefusal(sent.refusal, tr))
              : noticeCard(view.customerName, describeRefusal(sent.refusal, tr), 'attention');
          }
          void notifier.drain();
          const expires = formatDate(sent.value.expiresAt, tr);
          return noticeCard(
            tr.t('sent.title', { customer: view.customerName }),
            admins > 0
              ? tr.t('sent.text', { expires, admins, customer: view.customerName })
              : tr.t('sent.textNoTeams', { expires }),
            'good',
          );
        },
      }),
      cardAction({
        verb: REQUEST_VERBS.newLink,
        data: z.object({ invitationId: InvitationId }),
        async handle(_context, session, { invitationId }) {
          const renewed = await invitations.newLink(session, invitationId);
          if (!renewed.ok)
            return noticeCard(
              session.tr.t('existing.title'),
              describeRefusal(renewed.refusal, session.tr),
              'attention',
            );
          return draftCard(await draftView(session, renewed.value.invitation, renewed.value.token), session.tr);
        },
      }),
      cardAction({
        verb: REQUEST_VERBS.approve,
        data: z.object({ invitationId: InvitationId }),
        async handle(_context, session, { invitationId }) {
          const { tr } = session;
          const approved = await invitations.approve(session, invitationId);
          if (!approved.ok)
            return noticeCard(tr.t('fourEyes.approvedTitle'), describeRefusal(approved.refusal, tr), 'attention');
          const invitation = approved.value;
          const customer = invitation.customerTenantId
            ? await store.get('organizations', invitation.customerTenantId)
            : undefined;
          const customerName = customer?.name ?? invitation.customerDomain;
          const requester = (await store.get('users', invitation.createdBy.userId)) as User | undefined;
          if (requester) {
            await store.transaction((tx) => {
              const rtr = translator(requester.language ?? config.defaultLanguage);
              const card = noticeCard(
                rtr.t('fourEyes.requesterTitle', { customer: customerName }),
                rtr.t('fourEyes.requesterText', { approver: session.user.name }),
                'good',
              );
              notifier.enqueue(tx, requester, 'invitation.approved', { card }, invitation.id);
            });
            void notifier.drain();
          }
          return noticeCard(
            tr.t('fourEyes.approvedTitle'),
            tr.t('fourEyes.approvedText', { customer: customerName, requester: invitation.createdBy.name }),
            'good',
          );
        },
      }),
    ],
  };
};
