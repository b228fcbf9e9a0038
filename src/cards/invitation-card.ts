import { accessEndsAt } from '../domain/lifecycle.js';
import type { AgreementAcceptance, Invitation, Organization } from '../domain/model.js';
import type { Translator } from '../i18n/i18n.js';
import { formatDate, formatDateTime, relationshipTypes } from './format.js';
import { noticeCard } from './notice-card.js';
import { typeMeanings } from './type-meaning.js';
import { offerFacts, offeredServices, offerKind, offerSentence, partnerIdentityFacts } from './offer-words.js';
import { describeRefusal } from './refusal.js';
import { renderCard, type CardAttachment } from './render.js';
import type { Fact } from './templates.js';
import type { Refusal } from '../services/outcome.js';

export const MCA_URL = 'https://www.microsoft.com/licensing/docs/customeragreement';
export const INVITATION_VERBS = {
  accept: 'invitation.accept',
  decline: 'invitation.decline',
  refresh: 'invitation.refresh',
} as const;

export interface InvitationView {
  invitation: Invitation;
  partner: Organization;
  provider?: Organization;
  customer: Organization;
  mca?: AgreementAcceptance;
}

/** What an invitation says, in the reader's words: the Accept & Authorize card and the invitation page show the same. */
export interface InvitationSummary {
  title: string;
  intro: string;
  facts: Fact[];
  rolesHeading: string;
  roles: { name: string; description: string }[];
  noRolesText: string;
  servicesHeading: string;
  services: string[];
  declineHint: string;
  mcaText: string;
  mcaLinkTitle: string;
  mcaUrl: string;
}

/**
 * `place` says where the reader is: on the card they accept right here in Teams; on the invitation page they
 * are told to answer in Teams.
 */
export function invitationSummary(
  view: InvitationView,
  tr: Translator,
  now: Date,
  place: 'card' | 'page' = 'card',
): InvitationSummary {
  const { invitation, partner, provider, customer, mca } = view;
  const access = invitation.adminAccess;
  const kind = offerKind(invitation);
  const facts: Fact[] = [
    { title: tr.t('invitation.partner'), value: partner.name },
    ...partnerIdentityFacts(partner, tr),
    ...offerFacts(invitation, tr, { withServices: false }),
    { title: tr.t('invitation.types'), value: relationshipTypes(invitation.relationshipTypes, tr) },
    ...(invitation.displayName ? [{ title: tr.t('status.name'), value: invitation.displayName }] : []),
    { title: tr.t('invitation.typeMeanings'), value: typeMeanings(invitation.relationshipTypes, tr) },
  ];
  // Two-tier: both partners on one card, each with what accepting gives it (the provider: reseller only).
  if (provider)
    facts.push({
      title: tr.t('invitation.provider'),
      value: tr.t('invitation.providerGets', { provider: provider.name }),
    });
  if (access) {
    facts.push(
      { title: tr.t('invitation.duration'), value: tr.t('invitation.durationDays', { days: access.durationDays }) },
      { title: tr.t('invitation.ends'), value: formatDate(accessEndsAt(now, access.durationDays), tr) },
      {
        title: tr.t('invitation.autoExtend'),
        value: access.autoExtend ? tr.t('invitation.autoExtendOn') : tr.t('invitation.autoExtendOff'),
      },
    );
  }
  facts.push({
    title: tr.t('invitation.where'),
    value: tr.t(place === 'card' ? 'offer.whereHere' : 'offer.whereTeams'),
  });
  facts.push({ title: tr.t('invitation.expires'), value: formatDate(invitation.expiresAt, tr) });
  return {
    title: tr.t('invitation.title'),
    intro: provider
      ? tr.t('invitation.introTwoTier', { partner: partner.name, provider: provider.name, customer: customer.name })
      : kind === 'relationship'
        ? tr.t('invitation.intro', { partner: partner.name, customer: customer.name })
        : tr.t('offer.intro', { partner: partner.name, customer: customer.name, offer: offerSentence(invitation, tr) }),
    facts,
    rolesHeading: provider
      ? tr.t('invitation.adminRolesHeadingFor', { partner: partner.name })
      : tr.t('invitation.adminRolesHeading'),
    roles: (access?.roles ?? []).map((role) => ({
      name: tr.t(`adminRole.${role}.name`),
      description: tr.t(`adminRole.${role}.description`),
    })),
    noRolesText: tr.t('invitation.noAdminRoles'),
    servicesHeading: kind === 'relationship' ? tr.t('invitation.services') : tr.t(`offer.servicesHeading.${kind}`),
    services: offeredServices(invitation, tr),
    declineHint: tr.t('invitation.declineHint'),
    mcaText: mca
      ? tr.t('invitation.mcaAlreadyAccepted', { at: formatDate(mca.acceptedAt, tr) })
      : tr.t('invitation.mcaIntro'),
    mcaLinkTitle: tr.t('invitation.mcaLink'),
    mcaUrl: MCA_URL,
  };
}

