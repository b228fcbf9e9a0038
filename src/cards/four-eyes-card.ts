import { fourEyesDecision } from '../domain/four-eyes.js';
import type { Invitation } from '../domain/model.js';
import type { Translator } from '../i18n/i18n.js';
import { approvalCard } from './approval-card.js';
import { button } from './button.js';
import { formatDateTime } from './format.js';
import { invitationFacts } from './labels.js';
import type { CardAttachment } from './render.js';
import { REQUEST_VERBS } from './request-card.js';

export const FOUR_EYES_VERBS = { approve: REQUEST_VERBS.approve, reject: 'invitation.reject' } as const;

/**
 * What a second admin is asked to approve, as Teams Approvals shows a request: the customer, the
 * relationship, the roles and how long, who asked and when; a comment; Approve or Reject.
 */
export function approvalRequestCard(
  invitation: Invitation,
  customer: string,
  tr: Translator,
  error = '',
): CardAttachment {
  const data = { invitationId: invitation.id };
  return approvalCard({
    title: tr.t('fourEyes.title', { customer }),
    text: tr.t('fourEyes.text', { requester: invitation.createdBy.name, customer }),
    tone: 'warning',
    facts: invitationFacts(invitation, customer, tr),
    open: true,
    commentLabel: tr.t('fourEyes.commentLabel'),
    commentPlaceholder: tr.t('fourEyes.commentPlaceholder'),
    error,
    actions: [
      button(tr.t('fourEyes.approve'), FOUR_EYES_VERBS.approve, data, 'positive'),
      button(tr.t('fourEyes.reject'), FOUR_EYES_VERBS.reject, data, 'destructive'),
    ],
  });
}

/** Every approver's copy once decided: the same request, and who decided what, when, with their comment. */
export function approvalOutcomeCard(invitation: Invitation, customer: string, tr: Translator): CardAttachment {
  const decision = fourEyesDecision(invitation.fourEyes);
  const facts = invitationFacts(invitation, customer, tr);
  if (!decision) {
    // Closed without a decision: the requester cancelled it, or it lapsed.
    return approvalCard({
      title: tr.t('fourEyes.closedTitle', { customer }),
      text: tr.t('fourEyes.closedText', { status: tr.t(`invitationStatus.${invitation.status}`) }),
      facts,
    });
  }
  const { verdict, by } = decision;
  const params = { name: by.name, at: formatDateTime(by.at, tr), customer };
  const outcome = [
    tr.t(verdict === 'approve' ? 'fourEyes.approvedBy' : 'fourEyes.rejectedBy', params),
    ...(by.comment ? [tr.t('fourEyes.comment', { comment: by.comment })] : []),
  ].join(' ');
  return approvalCard({
    title: tr.t(verdict === 'approve' ? 'fourEyes.outcomeApprovedTitle' : 'fourEyes.outcomeRejectedTitle', {
      customer,
    }),
    text: tr.t(verdict === 'approve' ? 'fourEyes.outcomeApprovedText' : 'fourEyes.outcomeRejectedText', {
      requester: invitation.createdBy.name,
      customer,
    }),
    tone: verdict === 'approve' ? 'good' : 'attention',
    facts,
    outcome,
  });
}
