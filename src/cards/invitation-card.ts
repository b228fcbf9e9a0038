import { accessEndsAt } from '../domain/lifecycle.js';
import type { AgreementAcceptance, Invitation, Organization } from '../domain/model.js';
import { acceptancePortal } from '../domain/rules.js';
import type { Translator } from '../i18n/i18n.js';
import { formatDate, formatDateTime, relationshipTypes } from './format.js';
import { noticeCard } from './notice-card.js';
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

export function invitationSummary(view: InvitationView, tr: Translator, now: Date): InvitationSummary {
  const { invitation, partner, provider, customer, mca } = view;
  const access = invitation.adminAccess;
  const portal = acceptancePortal(customer.cloud);
  const facts: Fact[] = [
    { title: tr.t('invitation.partner'), value: partner.name },
    { title: tr.t('invitation.types'), value: relationshipTypes(invitation.relationshipTypes, tr) },
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
  if (portal) facts.push({ title: tr.t('invitation.where'), value: tr.t(`portal.${portal}`) });
  facts.push({ title: tr.t('invitation.expires'), value: formatDate(invitation.expiresAt, tr) });
  return {
    title: tr.t('invitation.title'),
    intro: provider
      ? tr.t('invitation.introTwoTier', { partner: partner.name, provider: provider.name, customer: customer.name })
      : tr.t('invitation.intro', { partner: partner.name, customer: customer.name }),
    facts,
    rolesHeading: provider
      ? tr.t('invitation.adminRolesHeadingFor', { partner: partner.name })
      : tr.t('invitation.adminRolesHeading'),
    roles: (access?.roles ?? []).map((role) => ({
      name: tr.t(`adminRole.${role}.name`),
      description: tr.t(`adminRole.${role}.description`),
    })),
    noRolesText: tr.t('invitation.noAdminRoles'),
    servicesHeading: tr.t('invitation.services'),
    services: invitation.services.map((s) =>
      s.licences
        ? `${tr.t(`service.${s.serviceId}`)} · ${tr.t('invitation.licences', { count: s.licences })}`
        : tr.t(`service.${s.serviceId}`),
    ),
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

/** The final card: answered, or refused for good (expired, cancelled, other tenant…). No buttons. */
export function invitationClosedCard(invitation: Invitation, partner: Organization, tr: Translator): CardAttachment {
  const by = invitation.decidedBy;
  if (invitation.status === 'accepted' && by) {
    return noticeCard(
      tr.t('invitation.acceptedTitle'),
      tr.t('invitation.acceptedText', { name: by.name, partner: partner.name, at: formatDateTime(by.at, tr) }),
      'good',
    );
  }
  if (invitation.status === 'declined' && by) {
    return noticeCard(
      tr.t('invitation.declinedTitle'),
      tr.t('invitation.declinedText', { name: by.name, partner: partner.name, at: formatDateTime(by.at, tr) }),
      'warning',
    );
  }
  const code =
    invitation.status === 'cancelled'
      ? 'invitation-cancelled'
      : invitation.status === 'expired'
        ? 'invitation-expired'
        : 'invitation-not-sent';
  return noticeCard(tr.t('invitation.closedTitle'), describeRefusal({ code }, tr), 'warning');
}

export function refusalNotice(refusal: Refusal, tr: Translator): CardAttachment {
  return noticeCard(tr.t('invitation.closedTitle'), describeRefusal(refusal, tr), 'attention');
}
