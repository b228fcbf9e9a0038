import { button } from '../../../cards/button.js';
import { itemListCard } from '../../../cards/item-list.js';
import { invitationLabel } from '../../../cards/labels.js';
import { noticeCard } from '../../../cards/notice-card.js';
import { describeRefusal } from '../../../cards/refusal.js';
import type { CardAttachment } from '../../../cards/render.js';
import { REQUEST_VERBS } from '../../../cards/request-card.js';
import { daysBetween, daysLeft } from '../../../domain/lifecycle.js';
import { decide } from '../../../domain/policy.js';
import type { Translator } from '../../../i18n/i18n.js';
import type { Acting } from '../../../services/invitations/invitations.js';
import { paginate } from '../../../services/relationships/relationship-lists.js';
import type { StoreReader } from '../../../store/store.js';

/** The card verbs of the partner's pending invitations (handled in partner-admin.ts and invitation-lists.ts). */
export const PENDING_VERBS = {
  cancelConfirm: 'invitation.cancel-confirm',
  page: 'invitations.page',
} as const;

/**
 * "invitations" for partner staff: every open invitation, soonest to lapse first, each with its own
 * New link and Cancel under a heading that tells two for the same customer apart; paged, so none is out of reach.
 */
export async function pendingInvitationsCard(
  store: StoreReader,
  acting: Acting,
  tr: Translator,
  now: Date,
  page = 1,
): Promise<CardAttachment> {
  const title = tr.t('pending.title', { org: acting.org.name });
  const decision = decide(acting.user, 'request-reseller-relationship', { actorOrg: acting.org });
  if (!decision.allowed) {
    const refusal = { code: decision.reason, params: decision.params, neededRoles: decision.neededRoles };
    return noticeCard(title, describeRefusal(refusal, tr), 'attention');
  }
  const open = (await store.findBy('invitations', 'partner', acting.org.tenantId))
    .filter(
      (i) => i.partnerTenantId === acting.org.tenantId && (i.status === 'created' || i.status === 'approval-pending'),
    )
    .sort((a, b) => a.expiresAt.localeCompare(b.expiresAt) || a.createdAt.localeCompare(b.createdAt));
  if (open.length === 0) return noticeCard(title, tr.t('pending.none', { org: acting.org.name }));
  const shown = paginate(open, page);
  const items = [];
  for (const invitation of shown.items) {
    const customer = invitation.customerTenantId
      ? await store.get('organizations', invitation.customerTenantId)
      : undefined;
    items.push({
      heading: invitationLabel(invitation, customer?.name ?? invitation.customerDomain, tr),
      facts: [
        { title: tr.t('pending.state'), value: tr.t(`invitationStatus.${invitation.status}`) },
        {
          title: tr.t('pending.age'),
          value: tr.t('pending.ageValue', {
            age: daysBetween(new Date(invitation.createdAt), now),
            left: daysLeft(invitation, now),
          }),
        },
        { title: tr.t('pending.sentBy'), value: invitation.createdBy.name },
      ],
      actions: [
        button(tr.t('pending.newLink'), REQUEST_VERBS.newLink, { invitationId: invitation.id }),
        button(tr.t('pending.cancelOne'), PENDING_VERBS.cancelConfirm, { invitationId: invitation.id }, 'destructive'),
      ],
    });
  }
  return itemListCard(title, '', items, shown, PENDING_VERBS.page, tr);
}
