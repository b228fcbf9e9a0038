import type { Organization, OrganizationKind, User } from '../domain/model.js';
import {
  decide,
  ROLE_TABLE_CUSTOMER,
  ROLE_TABLE_PARTNER,
  type CustomerAction,
  type PartnerAction,
} from '../domain/policy.js';
import type { Refusal } from '../services/outcome.js';
import type { CommandId } from './commands.js';

/**
 * The stored record a card's payload names. The dispatcher loads it by `field` and lets the action run only
 * when the acting organisation is one of the record's `parties` (never trusting a tenant id in the payload).
 */
export interface RecordTarget {
  collection:
    'invitations' | 'relationships' | 'leads' | 'users' | 'securityGroups' | 'accessTemplates' | 'customerRequests';
  /** The payload field holding the record's id. */
  field: string;
  /** Which parties of the record may act on it. */
  parties: readonly Party[];
  /** The field may be empty (the handler then shows a picker of the user's own records). */
  optional?: boolean;
}

/**
 * An organisation a payload names by tenant id (a provider in the two-tier workflow): allowed only when a
 * relationship links it with the acting organisation, in either direction.
 */
export interface RelatedOrganizationTarget {
  collection: 'organizations';
  field: string;
  optional?: boolean;
}

export type Party = 'partner' | 'provider' | 'customer' | 'member';

/**
 * What a command or card verb needs, declared where it is registered. A side that is absent may not use it.
 * `member` means any known user of that side; an action means the role tables of the domain reference.
 */
export interface Permission {
  partner?: PartnerAction | 'member';
  customer?: CustomerAction | 'member';
  target?: RecordTarget | RelatedOrganizationTarget;
  /** Only these kinds of organisation (the two-tier lists). */
  kinds?: readonly OrganizationKind[];
  /** May be answered in a group chat or channel; otherwise only in the person's personal chat with the bot. */
  shared?: boolean;
}

export const EVERYONE: Permission = { partner: 'member', customer: 'member' };
/** help and cancel: nothing private in them, so they work in any chat. */
export const EVERYONE_ANYWHERE: Permission = { ...EVERYONE, shared: true };
/** Helpdesk views: "search for and view customers" on the partner side, "view the list of partners" on the customer side. */
export const VIEW_RELATIONSHIPS: Permission = { partner: 'view-customers', customer: 'view-partners' };

export const partnerMay = (
  action: PartnerAction,
  extra: Omit<Permission, 'partner' | 'customer'> = {},
): Permission => ({
  partner: action,
  ...extra,
});
export const customerMay = (
  action: CustomerAction,
  extra: Omit<Permission, 'partner' | 'customer'> = {},
): Permission => ({ customer: action, ...extra });

/** A payload naming an invitation, relationship, lead, user or customer request, and the parties that may act on it. */
export function recordTarget(
  collection: RecordTarget['collection'],
  field: string,
  parties: readonly Party[],
  optional = false,
): RecordTarget {
  return { collection, field, parties, ...(optional ? { optional } : {}) };
}

/** Rule 11: a global administrator of either side enrols as an indirect reseller. */
export const ENROLMENT: Permission = { partner: 'enroll-indirect-reseller', customer: 'enroll-indirect-reseller' };

/** A payload naming another organisation by tenant id that must already be linked with the acting one. */
export function relatedOrganization(field: string): RelatedOrganizationTarget {
  return { collection: 'organizations', field };
}

/** The commands the bot answers, with the permission each declares: help lists those a person's roles allow. */
export type AvailableCommands = ReadonlyMap<CommandId, Permission>;

/** Who acts: a session's user and organisation. */
export interface ActingPerson {
  user: User;
  org: Organization;
}

/** Which roles the acting user's roles lack for `permission`, as a refusal; undefined when they suffice. */
export function roleRefusal({ user, org }: ActingPerson, permission: Permission): Refusal | undefined {
  const side = user.roles.side;
  const needed = side === 'partner' ? permission.partner : permission.customer;
  if (needed === undefined) {
    const other = side === 'partner' ? permission.customer : permission.partner;
    const neededRoles =
      other === undefined || other === 'member'
        ? undefined
        : [
            ...((side === 'partner' ? ROLE_TABLE_CUSTOMER : ROLE_TABLE_PARTNER) as Record<string, readonly string[]>)[
              other
            ]!,
          ];
    return { code: 'wrong-side', params: { side }, ...(neededRoles ? { neededRoles } : {}) };
  }
  if (permission.kinds && !permission.kinds.includes(org.kind)) {
    return { code: 'wrong-organization-kind', params: { kind: org.kind } };
  }
  if (needed === 'member') return undefined;
  const decision = decide(user, needed, { actorOrg: org });
  if (decision.allowed) return undefined;
  return {
    code: decision.reason,
    ...(decision.params ? { params: decision.params } : {}),
    ...(decision.neededRoles ? { neededRoles: decision.neededRoles } : {}),
  };
}
