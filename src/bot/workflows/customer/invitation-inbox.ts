import { button } from '../../../cards/button.js';
import { formatDate, formatDateTime } from '../../../cards/format.js';
import { INVITATION_VERBS } from '../../../cards/invitation-card.js';
import { itemListCard } from '../../../cards/item-list.js';
import { invitationFacts, invitationLabel } from '../../../cards/labels.js';
import { noticeCard } from '../../../cards/notice-card.js';
import type { CardAttachment } from '../../../cards/render.js';
import { daysLeft } from '../../../domain/lifecycle.js';
import type { Invitation } from '../../../domain/model.js';
import { plural, type Translator } from '../../../i18n/i18n.js';
import type { Acting } from '../../../services/invitations/invitations.js';
import { paginate } from '../../../services/relationships/relationship-lists.js';
import type { StoreReader } from '../../../store/store.js';
import { PENDING_VERBS } from '../partner/pending-invitations.js';

/** Sent and still answerable: what a customer admin can act on today. */
function waiting(invitation: Invitation, tenantId: string, now: Date): boolean {
  return (
    invitation.customerTenantId === tenantId &&
    invitation.status === 'approval-pending' &&
    new Date(invitation.expiresAt) > now
  );
}

/**
 * "invitations" for a customer admin: the invitations waiting for their organisation (a card missed, or sent
 * before the app was installed, is found again here): the partner, what it asks, days left, and a button that
 * opens the Accept & Authorize card. Soonest to lapse first, paged.
 */
export async function invitationInboxCard(
  store: StoreReader,
  acting: Acting,
  tr: Translator,
  now: Date,
  page = 1,
): Promise<CardAttachment> {
  const title = tr.t('inbox.title', { org: acting.org.name });
  const open = (await store.findBy('invitations', 'customer', acting.org.tenantId))
    .filter((i) => waiting(i, acting.org.tenantId, now))
    .sort((a, b) => a.expiresAt.localeCompare(b.expiresAt) || a.createdAt.localeCompare(b.createdAt));
  if (open.length === 0) return noticeCard(title, tr.t('inbox.none', { org: acting.org.name }));
  const shown = paginate(open, page);
  const items = [];
  for (const invitation of shown.items) {
    const partner = await store.get('organizations', invitation.partnerTenantId);
    const provider = invitation.providerTenantId
      ? await store.get('organizations', invitation.providerTenantId)
      : undefined;
    const partnerName = partner?.name ?? '';
    const [, ...asks] = invitationFacts(invitation, acting.org.name, tr);
    items.push({
      heading: invitationLabel(invitation, partnerName, tr),
      facts: [
        { title: tr.t('invitation.partner'), value: partnerName },
        ...(provider ? [{ title: tr.t('inbox.provider'), value: provider.name }] : []),
        ...asks.filter((f) => f.title !== tr.t('label.created') && f.title !== tr.t('label.sent')),
        {
          title: tr.t('inbox.sentBy'),
          value: tr.t('label.byAt', {
            name: invitation.createdBy.name,
            at: formatDateTime(invitation.sentAt ?? invitation.createdAt, tr),
          }),
        },
        {
          title: tr.t('inbox.answerBefore'),
          value: tr.t('inbox.daysLeft', {
            date: formatDate(invitation.expiresAt, tr),
            left: plural(tr, 'count.daysLeft', daysLeft(invitation, now)),
          }),
        },
      ],
      actions: [button(tr.t('inbox.open'), INVITATION_VERBS.refresh, { invitationId: invitation.id }, 'positive')],
    });
  }
  return itemListCard(title, tr.t('inbox.text'), items, shown, PENDING_VERBS.page, tr);
}
