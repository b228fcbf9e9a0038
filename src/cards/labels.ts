import type { AdminRoleId, Invitation, Relationship } from '../domain/model.js';
import type { Translator } from '../i18n/i18n.js';
import { adminRoleNames, formatDate, formatDateTime, relationshipTypes } from './format.js';
import type { Fact } from './templates.js';

/**
 * How a person tells one invitation or relationship from another of the same customer: every list, button,
 * picker and notification names them through here, so a relationship's name (issue 18) is added in one place.
 */

/** Admin roles in words, or that there are none. */
function rolesOf(access: { roles: AdminRoleId[] } | null, tr: Translator): string {
  return access && access.roles.length ? adminRoleNames(access.roles, tr) : tr.t('label.noRoles');
}

/** "Contoso Ltd · Reseller, Delegated administrator · Helpdesk Administrator · created 22 Nov 2026 10:00 UTC"; the other party first (the customer for a partner, the partner for a customer). */
export function invitationLabel(invitation: Invitation, counterpart: string, tr: Translator): string {
  return tr.t('label.invitation', {
    counterpart,
    types: relationshipTypes(invitation.relationshipTypes, tr),
    roles: rolesOf(invitation.adminAccess, tr),
    created: formatDateTime(invitation.createdAt, tr),
  });
}

/** The label without the other party, where the card already names it (a status between two organisations). */
export function invitationSummary(invitation: Invitation, tr: Translator): string {
  return tr.t('label.invitationSummary', {
    types: relationshipTypes(invitation.relationshipTypes, tr),
    roles: rolesOf(invitation.adminAccess, tr),
    created: formatDate(invitation.createdAt, tr),
  });
}

/** "Contoso Ltd · Reseller, Delegated administrator · Helpdesk Administrator · since 22 Nov 2026" */
export function relationshipLabel(relationship: Relationship, counterpart: string, tr: Translator): string {
  const access = relationship.adminAccess && !relationship.adminAccess.removedAt ? relationship.adminAccess : null;
  return tr.t('label.relationship', {
    counterpart,
    types: relationshipTypes(relationship.types, tr),
    roles: rolesOf(access, tr),
    since: formatDate(access?.startAt ?? relationship.createdAt, tr),
  });
}

/** The relationship's GDAP name (issue 18), in the facts of every notice about it. */
function nameFact(displayName: string | undefined, tr: Translator): Fact[] {
  return displayName ? [{ title: tr.t('status.name'), value: displayName }] : [];
}

/** What an invitation asks for and who sent it when: the facts every notice about it carries. */
export function invitationFacts(invitation: Invitation, customer: string, tr: Translator): Fact[] {
  const access = invitation.adminAccess;
  return [
    { title: tr.t('label.customer'), value: customer },
    ...nameFact(invitation.displayName, tr),
    { title: tr.t('label.types'), value: relationshipTypes(invitation.relationshipTypes, tr) },
    { title: tr.t('label.roles'), value: rolesOf(access, tr) },
    ...(access
      ? [
          {
            title: tr.t('label.duration'),
            value: tr.t(access.autoExtend ? 'label.durationAutoExtend' : 'label.durationDays', {
              days: access.durationDays,
            }),
          },
        ]
      : []),
    {
      title: tr.t('label.created'),
      value: tr.t('label.byAt', { name: invitation.createdBy.name, at: formatDateTime(invitation.createdAt, tr) }),
    },
    ...(invitation.sentAt ? [{ title: tr.t('label.sent'), value: formatDateTime(invitation.sentAt, tr) }] : []),
  ];
}

/** Which relationship a notice is about: customer, types, the roles it held (pass it as it was before the change) and since when. */
export function relationshipNoticeFacts(relationship: Relationship, customer: string, tr: Translator): Fact[] {
  const access = relationship.adminAccess;
  return [
    { title: tr.t('label.customer'), value: customer },
    ...nameFact(relationship.displayName, tr),
    { title: tr.t('label.types'), value: relationshipTypes(relationship.types, tr) },
    { title: tr.t('label.roles'), value: rolesOf(access, tr) },
    { title: tr.t('label.since'), value: formatDate(access?.startAt ?? relationship.createdAt, tr) },
  ];
}
