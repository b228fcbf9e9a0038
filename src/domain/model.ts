import { z } from 'zod';
import { plainName, plainText } from './text.js';
import { RelationshipName } from './relationship-name.js';
import { DelegatedAdminProgramme } from './partner-programmes.js';
import { FourEyes } from './four-eyes.js';
import { CustomerMcaMissing } from './customer-mca.js';

/** Every stored record carries an id and a version the store bumps on each write (optimistic concurrency). */
const Record = { id: z.string().min(1), version: z.number().int().nonnegative() };
const Timestamp = z.string().datetime();

// Names are shown to other organisations: a bidi override or zero-width character would make them read as something else.
const Name = (min = 1) => z.string().transform(plainName).pipe(z.string().min(min));
/** Free text written by someone (a description, what a customer needs, an email body): cleaned the same way, line breaks kept. */
const FreeText = (min = 0) => z.string().transform(plainText).pipe(z.string().min(min));

export const Cloud = z.enum(['public', 'usgov', 'germany', 'china']);
export type Cloud = z.infer<typeof Cloud>;
export const OrganizationKind = z.enum(['customer', 'direct-reseller', 'indirect-reseller', 'indirect-provider']);
export type OrganizationKind = z.infer<typeof OrganizationKind>;

export const OrganizationSize = z.enum(['1-10', '11-50', '51-250', '251-1000', '1000+']);
export type OrganizationSize = z.infer<typeof OrganizationSize>;

export const Contact = z.object({
  name: Name(),
  email: z.string().email(),
  phone: z.string().optional(),
});
export type Contact = z.infer<typeof Contact>;

/** The Microsoft Customer Agreement as one organisation accepted it. */
export const AgreementAcceptance = z.object({
  ...Record,
  tenantId: z.string().min(1),
  agreement: z.literal('MCA'),
  agreementVersion: z.string().min(1),
  acceptedByUserId: z.string().min(1),
  acceptedByName: Name(),
  acceptedAt: Timestamp,
  primaryContact: Contact,
});
export type AgreementAcceptance = z.infer<typeof AgreementAcceptance>;

/** A partner's entry in the "Find a partner" directory. */
export const PartnerListing = z.object({
  locations: z.array(Name()).min(1),
  sizes: z.array(OrganizationSize).min(1),
  keywords: z.array(Name()).min(1),
  description: FreeText(1),
  contact: Contact,
  website: z.string().url().optional(),
});
export type PartnerListing = z.infer<typeof PartnerListing>;

export const Organization = z.object({
  ...Record,
  /** The Microsoft Entra tenant id; also the record id. */
  tenantId: z.string().min(1),
  name: Name(),
  primaryDomain: z.string().min(3),
  /** ISO 3166-1 alpha-2 country/region code. */
  countryRegion: z.string().length(2),
  cloud: Cloud,
  kind: OrganizationKind,
  size: OrganizationSize.optional(),
  /** Id of the AgreementAcceptance record once the organisation accepted the MCA. */
  mcaAcceptanceId: z.string().optional(),
  listing: PartnerListing.optional(),
  mpnId: z.string().optional(),
  /** Seed 004: the programme that lets a partner offer delegated administration in trials and offers (operator-set). */
  delegatedAdminProgramme: DelegatedAdminProgramme.optional(),
  createdAt: Timestamp,
});
export type Organization = z.infer<typeof Organization>;

export const AgentRole = z.enum(['admin-agent', 'sales-agent', 'helpdesk-agent', 'none']);
export type AgentRole = z.infer<typeof AgentRole>;
export const PartnerAdminRole = z.enum(['global-admin', 'user-management-admin', 'none']);
export type PartnerAdminRole = z.infer<typeof PartnerAdminRole>;
export const CustomerAdminRole = z.enum(['global-admin', 'billing-admin', 'helpdesk-admin']);
export type CustomerAdminRole = z.infer<typeof CustomerAdminRole>;

/** Partner users hold one agent role and one admin role; customer users hold zero or more admin roles. */
export const UserRoles = z.discriminatedUnion('side', [
  z.object({ side: z.literal('partner'), agent: AgentRole, admin: PartnerAdminRole }),
  z.object({ side: z.literal('customer'), admin: z.array(CustomerAdminRole) }),
]);
export type UserRoles = z.infer<typeof UserRoles>;

