import { daysBetween } from '../domain/lifecycle.js';
import type { AuditEvent, Relationship } from '../domain/model.js';
import type { PartnerOfRecord } from '../domain/partner-of-record.js';
import { plural, type Translator } from '../i18n/i18n.js';
import type { RelationshipStatus } from '../services/relationships/relationship-status.js';
import { describeAction, liveRelationshipTypes } from './audit-words.js';
import { adminRoleNames, formatDate, relationshipTypes } from './format.js';
import { invitationSummary } from './labels.js';
import { sectionsCard } from './sections-card.js';
import { typeMeanings } from './type-meaning.js';
import { offerFacts } from './offer-status.js';
import type { CardAttachment } from './render.js';
import type { Fact } from './templates.js';
import { accessFacts } from './access-facts.js';

/** Every relationship between the user's organisation and another one; never a token or a link. */
export function statusCard(status: RelationshipStatus, mineName: string, tr: Translator, now: Date): CardAttachment {
  const sections = status.relationships.map(({ relationship, partner, customer, lastChange, assignments }) => ({
    heading: tr.t('status.heading', { partner: partner.name, customer: customer.name }),
    facts: [
      ...relationshipFacts(relationship, tr, now, lastChange, status.partnerOfRecord),
      ...(relationship.partnerTenantId !== status.counterpart.tenantId
        ? accessFacts(relationship, assignments, tr, now)
        : []),
    ],
  }));
  if (status.pendingInvitations.length) {
    sections.push({
      heading: tr.t('status.pendingHeading'),
      facts: status.pendingInvitations.map((i) => ({
        title: relationshipTypes(i.relationshipTypes, tr),
        value: tr.t('status.pendingLine', {
          age: plural(tr, 'count.daysOld', daysBetween(new Date(i.createdAt), now)),
          left: Math.max(0, daysBetween(now, new Date(i.expiresAt))),
          status: tr.t(`invitationStatus.${i.status}`),
        }),
      })),
    });
  }
  const offers = offerFacts(status.offers, tr, now);
  if (offers.length) sections.push({ heading: tr.t('offerStatus.heading'), facts: offers });
  if (status.closedInvitations.length) {
    // The whole story: a decline, a cancellation or a lapse is shown with when and who, not only in the timeline.
    sections.push({
      heading: tr.t('status.closedHeading'),
      facts: status.closedInvitations.map(({ invitation, outcome, at, by }) => ({
        title: invitationSummary(invitation, tr),
        value: tr.t(by ? `status.closed.${outcome}` : 'status.closed.lapsed', {
          name: by ?? '',
          date: formatDate(at, tr),
        }),
      })),
    });
  }
  if (status.mca.length) {
    sections.push({
      heading: tr.t('status.mcaHeading'),
      facts: status.mca.map(({ customer, acceptance }) => ({
        title: customer.name,
        value: acceptance
          ? tr.t('status.mcaAccepted', { name: acceptance.acceptedByName, date: formatDate(acceptance.acceptedAt, tr) })
          : tr.t('status.mcaMissing'),
      })),
    });
  }
  const text = status.relationships.length ? '' : tr.t('status.none', { mine: mineName, org: status.counterpart.name });
  return sectionsCard(tr.t('status.title', { org: status.counterpart.name }), text, sections);
}

/** What one relationship is: state, types, admin roles, dates, auto-extend, who accepted, the last change. */
export function relationshipFacts(
  r: Relationship,
  tr: Translator,
  now: Date,
  lastChange?: AuditEvent,
  /** The customer's partner of record (null: none); undefined leaves the fact out. */
  partnerOfRecord?: PartnerOfRecord | null,
): Fact[] {
  const access = r.adminAccess;
  const facts: Fact[] = [
    ...(r.displayName ? [{ title: tr.t('status.name'), value: r.displayName }] : []),
    { title: tr.t('status.state'), value: tr.t(`relationshipStatus.${r.status}`) },
    { title: tr.t('status.types'), value: relationshipTypes(liveRelationshipTypes(r), tr) },
    { title: tr.t('invitation.typeMeanings'), value: typeMeanings(liveRelationshipTypes(r), tr) },
  ];
  if (!access) facts.push({ title: tr.t('status.roles'), value: tr.t('status.noRoles') });
  else if (access.removedAt) {
    facts.push({
      title: tr.t('status.roles'),
      // The lifecycle records an expiry as removed "by expiry": that is no one's name.
      value:
        access.removedBy === 'expiry' || !access.removedBy
          ? tr.t('status.rolesEnded', { date: formatDate(access.removedAt, tr) })
          : tr.t('status.rolesRemoved', { date: formatDate(access.removedAt, tr), name: access.removedBy }),
    });
  } else {
    facts.push(
      { title: tr.t('status.roles'), value: adminRoleNames(access.roles, tr) },
      {
        title: tr.t('status.ends'),
        value: tr.t('status.endsIn', {
          date: formatDate(access.endAt, tr),
          daysLeft: plural(tr, 'count.daysLeft', Math.max(0, daysBetween(now, new Date(access.endAt)))),
        }),
      },
      { title: tr.t('status.autoExtend'), value: access.autoExtend ? tr.t('common.yes') : tr.t('common.no') },
    );
  }
  facts.push({ title: tr.t('status.since'), value: formatDate(access?.startAt ?? r.createdAt, tr) });
  if (r.acceptedBy) {
    facts.push({
      title: tr.t('status.acceptedBy'),
      value: tr.t('status.acceptedAt', { name: r.acceptedBy.name, date: formatDate(r.acceptedBy.at, tr) }),
    });
  }
  if (partnerOfRecord !== undefined) facts.push(partnerOfRecordFact(r, partnerOfRecord, tr));
  if (lastChange) {
    facts.push({
      title: tr.t('status.lastChange'),
      value: tr.t('status.lastChangeLine', {
        action: describeAction(lastChange, tr),
        name: lastChange.actor?.name ?? tr.t('status.system'),
        date: formatDate(lastChange.at, tr),
      }),
    });
  }
  return facts;
}

/** Rule 13, on this relationship: whether its partner is the customer's partner of record (never who else is). */
function partnerOfRecordFact(r: Relationship, por: PartnerOfRecord | null, tr: Translator): Fact {
  const value =
    por?.partnerTenantId === r.partnerTenantId
      ? tr.t('por.yes', { name: por.designatedBy.name, date: formatDate(por.designatedBy.at, tr) })
      : tr.t('common.no');
  return { title: tr.t('por.fact'), value };
}
