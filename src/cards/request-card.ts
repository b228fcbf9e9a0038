import type { Invitation, Organization, User } from '../domain/model.js';
import type { Translator } from '../i18n/i18n.js';
import type { RequestFormValues } from '../services/invitations/request-form.js';
import { invitationForm } from './invitation-form.js';
import { formatCode } from '../services/invitations/invitation-token.js';
import { adminRoleNames, formatDate, relationshipTypes } from './format.js';
import { offerFacts, offerKind, offeredServices } from './offer-words.js';
import { TRIAL_DAYS } from '../domain/service-catalogue.js';
import { renderCard, type CardAttachment } from './render.js';
import type { Fact } from './templates.js';

export const REQUEST_VERBS = {
  submit: 'request.submit',
  form: 'request.form',
  done: 'invitation.done',
  newLink: 'invitation.new-link',
  approve: 'invitation.approve',
} as const;

/** The "Request a reseller relationship" form, with what was typed and what to fix. */
export function requestForm(
  tr: Translator,
  values: Partial<RequestFormValues> = {},
  error?: string,
  data: Record<string, unknown> = {},
  intro?: string,
): CardAttachment {
  const carried = {
    ...data,
    ...(values.leadId ? { leadId: values.leadId } : {}),
    ...(values.templateId ? { templateId: values.templateId } : {}),
  };
  return invitationForm(
    {
      title: tr.t('request.title'),
      intro: intro ?? tr.t('request.intro'),
      values,
      shape: 'request',
      redraw: { verb: REQUEST_VERBS.form, data: carried },
      submit: { title: tr.t('request.submit'), verb: REQUEST_VERBS.submit, data: carried },
      error,
    },
    tr,
  );
}

export interface DraftView {
  invitation: Invitation;
  partner: Organization;
  /** Two-tier: the indirect provider the customer authorises in the same step. */
  provider?: Organization;
  customerName: string;
  customerCloud: Organization['cloud'];
  sender: User;
  link: string;
  token: string;
}

export function draftEmail(view: DraftView, tr: Translator): { subject: string; body: string } {
  const { invitation } = view;
  const access = invitation.adminAccess;
  const kind = offerKind(invitation);
  const names = { partner: view.partner.name, customer: view.customerName, days: TRIAL_DAYS };
  const accessLine = access
    ? tr.t('draft.accessRoles', { days: access.durationDays, roles: adminRoleNames(access.roles, tr) })
    : tr.t('draft.accessNone');
  return {
    subject: kind === 'relationship' ? tr.t('draft.subject', names) : tr.t(`offer.subject.${kind}`, names),
    body: tr.t('draft.body', {
      ...names,
      types: relationshipTypes(invitation.relationshipTypes, tr),
      access:
        (kind === 'relationship'
          ? accessLine
          : `${tr.t(`offer.emailLine.${kind}`, { days: TRIAL_DAYS, services: offeredServices(invitation, tr).join(', ') })}\n${accessLine}`) +
        (view.provider
          ? `\n${tr.t('draft.twoTier', { partner: view.partner.name, provider: view.provider.name })}`
          : ''),
      link: view.link,
      sender: view.sender.name,
    }),
  };
}

/** The invitation with its link, the editable draft email, "Open in email" and "Done". */
export function draftCard(
  view: DraftView,
  tr: Translator,
  edited?: { subject: string; body: string },
  error?: string,
): CardAttachment {
  const email = edited ?? draftEmail(view, tr);
  const { invitation } = view;
  const kind = offerKind(invitation);
  const facts: Fact[] = [
    ...(invitation.displayName ? [{ title: tr.t('status.name'), value: invitation.displayName }] : []),
    ...offerFacts(invitation, tr),
    { title: tr.t('invitation.types'), value: relationshipTypes(invitation.relationshipTypes, tr) },
  ];
  if (view.provider)
    facts.push({
      title: tr.t('invitation.provider'),
      value: tr.t('invitation.providerGets', { provider: view.provider.name }),
    });
  if (invitation.adminAccess) {
    facts.push({ title: tr.t('draft.roles'), value: adminRoleNames(invitation.adminAccess.roles, tr) });
    facts.push({
      title: tr.t('invitation.duration'),
      value: tr.t('invitation.durationDays', { days: invitation.adminAccess.durationDays }),
    });
  }
  facts.push({ title: tr.t('draft.where'), value: tr.t('offer.whereTeams') });
  facts.push({ title: tr.t('draft.expires'), value: formatDate(invitation.expiresAt, tr) });
  const to = invitation.customerEmail ?? '';
  const mailto = `mailto:${encodeURIComponent(to)}?subject=${encodeURIComponent(email.subject)}&body=${encodeURIComponent(email.body)}`;
  const waiting = invitation.fourEyes.required && !invitation.fourEyes.approvedBy;
  return renderCard('invitation-draft', {
    title:
      kind === 'relationship'
        ? tr.t('draft.title', { customer: view.customerName })
        : tr.t(`offer.draftTitle.${kind}`, { customer: view.customerName }),
    intro: tr.t('draft.intro'),
    facts,
    link: view.link,
    linkLabel: tr.t('draft.linkLabel'),
    code: formatCode(view.token),
    codeLabel: tr.t('draft.codeLabel'),
    subjectLabel: tr.t('draft.subjectLabel'),
    subject: email.subject,
    bodyLabel: tr.t('draft.bodyLabel'),
    body: email.body,
    mailto,
    openInEmail: tr.t('draft.openInEmail'),
    copyHint: tr.t('draft.copyHint'),
    hasError: !!error,
    error: error ?? '',
    canSend: !waiting,
    waiting: tr.t('draft.waiting'),
    done: {
      title: tr.t('draft.done'),
      verb: REQUEST_VERBS.done,
      data: { invitationId: invitation.id, token: view.token },
      style: 'positive',
    },
  });
}