export const Language = z.enum(['en', 'es']);
export type Language = z.infer<typeof Language>;

export const User = z.object({
  ...Record,
  tenantId: z.string().min(1),
  /** Microsoft Entra object id, as Teams sends it in `from.aadObjectId`. */
  aadObjectId: z.string().min(1),
  name: Name(),
  email: z.string().email(),
  roles: UserRoles,
  /** A language the user chose, overriding the Teams client's locale. */
  language: Language.optional(),
  createdAt: Timestamp,
});
export type User = z.infer<typeof User>;

export const RelationshipType = z.enum([
  'reseller',
  'delegated-admin',
  'advisor',
  'partner',
  'mpsa',
  'lob',
  'indirect-provider',
]);
export type RelationshipType = z.infer<typeof RelationshipType>;

/** Microsoft Entra built-in roles a partner may ask for the granular (GDAP) way. */
export const AdminRoleId = z.enum([
  'global-administrator',
  'helpdesk-administrator',
  'user-administrator',
  'license-administrator',
  'billing-administrator',
  'service-support-administrator',
  'password-administrator',
  'exchange-administrator',
  'sharepoint-administrator',
  'teams-administrator',
  'intune-administrator',
  'security-administrator',
  'security-reader',
  'global-reader',
  'directory-readers',
  'privileged-role-administrator',
]);
export type AdminRoleId = z.infer<typeof AdminRoleId>;

export const MIN_ACCESS_DAYS = 1;
export const MAX_ACCESS_DAYS = 730;
export const AUTO_EXTEND_DAYS = 180;
export const INVITATION_VALIDITY_DAYS = 90;

/** Admin access as a partner requests it: named roles for a fixed duration. */
export const AdminAccessRequest = z.object({
  roles: z.array(AdminRoleId).min(1),
  durationDays: z.number().int().min(MIN_ACCESS_DAYS).max(MAX_ACCESS_DAYS),
  autoExtend: z.boolean(),
});
export type AdminAccessRequest = z.infer<typeof AdminAccessRequest>;

/** Admin access as granted: the request plus when it started and ends. */
export const AdminAccess = AdminAccessRequest.extend({
  startAt: Timestamp,
  endAt: Timestamp,
  /** Set when the customer removed the partner's admin roles (rule 8). */
  removedAt: Timestamp.optional(),
  removedBy: z.string().optional(),
});
export type AdminAccess = z.infer<typeof AdminAccess>;

export const InvitationKind = z.enum(['reseller', 'two-tier', 'trial', 'purchase-offer', 'indirect-provider']);
export type InvitationKind = z.infer<typeof InvitationKind>;
export const InvitationStatus = z.enum(['created', 'approval-pending', 'accepted', 'declined', 'cancelled', 'expired']);
export type InvitationStatus = z.infer<typeof InvitationStatus>;

export const OfferedService = z.object({
  serviceId: z.string().min(1),
  licences: z.number().int().positive().optional(),
});
export type OfferedService = z.infer<typeof OfferedService>;

export const Actor = z.object({
  userId: z.string().min(1),
  name: Name(),
  tenantId: z.string().min(1),
});
export type Actor = z.infer<typeof Actor>;

export const ActorAt = Actor.extend({ at: Timestamp });
export type ActorAt = z.infer<typeof ActorAt>;

