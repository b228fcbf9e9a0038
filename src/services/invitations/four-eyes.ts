import { applyInvitationEvent } from '../../domain/lifecycle.js';
import { fourEyesDecision, type FourEyesDecision, type FourEyesVerdict } from '../../domain/four-eyes.js';
import type { Invitation } from '../../domain/model.js';
import { decide, type PolicySettings } from '../../domain/policy.js';
import { withRetry, type Store, type Transaction } from '../../store/store.js';
import { audit } from '../audit.js';
import { ok, refuse, type Outcome } from '../outcome.js';
import { actorOf, type Acting } from './invitations.js';

/** Runs in the deciding transaction: the requester's notice and the other approvers' replaced cards commit with it. */
export type DecidedHook = (tx: Transaction, invitation: Invitation) => Promise<void> | void;

/**
 * Four-eyes: a second admin agent or global admin of the partner approves or rejects a request that
 * includes Global Administrator, with an optional comment. A rejected request is cancelled (it never goes
 * out); a decision is made once: a second click, on any copy, changes nothing.
 */
export class FourEyesService {
  constructor(
    private readonly store: Store,
    private readonly clock: () => Date,
    private readonly policy: PolicySettings,
  ) {}

  async decide(
    acting: Acting,
    invitationId: string,
    verdict: FourEyesVerdict,
    comment: string,
    onDecided?: DecidedHook,
  ): Promise<Outcome<{ invitation: Invitation; decidedNow: boolean }>> {
    return withRetry(this.store, async (tx) => {
      const invitation = await tx.get('invitations', invitationId);
      if (!invitation || invitation.partnerTenantId !== acting.org.tenantId) return refuse('invitation-not-found');
      if (!invitation.fourEyes.required) return refuse('four-eyes-not-required');
      if (fourEyesDecision(invitation.fourEyes)) return ok({ invitation, decidedNow: false });
      if (invitation.createdBy.userId === acting.user.id) return refuse('four-eyes-own-request');
      const allowed = decide(acting.user, 'include-delegated-admin', { actorOrg: acting.org }, this.policy);
      if (!allowed.allowed) return refuse(allowed.reason, allowed.params, allowed.neededRoles);
      if (invitation.status !== 'created') return refuse('invitation-not-open', { status: invitation.status });
      const now = this.clock();
      const trimmed = comment.trim();
      const by: FourEyesDecision = {
        ...actorOf(acting),
        at: now.toISOString(),
        ...(trimmed ? { comment: trimmed } : {}),
      };
      let next: Invitation = {
        ...invitation,
        fourEyes: { required: true, ...(verdict === 'approve' ? { approvedBy: by } : { rejectedBy: by }) },
      };
      if (verdict === 'reject') {
        const cancelled = applyInvitationEvent(next, { type: 'cancel' }, { actor: 'partner', now });
        if (!cancelled.ok) return refuse('invitation-not-open', { status: invitation.status });
        next = cancelled.value;
      }
      const saved = tx.update('invitations', next);
      audit(tx, now, {
        actor: actorOf(acting),
        action: verdict === 'approve' ? 'invitation.approved' : 'invitation.rejected',
        target: { type: 'invitation', id: invitation.id },
        tenantIds: [invitation.partnerTenantId],
      });
      await onDecided?.(tx, saved);
      return ok({ invitation: saved, decidedNow: true });
    });
  }
}
