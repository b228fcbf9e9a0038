import { z } from 'zod';
import { formatDate } from '../../../cards/format.js';
import { noticeCard } from '../../../cards/notice-card.js';
import { describeRefusal } from '../../../cards/refusal.js';
import { draftCard, REQUEST_VERBS, requestForm } from '../../../cards/request-card.js';
import { plural } from '../../../i18n/i18n.js';
import { InvitationDelivery } from '../../../services/invitations/invitation-delivery.js';
import { hashToken } from '../../../services/invitations/invitation-token.js';
import { invitationIssuer } from './issue.js';
import { LeadBook } from '../../../services/directory/lead-book.js';
import { AccessTemplateService } from '../../../services/invitations/access-templates.js';
import { readRequestForm, RequestFormValues } from '../../../services/invitations/request-form.js';
import { cardAction } from '../../card-actions.js';
import type { WorkflowFactory } from '../../workflow-module.js';
import { partnerMay, recordTarget } from '../../permissions.js';
import { command } from '../../command-handler.js';

const InvitationId = z.string().min(1).max(100);

/**
 * "Request a reseller relationship": the form, the invitation with its personalised link and draft email,
 * "Done" (the customer's admins then get the Accept & Authorize card in Teams), four-eyes approval.
 */
export const requestRelationshipWorkflow: WorkflowFactory = (deps) => {
  const { store, clock, notifier, config } = deps;
  const issuer = invitationIssuer(deps);
  const invitations = issuer.invitations;
  const delivery = new InvitationDelivery(store, notifier, config.defaultLanguage, clock);
  const leads = new LeadBook(store, clock);
  const templates = new AccessTemplateService(store, clock);

  return {
    commands: [
      command('request-relationship', partnerMay('request-reseller-relationship'), async ({ context, session }) =>
        context.sendActivity({ attachments: [requestForm(session.tr)] }),
      ),
    ],
    cardActions: [
      cardAction({
        verb: REQUEST_VERBS.form,
        permission: partnerMay('request-reseller-relationship'),
        data: RequestFormValues,
        // Switching delegated administration on or off redraws the form with what was typed; nothing is read yet.
        handle: async (_context, session, values) => requestForm(session.tr, values),
      }),
      cardAction({
        verb: REQUEST_VERBS.submit,
        permission: partnerMay('request-reseller-relationship'),
        data: RequestFormValues,
        async handle(_context, session, values) {
          const { tr } = session;
          const request = await readRequestForm(store, session.org, values);
          if (!request.ok) return requestForm(tr, values, describeRefusal(request.refusal, tr));
          // From a template: its groups are assigned the granted roles as soon as the customer accepts.
          const template = values.templateId ? await templates.get(session, values.templateId) : undefined;
          if (template && !template.ok) return requestForm(tr, values, describeRefusal(template.refusal, tr));
          if (template?.ok) request.value.template = { id: template.value.id, groupIds: template.value.groupIds };
          const issued = await issuer.issue(session, request.value, tr);
          if (!issued.ok) return requestForm(tr, values, describeRefusal(issued.refusal, tr));
          if (values.leadId) await leads.mark(session, values.leadId, 'converted');
          return issued.value;
        },
      }),
      cardAction({
        verb: REQUEST_VERBS.done,
        permission: partnerMay('request-reseller-relationship', {
          target: recordTarget('invitations', 'invitationId', ['partner']),
        }),
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
          const view = await issuer.view(session, invitation, token);
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
          const expires = formatDate(sent.value.expiresAt, tr);
          return noticeCard(
            tr.t('sent.title', { customer: view.customerName }),
            admins > 0
              ? tr.t('sent.text', { expires, admins: plural(tr, 'count.admins', admins), customer: view.customerName })
              : tr.t('sent.textNoTeams', { expires }),
            'good',
          );
        },
      }),
      cardAction({
        verb: REQUEST_VERBS.newLink,
        permission: partnerMay('request-reseller-relationship', {
          target: recordTarget('invitations', 'invitationId', ['partner']),
        }),
        data: z.object({ invitationId: InvitationId }),
        async handle(_context, session, { invitationId }) {
          const renewed = await invitations.newLink(session, invitationId);
          if (!renewed.ok)
            return noticeCard(
              session.tr.t('existing.title'),
              describeRefusal(renewed.refusal, session.tr),
              'attention',
            );
          return issuer.draft(session, renewed.value.invitation, renewed.value.token, session.tr);
        },
      }),
    ],
  };
};