export const Invitation = z.object({
  ...Record,
  kind: InvitationKind,
  partnerTenantId: z.string().min(1),
  /** Two-tier: the indirect provider that is invited alongside the reseller. */
  providerTenantId: z.string().optional(),
  /** Unset while the customer is not yet a known organisation (invited by domain and email). */
  customerTenantId: z.string().optional(),
  customerDomain: z.string().min(3),
  customerEmail: z.string().email().optional(),
  relationshipTypes: z.array(RelationshipType).min(1),
  adminAccess: AdminAccessRequest.nullable(),
  services: z.array(OfferedService).default([]),
  /** SHA-256 of the personalised link token (the link's last part, which is also the code a customer may paste); the token itself is never stored. */
  tokenHash: z.string().length(64),
  status: InvitationStatus,
  createdAt: Timestamp,
  sentAt: Timestamp.optional(),
  expiresAt: Timestamp,
  createdBy: Actor,
  email: z.object({ subject: Name(0), body: FreeText() }).optional(),
  /** Four-eyes policy: the second partner admin who approved (or rejected) a request that includes Global Administrator. */
  fourEyes: FourEyes,
  decidedBy: ActorAt.optional(),
  leadId: z.string().optional(),
  /** A role change: the relationship whose access ends once this invitation is accepted. */
  replacesRelationshipId: z.string().optional(),
  displayName: RelationshipName.optional(),
  /** Started from a template: its groups are assigned the roles as soon as the customer accepts. */
  template: z.object({ id: z.string().min(1), groupIds: z.array(z.string().min(1)) }).optional(),
});
export type Invitation = z.infer<typeof Invitation>;

export const RelationshipStatus = z.enum([
  'approved',
  'active',
  'expiring',
  'expired',
  'termination-requested',
  'terminated',
]);
export type RelationshipStatus = z.infer<typeof RelationshipStatus>;

export const Relationship = z.object({
  ...Record,
  partnerTenantId: z.string().min(1),
  customerTenantId: z.string().min(1),
  types: z.array(RelationshipType).min(1),
  adminAccess: AdminAccess.nullable(),
  status: RelationshipStatus,
  invitationId: z.string().optional(),
  /** Two-tier: the indirect provider this reseller relationship was created with. */
  viaProviderTenantId: z.string().optional(),
  acceptedBy: ActorAt.optional(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  displayName: RelationshipName.optional(),
  customerMcaMissing: CustomerMcaMissing,
});
export type Relationship = z.infer<typeof Relationship>;

export const LeadStatus = z.enum(['new', 'contacted', 'declined', 'converted']);
export type LeadStatus = z.infer<typeof LeadStatus>;

export const Lead = z.object({
  ...Record,
  customerTenantId: z.string().min(1),
  partnerTenantId: z.string().min(1),
  needs: FreeText(1),
  contact: Contact,
  status: LeadStatus,
  createdBy: Actor,
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Lead = z.infer<typeof Lead>;

export const AuditEvent = z.object({
  ...Record,
  at: Timestamp,
  /** Null actor means the product itself (expiry, reminders). */
  actor: Actor.nullable(),
  action: z.string().min(1),
  target: z.object({ type: z.string().min(1), id: z.string().min(1) }),
  /** The organisations this event concerns: who may see it in a timeline (at most a two-tier chain's three). */
  tenantIds: z.array(z.string().min(1)).min(1).max(3),
  before: z.unknown().optional(),
  after: z.unknown().optional(),
});
export type AuditEvent = z.infer<typeof AuditEvent>;

export const EnrollmentStatus = z.enum(['awaiting-verification', 'in-review', 'approved', 'rejected']);
export type EnrollmentStatus = z.infer<typeof EnrollmentStatus>;

/** An application to enrol as an indirect reseller (rule 11), reviewed by the operator. */
export const Enrollment = z.object({
  ...Record,
  tenantId: z.string().min(1),
  legalName: Name(2),
  address: z.object({
    street: Name(2),
    city: Name(2),
    postalCode: z.string().min(2),
    countryRegion: z.string().length(2),
  }),
  primaryContact: Contact,
  support: z.object({ email: z.string().email(), phone: z.string().min(5) }),
  mpnId: z.string().regex(/^\d{6,10}$/),
  status: EnrollmentStatus,
  /** SHA-256 of the one-time code sent to the primary contact in Teams. */
  verification: z.object({ codeHash: z.string().length(64), expiresAt: Timestamp, attempts: z.number().int().min(0) }),
  submittedBy: Actor,
  history: z.array(z.object({ status: EnrollmentStatus, at: Timestamp, by: z.string(), note: FreeText().optional() })),
  createdAt: Timestamp,
});
export type Enrollment = z.infer<typeof Enrollment>;
