import { z } from 'zod';
import type { AgentRole, CustomerAdminRole, Organization, PartnerAdminRole, User } from './model.js';
import {
  adminPrivilegesRequired,
  isOperatedBy21Vianet,
  isWebMailAddress,
  otherDelegatedAdminPartner,
  sameCloud,
  sameCountryRegion,
} from './rules.js';
import { ACCESS_PARTNER_ACTIONS, ACCESS_ROLE_TABLE_PARTNER } from './access-policy.js';
import * as gdap from './gdap-policy.js';
import { ALLOW, deny, type Decision } from './policy-decision.js';

/**
 * Enrolment as an indirect reseller (rule 11) is the one action of both sides: the seed has a
 * tenant's global administrator enrol, and that tenant may still be a customer here.
 */
const ENROLL = 'enroll-indirect-reseller';

export const PartnerAction = z.enum([
  'request-reseller-relationship',
  'include-delegated-admin',
  'act-on-behalf',
  'view-customers',
  'manage-leads',
  'manage-users',
  'accept-indirect-provider',
  ENROLL,
  ...ACCESS_PARTNER_ACTIONS,
  ...gdap.GDAP_PARTNER_ACTIONS,
]);
export type PartnerAction = z.infer<typeof PartnerAction>;

export const CustomerAction = z.enum([
  'find-partners',
  'accept-reseller-invitation',
  'accept-mca',
  'accept-admin-invitation',
  'remove-admin-roles',
  'view-partners',
  'designate-partner-of-record',
  ENROLL,
  ...gdap.GDAP_CUSTOMER_ACTIONS,
]);
export type CustomerAction = z.infer<typeof CustomerAction>;

export const Action = z.union([PartnerAction, CustomerAction]);
export type Action = z.infer<typeof Action>;

export type PartnerRole = Exclude<AgentRole, 'none'> | Exclude<PartnerAdminRole, 'none'>;

/** The partner role table of the domain reference: action → the agent or admin roles that may. */
export const ROLE_TABLE_PARTNER: Readonly<Record<PartnerAction, readonly PartnerRole[]>> = {
  'request-reseller-relationship': ['admin-agent', 'sales-agent', 'global-admin'],
  'include-delegated-admin': ['admin-agent', 'global-admin'],
  'act-on-behalf': ['admin-agent', 'global-admin'],
  'view-customers': ['admin-agent', 'sales-agent', 'helpdesk-agent', 'global-admin'],
  'manage-leads': ['admin-agent', 'sales-agent', 'global-admin'],
  'manage-users': ['global-admin', 'user-management-admin'],
  'accept-indirect-provider': ['global-admin'],
  // The seed signs in "as a global admin" to enrol.
  [ENROLL]: ['global-admin'],
  ...ACCESS_ROLE_TABLE_PARTNER,
  ...gdap.GDAP_ROLE_TABLE_PARTNER,
};

/** The customer role table of the domain reference; a user with no admin role ("other users") may do none. */
export const ROLE_TABLE_CUSTOMER: Readonly<Record<CustomerAction, readonly CustomerAdminRole[]>> = {
  'find-partners': ['global-admin', 'billing-admin'],
  'accept-reseller-invitation': ['global-admin', 'billing-admin'],
  'accept-mca': ['global-admin', 'billing-admin'],
  'accept-admin-invitation': ['global-admin'],
  'remove-admin-roles': ['global-admin'],
  'view-partners': ['global-admin', 'billing-admin', 'helpdesk-admin'],
  // Rule 13; not in the reference's table: seed 000 has a Global or Billing admin manage partner relationships.
  'designate-partner-of-record': ['global-admin', 'billing-admin'],
  [ENROLL]: ['global-admin'],
  ...gdap.GDAP_CUSTOMER_ROLE_TABLE,
};

/** Rule 13 is an operator's choice. */
export interface PolicySettings {
  singleDelegatedAdminPartner: boolean;
}
export const DEFAULT_POLICY_SETTINGS: PolicySettings = { singleDelegatedAdminPartner: false };

