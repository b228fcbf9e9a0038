import type { Invitation, Organization } from '../domain/model.js';
import { TRIAL_DAYS } from '../domain/service-catalogue.js';
import { plural, type Translator } from '../i18n/i18n.js';
import type { Fact } from './templates.js';

/** Trials and purchase offers read as what they are; every other invitation is a relationship invitation. */
export type OfferKind = 'trial' | 'purchase-offer' | 'relationship';

export function offerKind(invitation: Pick<Invitation, 'kind'>): OfferKind {
  return invitation.kind === 'trial' || invitation.kind === 'purchase-offer' ? invitation.kind : 'relationship';
}

/** Each service on its own line; a purchase offer's with its licence count ("Microsoft 365 E3 · 25 licences"). */
export function offeredServices(invitation: Pick<Invitation, 'services'>, tr: Translator): string[] {
  return invitation.services.map((s) =>
    s.licences
      ? `${tr.t(`service.${s.serviceId}`)} · ${plural(tr, 'count.licences', s.licences)}`
      : tr.t(`service.${s.serviceId}`),
  );
}

/**
 * What the invitation is, as facts for a card: "Trial, 30 days" with its services, or "Purchase offer" with
 * its products and licences (left out where the card lists them itself). A relationship invitation has none:
 * its relationship types already say it.
 */
export function offerFacts(
  invitation: Pick<Invitation, 'kind' | 'services'>,
  tr: Translator,
  { withServices = true } = {},
): Fact[] {
  const kind = offerKind(invitation);
  if (kind === 'relationship') return [];
  const facts: Fact[] = [{ title: tr.t('offer.what'), value: tr.t(`offer.kind.${kind}`) }];
  if (kind === 'trial') facts.push({ title: tr.t('offer.trialLength'), value: plural(tr, 'count.days', TRIAL_DAYS) });
  if (withServices)
    facts.push({ title: tr.t(`offer.servicesHeading.${kind}`), value: offeredServices(invitation, tr).join('; ') });
  return facts;
}

/** One sentence for the email and the card's intro: "a 30-day trial of Teams Phone and Microsoft 365 E3". */
export function offerSentence(invitation: Pick<Invitation, 'kind' | 'services'>, tr: Translator): string {
  const kind = offerKind(invitation);
  if (kind === 'relationship') return '';
  return tr.t(`offer.sentence.${kind}`, { services: offeredServices(invitation, tr).join(', '), days: TRIAL_DAYS });
}

/** Who the partner is, so a customer can check before authorising it: domain, partner id (MPN), support contact. */
export function partnerIdentityFacts(partner: Organization, tr: Translator): Fact[] {
  const facts: Fact[] = [{ title: tr.t('offer.partnerDomain'), value: partner.primaryDomain }];
  if (partner.mpnId) facts.push({ title: tr.t('offer.partnerId'), value: partner.mpnId });
  const contact = partner.listing?.contact;
  if (contact) {
    facts.push({
      title: tr.t('offer.supportContact'),
      value: [contact.name, contact.email, contact.phone].filter(Boolean).join(' · '),
    });
  }
  return facts;
}
