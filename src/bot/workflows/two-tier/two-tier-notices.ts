import { adminRoleNames, formatDate, formatDateTime } from '../../../cards/format.js';
import { noticeCard } from '../../../cards/notice-card.js';
import { button } from '../../../cards/button.js';
import type { Invitation } from '../../../domain/model.js';
import { translator } from '../../../i18n/i18n.js';
import type { Notifier } from '../../../services/outbox/notifications.js';
import type { ProviderLink } from '../../../services/two-tier/provider-access.js';
import type { Transaction } from '../../../store/store.js';
import { TWO_TIER_VERBS } from './two-tier-verbs.js';
import { partnerAdmins } from '../../../services/relationships/recipients.js';

/** What the two-tier workflow tells people in Teams, queued in the transaction of the change. */
export function twoTierNotices(notifier: Notifier, defaultLanguage: 'en' | 'es') {
  /** Reseller global admins get the "Authorize indirect provider" card in Teams. */
  const deliverAuthorizeCard = async (tx: Transaction, invitation: Invitation) => {
    const admins = (await tx.findBy('users', 'tenant', invitation.customerTenantId!)).filter(
      (u) => u.roles.side === 'partner' && u.roles.admin === 'global-admin',
    );
    const reseller = (await tx.get('organizations', invitation.customerTenantId!))!;
    const provider = (await tx.get('organizations', invitation.partnerTenantId))!;
    for (const admin of admins) {
      const tr = translator(admin.language ?? defaultLanguage);
      const card = noticeCard(
        tr.t('twoTier.authorize.title'),
        tr.t('twoTier.authorize.text', { provider: provider.name, reseller: reseller.name }),
        'default',
        [],
        [button(tr.t('twoTier.open'), TWO_TIER_VERBS.open, { invitationId: invitation.id }, 'positive')],
      );
      notifier.enqueue(tx, admin, 'indirect-provider.invited', { card }, invitation.id);
    }
  };

  /** Both sides are told of the reseller's answer. */
  const tellProvider = (notifierRef: Notifier) => async (tx: Transaction, invitation: Invitation) => {
    const reseller = (await tx.get('organizations', invitation.customerTenantId!))!;
    const by = invitation.decidedBy!;
    const accepted = invitation.status === 'accepted';
    const staff = await partnerAdmins(tx, invitation.partnerTenantId);
    for (const person of staff) {
      const tr = translator(person.language ?? defaultLanguage);
      const key = accepted ? 'twoTier.notify.authorized' : 'twoTier.notify.declined';
      const card = noticeCard(
        tr.t(`${key}.title`, { reseller: reseller.name }),
        tr.t(`${key}.text`, { name: by.name, at: formatDateTime(by.at, tr), reseller: reseller.name }),
        accepted ? 'good' : 'warning',
      );
      notifierRef.enqueue(
        tx,
        person,
        accepted ? 'indirect-provider.authorized' : 'indirect-provider.declined',
        { card },
        invitation.id,
      );
    }
  };

  /** The provider's staff learn that the reseller removed their admin roles, and that the partnership stays. */
  const tellAccessRemoved = async (tx: Transaction, { relationship }: ProviderLink) => {
    const reseller = (await tx.get('organizations', relationship.customerTenantId))!;
    const access = relationship.adminAccess!;
    const staff = await partnerAdmins(tx, relationship.partnerTenantId);
    for (const person of staff) {
      const tr = translator(person.language ?? defaultLanguage);
      const card = noticeCard(
        tr.t('twoTier.access.providerTitle', { reseller: reseller.name }),
        tr.t('twoTier.access.providerText', {
          reseller: reseller.name,
          name: access.removedBy ?? '',
          roles: adminRoleNames(access.roles, tr),
          date: formatDate(access.removedAt!, tr),
        }),
        'warning',
      );
      notifier.enqueue(tx, person, 'indirect-provider.access-removed', { card }, relationship.id);
    }
  };

  return { deliverAuthorizeCard, tellProvider, tellAccessRemoved };
}