export interface PolicyTarget {
  /** The acting user's organisation, as the store knows it for the activity's tenant. */
  actorOrg: Organization;
  /** Partner actions: the other partner involved (the indirect provider). Customer actions: the inviting partner. */
  partnerOrg?: Organization;
  /** Partner actions: the customer acted on. Customer actions: must be the actor's own organisation. */
  customerOrg?: Organization;
  /** Customer actions on an invitation: the tenant it was sent to. */
  invitationCustomerTenantId?: string;
  /** Whether the request or invitation includes admin roles (delegated admin). */
  includesAdminAccess?: boolean;
  /** Rule 13: the customer's current delegated admin partners. */
  customerDelegatedAdminPartnerTenantIds?: string[];
  /** Rule 11: the primary contact given when enrolling as an indirect reseller. */
  primaryContactEmail?: string;
}

export type { Decision, DenyReason } from './policy-decision.js';

export function isPartnerAction(action: string): action is PartnerAction {
  return Object.hasOwn(ROLE_TABLE_PARTNER, action);
}

export function isCustomerAction(action: string): action is CustomerAction {
  return Object.hasOwn(ROLE_TABLE_CUSTOMER, action);
}

/** A partner user may do what its agent role or its admin role allows. */
function partnerMay(roles: { agent: AgentRole; admin: PartnerAdminRole }, action: PartnerAction): boolean {
  const allowed: readonly string[] = ROLE_TABLE_PARTNER[action];
  return allowed.includes(roles.agent) || allowed.includes(roles.admin);
}

function customerMay(roles: readonly CustomerAdminRole[], action: CustomerAction): boolean {
  return roles.some((role) => ROLE_TABLE_CUSTOMER[action].includes(role));
}

/** What the user's roles allow, before any rule about the organisations involved. */
export function allowedActions(actor: User): Action[] {
  const roles = actor.roles;
  if (roles.side === 'partner') return PartnerAction.options.filter((action) => partnerMay(roles, action));
  return CustomerAction.options.filter((action) => customerMay(roles.admin, action));
}

/**
 * May `actor` do `action` on `target`? Checks run from who the actor is (tenant, side) to what the
 * roles allow and then the rules, so a refusal names the most basic thing that is wrong.
 */
export function decide(
  actor: User,
  action: Action,
  target: PolicyTarget,
  settings: PolicySettings = DEFAULT_POLICY_SETTINGS,
): Decision {
  const { actorOrg } = target;
  if (actor.tenantId !== actorOrg.tenantId) return deny('wrong-tenant');

  const roles = actor.roles;
  if (roles.side === 'partner') {
    if (!isPartnerAction(action)) return deny('wrong-side', { params: { side: 'customer' } });
    // A partner-side user in an organisation recorded as a customer is inconsistent data: refuse.
    if (action !== ENROLL && actorOrg.kind === 'customer') return deny('wrong-side', { params: { side: 'customer' } });
    return decidePartner(roles, action, target, settings);
  }
  if (!isCustomerAction(action)) return deny('wrong-side', { params: { side: 'partner' } });
  if (action !== ENROLL && actorOrg.kind !== 'customer') return deny('wrong-side', { params: { side: 'partner' } });
  return decideCustomer(roles.admin, action, target, settings);
}

/** Rule 4 covers every organisation the action touches, on either side. */
function vianetDenial(target: PolicyTarget): Decision | undefined {
  const org = [target.actorOrg, target.partnerOrg, target.customerOrg].find(isOperatedBy21Vianet);
  return org ? deny('not-available-21vianet', { params: { organization: org.name } }) : undefined;
}

/** The cloud is checked before the country: it is the wider boundary, so the refusal names it first. */
function boundaryDenial(partner: Organization, customer: Organization | undefined): Decision | undefined {
  if (!customer) return undefined;
  if (!sameCloud(partner, customer)) {
    return deny('cloud-mismatch', { params: { partnerCloud: partner.cloud, customerCloud: customer.cloud } });
  }
  if (sameCountryRegion(partner, customer)) return undefined;
  return deny('region-mismatch', {
    params: { partnerCountryRegion: partner.countryRegion, customerCountryRegion: customer.countryRegion },
  });
}

function delegatedAdminDenial(
  target: PolicyTarget,
  partnerTenantId: string | undefined,
  settings: PolicySettings,
): Decision | undefined {
  if (!settings.singleDelegatedAdminPartner) return undefined;
  const other = otherDelegatedAdminPartner(target.customerDelegatedAdminPartnerTenantIds, partnerTenantId);
  return other === undefined
    ? undefined
    : deny('delegated-admin-partner-exists', { params: { partnerTenantId: other } });
}

