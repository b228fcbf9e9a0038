import { z } from 'zod';
import { approvalOutcomeCard, approvalRequestCard, FOUR_EYES_VERBS } from '../../../cards/four-eyes-card.js';
import { invitationFacts } from '../../../cards/labels.js';
import { noticeCard } from '../../../cards/notice-card.js';
import { describeRefusal } from '../../../cards/refusal.js';
import { MAX_FOUR_EYES_COMMENT, type FourEyesVerdict } from '../../../domain/four-eyes.js';
import type { Invitation, User } from '../../../domain/model.js';
import { translator, type Translator } from '../../../i18n/i18n.js';
import { FourEyesService } from '../../../services/invitations/four-eyes.js';
import type { Acting } from '../../../services/invitations/invitations.js';
import { identityKey, type StoreReader, type Transaction } from '../../../store/store.js';
import { cardAction } from '../../card-actions.js';
import { partnerMay, recordTarget } from '../../permissions.js';
import type { WorkflowDeps, WorkflowFactory } from '../../workflow-module.js';

const Decision = z.object({
  invitationId: z.string().min(1).max(100),
  comment: z.string().max(MAX_FOUR_EYES_COMMENT).default(''),
});

async function customerName(reader: StoreReader, invitation: Invitation): Promise<string> {
  const customer = invitation.customerTenantId
    ? await reader.get('organizations', invitation.customerTenantId)
    : undefined;
  return customer?.name ?? invitation.customerDomain;
}

/** The partner's other admin agents and global admins: who may approve a request with Global Administrator. */
export async function approversOf(tx: Transaction, acting: Acting): Promise<User[]> {
  return (await tx.findBy('users', 'tenant', acting.org.tenantId)).filter(
    (u) =>
      u.id !== acting.user.id &&
      u.roles.side === 'partner' &&
      (u.roles.agent === 'admin-agent' || u.roles.admin === 'global-admin'),
  );
}

/** Each approver gets the approval card in Teams, queued with the invitation itself. */
export async function askForApproval(
  { notifier, config }: Pick<WorkflowDeps, 'notifier' | 'config'>,
  tx: Transaction,
  acting: Acting,
  invitation: Invitation,
): Promise<void> {
  const customer = await customerName(tx, invitation);
  for (const approver of await approversOf(tx, acting)) {
    const card = approvalRequestCard(invitation, customer, translator(approver.language ?? config.defaultLanguage));
    notifier.enqueue(tx, approver, 'invitation.approval', { card }, invitation.id);
  }
}

/**
 * Four-eyes decisions: Approve or Reject with a comment. In the deciding transaction the requester is told
 * (with the comment) and every other approver's copy of the card is replaced by the outcome and who decided,
 * as Teams Approvals does; the decider's own copy is the one their click replaces.
 */
export const fourEyesWorkflow: WorkflowFactory = ({ store, clock, notifier, config }) => {
  const fourEyes = new FourEyesService(store, clock, config);
  const languageOf = (user: User | undefined) => translator(user?.language ?? config.defaultLanguage);

  async function tellRequester(tx: Transaction, invitation: Invitation, decider: Acting): Promise<void> {
    const requester = await tx.get('users', invitation.createdBy.userId);
    if (!requester) return;
    const tr = languageOf(requester);
    const customer = await customerName(tx, invitation);
    const approved = invitation.fourEyes.approvedBy;
    const comment = (approved ?? invitation.fourEyes.rejectedBy)?.comment;
    const text = [
      tr.t(approved ? 'fourEyes.requesterText' : 'fourEyes.requesterRejectedText', { approver: decider.user.name }),
      ...(comment ? [tr.t('fourEyes.comment', { comment })] : []),
    ].join(' ');
    const card = noticeCard(
      tr.t(approved ? 'fourEyes.requesterTitle' : 'fourEyes.requesterRejectedTitle', { customer }),
      text,
      approved ? 'good' : 'attention',
      invitationFacts(invitation, customer, tr),
    );
    notifier.enqueue(tx, requester, approved ? 'invitation.approved' : 'invitation.rejected', { card }, invitation.id);
  }

  async function replaceOtherCopies(tx: Transaction, invitation: Invitation, decider: Acting): Promise<void> {
    const customer = await customerName(tx, invitation);
    await notifier.queueReplacements(tx, invitation.id, async (n) => {
      if (n.kind !== 'invitation.approval' || n.aadObjectId === decider.user.aadObjectId) return undefined;
      const [recipient] = await tx.findBy('users', 'identity', identityKey(n.tenantId, n.aadObjectId));
      return { card: approvalOutcomeCard(invitation, customer, languageOf(recipient)) };
    });
  }

  async function decided(
    session: Acting & { tr: Translator },
    verdict: FourEyesVerdict,
    input: z.infer<typeof Decision>,
  ) {
    const { tr } = session;
    const result = await fourEyes.decide(session, input.invitationId, verdict, input.comment, async (tx, saved) => {
      await tellRequester(tx, saved, session);
      await replaceOtherCopies(tx, saved, session);
    });
    const invitation = await store.get('invitations', input.invitationId);
    if (result.ok)
      return approvalOutcomeCard(result.value.invitation, await customerName(store, result.value.invitation), tr);
    // A stale copy of a request that was cancelled meanwhile says so, like every other copy.
    if (result.refusal.code === 'invitation-not-open' && invitation)
      return approvalOutcomeCard(invitation, await customerName(store, invitation), tr);
    // Refused (the requester themself, a role): the request stays open, so the card stays as it was, with why.
    if (invitation && invitation.partnerTenantId === session.org.tenantId && invitation.fourEyes.required)
      return approvalRequestCard(
        invitation,
        await customerName(store, invitation),
        tr,
        describeRefusal(result.refusal, tr),
      );
    return noticeCard(tr.t('fourEyes.approvedTitle'), describeRefusal(result.refusal, tr), 'attention');
  }

  const permission = partnerMay('include-delegated-admin', {
    target: recordTarget('invitations', 'invitationId', ['partner']),
  });
  return {
    cardActions: [
      cardAction({
        verb: FOUR_EYES_VERBS.approve,
        permission,
        data: Decision,
        handle: (_c, session, input) => decided(session, 'approve', input),
      }),
      cardAction({
        verb: FOUR_EYES_VERBS.reject,
        permission,
        data: Decision,
        handle: (_c, session, input) => decided(session, 'reject', input),
      }),
    ],
  };
};
