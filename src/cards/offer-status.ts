import { daysBetween } from '../domain/lifecycle.js';
import type { OfferedService } from '../domain/model.js';
import { plural, type Translator } from '../i18n/i18n.js';
import type { OfferStatus } from '../services/relationships/offer-status.js';
import { formatDate } from './format.js';
import type { Fact } from './templates.js';

function services(list: readonly OfferedService[], tr: Translator): string {
  return list
    .map((s) =>
      s.licences
        ? `${tr.t(`service.${s.serviceId}`)} · ${plural(tr, 'count.licences', s.licences)}`
        : tr.t(`service.${s.serviceId}`),
    )
    .join(', ');
}

/** Status: each trial with its state and dates, each purchase with its licences, and MPSA peers' purchases. */
export function offerFacts(status: OfferStatus, tr: Translator, now: Date): Fact[] {
  const facts: Fact[] = status.trials.map((t) => ({
    title: tr.t('offerStatus.trial', { services: services(t.services, tr) }),
    value:
      t.status === 'active'
        ? tr.t('offerStatus.trialActive', {
            date: formatDate(t.endAt, tr),
            daysLeft: plural(tr, 'count.daysLeft', Math.max(0, daysBetween(now, new Date(t.endAt)))),
          })
        : t.status === 'converted'
          ? tr.t('offerStatus.trialConverted', { date: formatDate(t.convertedAt ?? t.endAt, tr) })
          : tr.t('offerStatus.trialEnded', { date: formatDate(t.endedAt ?? t.endAt, tr) }),
  }));
  for (const p of status.purchases) {
    facts.push({
      title: tr.t('offerStatus.purchase', { services: services(p.services, tr) }),
      value: tr.t('offerStatus.purchased', { name: p.acceptedBy.name, date: formatDate(p.purchasedAt, tr) }),
    });
  }
  for (const { partner, purchase } of status.mpsaPurchases) {
    facts.push({
      title: tr.t('offerStatus.mpsaPurchase', { partner: partner.name, services: services(purchase.services, tr) }),
      value: formatDate(purchase.purchasedAt, tr),
    });
  }
  return facts;
}