/** The card a customer admin reviews; `error` is shown when the last click was refused (e.g. unticked box). */
export function invitationCard(
  view: InvitationView,
  tr: Translator,
  options: { now: Date; error?: string; refreshUserIds?: string[] },
): CardAttachment {
  const summary = invitationSummary(view, tr, options.now);
  const data = { invitationId: view.invitation.id };
  return renderCard('invitation', {
    title: summary.title,
    intro: summary.intro,
    facts: summary.facts,
    rolesHeading: summary.rolesHeading,
    hasRoles: !!view.invitation.adminAccess,
    noRolesText: summary.noRolesText,
    roles: summary.roles,
    servicesHeading: summary.servicesHeading,
    hasServices: summary.services.length > 0,
    services: summary.services.map((text) => ({ text })),
    declineHint: summary.declineHint,
    mcaText: summary.mcaText,
    mcaLinkTitle: summary.mcaLinkTitle,
    mcaUrl: summary.mcaUrl,
    acknowledgeLabel: tr.t('invitation.acknowledge'),
    acknowledgeRequired: tr.t('invitation.acknowledgeRequired'),
    hasError: !!options.error,
    error: options.error ?? '',
    accept: { title: tr.t('invitation.accept'), verb: INVITATION_VERBS.accept, data, style: 'positive' },
    decline: { title: tr.t('invitation.decline'), verb: INVITATION_VERBS.decline, data, style: 'destructive' },
    refresh: {
      title: tr.t('invitation.title'),
      verb: INVITATION_VERBS.refresh,
      data,
      userIds: options.refreshUserIds ?? [],
    },
  });
}

type NoticeTone = NonNullable<Parameters<typeof noticeCard>[2]>;

/** What the final card says: answered, or refused for good (expired, cancelled, other tenant…). */
export function invitationClosedNotice(
  invitation: Invitation,
  partner: Organization,
  tr: Translator,
): { title: string; text: string; style: NoticeTone } {
  const by = invitation.decidedBy;
  if (invitation.status === 'accepted' && by) {
    const text = tr.t('invitation.acceptedText', {
      name: by.name,
      partner: partner.name,
      at: formatDateTime(by.at, tr),
    });
    return { title: tr.t('invitation.acceptedTitle'), text, style: 'good' };
  }
  if (invitation.status === 'declined' && by) {
    const text = tr.t('invitation.declinedText', {
      name: by.name,
      partner: partner.name,
      at: formatDateTime(by.at, tr),
    });
    return { title: tr.t('invitation.declinedTitle'), text, style: 'warning' };
  }
  const code =
    invitation.status === 'cancelled'
      ? 'invitation-cancelled'
      : invitation.status === 'expired'
        ? 'invitation-expired'
        : 'invitation-not-sent';
  return { title: tr.t('invitation.closedTitle'), text: describeRefusal({ code }, tr), style: 'warning' };
}

/** The final card: answered, or refused for good. No buttons. */
export function invitationClosedCard(invitation: Invitation, partner: Organization, tr: Translator): CardAttachment {
  const { title, text, style } = invitationClosedNotice(invitation, partner, tr);
  return noticeCard(title, text, style);
}

export function refusalNotice(refusal: Refusal, tr: Translator): CardAttachment {
  return noticeCard(tr.t('invitation.closedTitle'), describeRefusal(refusal, tr), 'attention');
}