function webMailDenial(email: string | undefined): Decision | undefined {
  if (email === undefined || !isWebMailAddress(email)) return undefined;
  return deny('webmail-not-allowed', { params: { domain: email.slice(email.lastIndexOf('@') + 1).toLowerCase() } });
}

function decidePartner(
  roles: { agent: AgentRole; admin: PartnerAdminRole },
  action: PartnerAction,
  target: PolicyTarget,
  settings: PolicySettings,
): Decision {
  const vianet = vianetDenial(target);
  if (vianet) return vianet;

  const includesAdmin =
    action === 'include-delegated-admin' ||
    (action === 'request-reseller-relationship' && target.includesAdminAccess === true);
  // A request that includes admin privileges also needs the right to include them.
  const needed: PartnerAction[] = includesAdmin ? [action, 'include-delegated-admin'] : [action];
  for (const each of needed) {
    if (!partnerMay(roles, each)) {
      return deny('role-required', { neededRoles: ROLE_TABLE_PARTNER[each], params: { action: each } });
    }
  }

  const { actorOrg } = target;
  if (action === 'request-reseller-relationship') {
    if (target.includesAdminAccess === false && adminPrivilegesRequired(actorOrg.cloud)) {
      return deny('admin-privileges-required-national-cloud', { params: { cloud: actorOrg.cloud } });
    }
    const region = boundaryDenial(actorOrg, target.customerOrg);
    if (region) return region;
  }
  if (includesAdmin) {
    const existing = delegatedAdminDenial(target, actorOrg.tenantId, settings);
    if (existing) return existing;
  }
  if (action === 'accept-indirect-provider') {
    // Rule 10: a provider invites a reseller; no other pairing makes sense.
    const fromProvider = target.partnerOrg === undefined || target.partnerOrg.kind === 'indirect-provider';
    if (actorOrg.kind !== 'indirect-reseller' || !fromProvider) {
      return deny('wrong-organization-kind', { params: { kind: actorOrg.kind } });
    }
    if (target.partnerOrg && !sameCloud(target.partnerOrg, actorOrg)) {
      return deny('cloud-mismatch', {
        params: { partnerCloud: target.partnerOrg.cloud, customerCloud: actorOrg.cloud },
      });
    }
  }
  if (action === ENROLL) return webMailDenial(target.primaryContactEmail) ?? ALLOW;
  return ALLOW;
}

function decideCustomer(
  roles: readonly CustomerAdminRole[],
  requested: CustomerAction,
  target: PolicyTarget,
  settings: PolicySettings,
): Decision {
  const { actorOrg } = target;
  const ownTenant = actorOrg.tenantId;
  if (target.invitationCustomerTenantId !== undefined && target.invitationCustomerTenantId !== ownTenant) {
    return deny('wrong-tenant');
  }
  if (target.customerOrg && target.customerOrg.tenantId !== ownTenant) return deny('wrong-tenant');

  const vianet = vianetDenial(target);
  if (vianet) return vianet;

  // Rule 7: what an invitation grants decides who may accept it, whatever the caller called it.
  const action =
    requested === 'accept-reseller-invitation' && target.includesAdminAccess === true
      ? 'accept-admin-invitation'
      : requested;
  if (!customerMay(roles, action)) {
    const neededRoles = ROLE_TABLE_CUSTOMER[action];
    if (action === 'accept-admin-invitation' && customerMay(roles, 'accept-reseller-invitation')) {
      return deny('reseller-only-invitation-required', { neededRoles, params: { action } });
    }
    return deny('role-required', { neededRoles, params: { action } });
  }

  const accepting = action === 'accept-reseller-invitation' || action === 'accept-admin-invitation';
  if (accepting && target.partnerOrg) {
    // Checked again here: an invitation sent by domain reached a customer unknown at request time.
    const region = boundaryDenial(target.partnerOrg, actorOrg);
    if (region) return region;
  }
  if (action === 'accept-admin-invitation') {
    const existing = delegatedAdminDenial(target, target.partnerOrg?.tenantId, settings);
    if (existing) return existing;
  }
  if (action === ENROLL) return webMailDenial(target.primaryContactEmail) ?? ALLOW;
  return ALLOW;
}
