import type { Invitation, Organization, User } from '../domain/model.js';
import { acceptancePortal } from '../domain/rules.js';
import type { Translator } from '../i18n/i18n.js';
import { RELATIONSHIP_CHOICES, type RequestFormValues } from '../services/invitations/request-form.js';
import { formatCode } from '../services/invitations/invitation-token.js';
import { adminRoleChoices, adminRoleNames, formatDate, relationshipTypes } from './format.js';
import { renderCard, type CardAttachment } from './render.js';
import type { Fact, RequestRelationshipCard } from './templates.js';

export const REQUEST_VERBS = {
  submit: 'request.submit',
  done: 'invitation.done',
  newLink: 'invitation.new-link',
  approve: 'invitation.approve',
} as const;

const EMPTY: RequestFormValues = {
  customer: '',
  newDomain: '',
  newEmail: '',
  relationship: 'reseller',
  includeAdmin: 'false',
  roles: '',
  legacy: 'false',
  durationDays: '',
  autoExtend: 'false',
};

/** The "Request a reseller relationship" form, with what was typed and what to fix. */
export function requestForm(
  tr: Translator,
  values: Partial<RequestFormValues> = {},
  error?: string,
  data: Record<string, unknown> = {},
): CardAttachment {
  const label = (key: string) => tr.t(`request.${key}`);
  return renderCard('request-relationship', {
    title: label('title'),
    intro: label('intro'),
    labels: {
      customer: label('customer'),
      customerPlaceholder: label('customerPlaceholder'),
      newCustomerHint: label('newCustomerHint'),
      newDomain: label('newDomain'),
      newEmail: label('newEmail'),
      relationship: label('relationship'),
      includeAdmin: label('includeAdmin'),
      rolesHeading: label('rolesHeading'),
      roles: label('roles'),
      legacy: label('legacy'),
      duration: label('duration'),
      autoExtend: label('autoExtend'),
      submit: label('submit'),
    },
    values: { ...EMPTY, ...values, leadId: undefined } as RequestRelationshipCard['values'],
    relationshipChoices: RELATIONSHIP_CHOICES.map((value) => ({ title: tr.t(`request.rel.${value}`), value })),
    roleChoices: adminRoleChoices(tr),
    hasError: !!error,
    error: error ?? '',
    verb: REQUEST_VERBS.submit,
    data: { ...data, ...(values.leadId ? { leadId: values.leadId } : {}) },
  });
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
  const access = view.invitation.adminAccess;
  const portal = acceptancePortal(view.customerCloud) ?? 'microsoft-365-admin-center';
  return {
    subject: tr.t('draft.subject', { partner: view.partner.name, customer: view.customerName }),
    body: tr.t('draft.body', {
      partner: view.partner.name,
      customer: view.customerName,
      types: relationshipTypes(view.invitation.relationshipTypes, tr),
      access:
        (access
          ? tr.t('draft.accessRoles', { days: access.durationDays, roles: adminRoleNames(access.roles, tr) })
          : tr.t('draft.accessNone')) +
        (view.provider
          ? `\n${tr.t('draft.twoTier', { partner: view.partner.name, provider: view.provider.name })}`
          : ''),
      link: view.link,
      portal: tr.t(`portal.${portal}`),
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
  const portal = acceptancePortal(view.customerCloud);
  const facts: Fact[] = [
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
  if (portal) facts.push({ title: tr.t('draft.where'), value: tr.t(`portal.${portal}`) });
  facts.push({ title: tr.t('draft.expires'), value: formatDate(invitation.expiresAt, tr) });
  const to = invitation.customerEmail ?? '';
  const mailto = `mailto:${encodeURIComponent(to)}?subject=${encodeURIComponent(email.subject)}&body=${encodeURIComponent(email.body)}`;
  const waiting = invitation.fourEyes.required && !invitation.fourEyes.approvedBy;
  return renderCard('invitation-draft', {
    title: tr.t('draft.title', { customer: view.customerName }),
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
