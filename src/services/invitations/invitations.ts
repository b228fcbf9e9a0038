import { randomUUID } from 'node:crypto';
import { applyInvitationEvent, invitationExpiresAt } from '../../domain/lifecycle.js';
import type {
  Actor,
  AdminAccessRequest,
  Invitation,
  InvitationKind,
  OfferedService,
  Organization,
  RelationshipType,
  User,
} from '../../domain/model.js';
import { decide, type PolicySettings } from '../../domain/policy.js';
import { audit } from '../audit.js';
import { newInvitationToken, redactTokens } from './invitation-token.js';
import { ok, refuse, type Outcome } from '../outcome.js';
import { canSee } from '../directory/visible-organizations.js';
import { providerRefusal } from '../two-tier/two-tier-terms.js';
import { withRetry, type Store, type Transaction } from '../../store/store.js';

export interface Acting {
  user: User;
  org: Organization;
}

export function actorOf({ user }: Acting): Actor {
  return { userId: user.id, name: user.name, tenantId: user.tenantId };
}

/** What a partner asks for; the customer is a known organisation or a new one named by domain and email. */
export interface InvitationRequest {
  kind: Extract<InvitationKind, 'reseller' | 'trial' | 'purchase-offer' | 'two-tier'>;
  /** Two-tier ("Invite new customers"): the reseller's indirect provider, invited alongside it. */
  providerTenantId?: string;
  customer: { tenantId: string } | { domain: string; email: string };
  relationshipTypes: RelationshipType[];
  adminAccess: AdminAccessRequest | null;
  services?: OfferedService[];
  leadId?: string;
  replacesRelationshipId?: string;
}

export interface IssuedInvitation {
  invitation: Invitation;
  /** Shown once; only its hash is stored. Undefined when an open invitation for the same request was found. */
  token?: string;
  existing: boolean;
}

export interface InvitationPolicy extends PolicySettings {
  fourEyes: boolean;
}

/** Invitations as partners issue them: checks, one-time tokens, duplicates, four-eyes, sending, cancelling. */
export class InvitationService {
  constructor(
    private readonly store: Store,
    private readonly clock: () => Date,
    private readonly policy: InvitationPolicy,
  ) {}

  /** `onCreated` runs in the same transaction as a new invitation (not a duplicate), e.g. to queue four-eyes approval cards. */
  async request(
    acting: Acting,
    request: InvitationRequest,
    onCreated?: (tx: Transaction, invitation: Invitation) => Promise<void> | void,
  ): Promise<Outcome<IssuedInvitation>> {
    const { user, org } = acting;
    const customer =
      'tenantId' in request.customer ? await this.store.get('organizations', request.customer.tenantId) : undefined;
    if ('tenantId' in request.customer && !customer) return refuse('customer-not-found');
    const customerDomain = customer?.primaryDomain ?? ('domain' in request.customer ? request.customer.domain : '');
    if (!customer) {
      const known = await this.store.findBy('organizations', 'domain', customerDomain.toLowerCase());
      // The partner typed the domain, so saying it is taken tells nothing new; the name only to those who deal with it.
      if (known[0])
        return refuse('customer-domain-known', {
          name: (await canSee(this.store, org, known[0])) ? known[0].name : customerDomain,
        });
    }
    const includesAdminAccess = request.adminAccess !== null;
    const existingDelegatedAdmins = customer ? await this.delegatedAdminPartners(customer.tenantId) : [];
    const target = {
      actorOrg: org,
      customerOrg: customer,
      includesAdminAccess,
      customerDelegatedAdminPartnerTenantIds: existingDelegatedAdmins,
    };
    const decision = decide(user, 'request-reseller-relationship', target, this.policy);
    if (!decision.allowed) return refuse(decision.reason, decision.params, decision.neededRoles);
    if (includesAdminAccess) {
      const admin = decide(user, 'include-delegated-admin', target, this.policy);
      if (!admin.allowed) return refuse(admin.reason, admin.params, admin.neededRoles);
    }
    const access = request.adminAccess;
    if (access?.autoExtend && access.roles.includes('global-administrator')) {
      return refuse('auto-extend-with-global-admin');
    }
    if (request.relationshipTypes.includes('delegated-admin') !== includesAdminAccess) {
      return refuse('delegated-admin-type-mismatch');
    }
    // Rule 6: nothing is bought for a customer that has not accepted the MCA; a new one has not.
    if (request.kind === 'purchase-offer' && !customer?.mcaAcceptanceId)
      return refuse('mca-not-accepted', { customer: customer?.name ?? customerDomain });
    if (request.kind === 'two-tier') {
      const provider = await this.authorisedProvider(org, request.providerTenantId);
      if (!provider.ok) return provider;
      const terms = await providerRefusal(this.store, { ...request, partnerTenantId: org.tenantId }, customer);
      if (terms) return refuse(terms.code, terms.params);
    }

    return withRetry(this.store, async (tx) => {
      const duplicate = await this.openDuplicate(tx, org.tenantId, customer?.tenantId ?? customerDomain, request);
      if (duplicate) return ok({ invitation: duplicate, existing: true });
      const now = this.clock();
      const { token, tokenHash } = newInvitationToken();
      const fourEyes = this.policy.fourEyes && !!access?.roles.includes('global-administrator');
      const invitation = tx.insert('invitations', {
        id: randomUUID(),
        kind: request.kind,
        partnerTenantId: org.tenantId,
        providerTenantId: request.kind === 'two-tier' ? request.providerTenantId : undefined,
        customerTenantId: customer?.tenantId,
        customerDomain: customerDomain.toLowerCase(),
        customerEmail: 'email' in request.customer ? request.customer.email : undefined,
        relationshipTypes: request.relationshipTypes,
        adminAccess: access,
        services: request.services ?? [],
        tokenHash,
        status: 'created',
        createdAt: now.toISOString(),
        expiresAt: invitationExpiresAt(now).toISOString(),
        createdBy: actorOf(acting),
        fourEyes: { required: fourEyes },
        leadId: request.leadId,
        replacesRelationshipId: request.replacesRelationshipId,
      });
      audit(tx, now, {
        actor: actorOf(acting),
        action: 'invitation.created',
        target: { type: 'invitation', id: invitation.id },
        tenantIds: [org.tenantId, ...(customer ? [customer.tenantId] : [])],
        after: { kind: invitation.kind, types: invitation.relationshipTypes, adminAccess: access },
      });
      await onCreated?.(tx, invitation);
      return ok({ invitation, token, existing: false });
    });
  }

  /** "Done": the partner sent the email; the invitation now waits for the customer. */
  async markSent(
    acting: Acting,
    invitationId: string,
    email: { subject: string; body: string },
    onSent?: (tx: Transaction, invitation: Invitation) => Promise<void> | void,
  ): Promise<Outcome<Invitation>> {
    return withRetry(this.store, async (tx) => {
      const invitation = await tx.get('invitations', invitationId);
      if (!invitation || invitation.partnerTenantId !== acting.org.tenantId) return refuse('invitation-not-found');
      if (invitation.status === 'approval-pending') return ok(invitation);
      if (invitation.fourEyes.required && !invitation.fourEyes.approvedBy) return refuse('four-eyes-pending');
      const now = this.clock();
      const sent = applyInvitationEvent(invitation, { type: 'send' }, { actor: 'partner', now });
      if (!sent.ok) return refuse(`invitation-${sent.error.code}`, { status: invitation.status });
      // The email holds the one-time link: it is kept without it (the token is shown once, never stored).
      const kept = { subject: redactTokens(email.subject), body: redactTokens(email.body) };
      const saved = tx.update('invitations', { ...sent.value, email: kept });
      audit(tx, now, {
        actor: actorOf(acting),
        action: 'invitation.sent',
        target: { type: 'invitation', id: invitation.id },
        tenantIds: tenantsOf(invitation),
      });
      await onSent?.(tx, saved);
      return ok(saved);
    });
  }

  /** Four-eyes: a second admin agent or global admin of the partner approves a request with Global Administrator. */
  async approve(acting: Acting, invitationId: string): Promise<Outcome<Invitation>> {
    return withRetry(this.store, async (tx) => {
      const invitation = await tx.get('invitations', invitationId);
      if (!invitation || invitation.partnerTenantId !== acting.org.tenantId) return refuse('invitation-not-found');
      if (!invitation.fourEyes.required) return refuse('four-eyes-not-required');
      if (invitation.fourEyes.approvedBy) return ok(invitation);
      if (invitation.createdBy.userId === acting.user.id) return refuse('four-eyes-own-request');
      const decision = decide(acting.user, 'include-delegated-admin', { actorOrg: acting.org }, this.policy);
      if (!decision.allowed) return refuse(decision.reason, decision.params, decision.neededRoles);
      if (invitation.status !== 'created') return refuse('invitation-not-open', { status: invitation.status });
      const now = this.clock();
      const approved = tx.update('invitations', {
        ...invitation,
        fourEyes: { required: true, approvedBy: { ...actorOf(acting), at: now.toISOString() } },
      });
      audit(tx, now, {
        actor: actorOf(acting),
        action: 'invitation.approved',
        target: { type: 'invitation', id: invitation.id },
        tenantIds: [invitation.partnerTenantId],
      });
      return ok(approved);
    });
  }

  async cancel(acting: Acting, invitationId: string): Promise<Outcome<Invitation>> {
    return withRetry(this.store, async (tx) => {
      const invitation = await tx.get('invitations', invitationId);
      if (!invitation || invitation.partnerTenantId !== acting.org.tenantId) return refuse('invitation-not-found');
      const decision = decide(acting.user, 'request-reseller-relationship', { actorOrg: acting.org }, this.policy);
      if (!decision.allowed) return refuse(decision.reason, decision.params, decision.neededRoles);
      const now = this.clock();
      const cancelled = applyInvitationEvent(invitation, { type: 'cancel' }, { actor: 'partner', now });
      if (!cancelled.ok) return refuse('invitation-not-open', { status: invitation.status });
      const saved = tx.update('invitations', cancelled.value);
      audit(tx, now, {
        actor: actorOf(acting),
        action: 'invitation.cancelled',
        target: { type: 'invitation', id: invitation.id },
        tenantIds: tenantsOf(invitation),
      });
      return ok(saved);
    });
  }

  /** A new personalised link for an open invitation; the previous link stops working. */
  async newLink(acting: Acting, invitationId: string): Promise<Outcome<{ invitation: Invitation; token: string }>> {
    return withRetry(this.store, async (tx) => {
      const invitation = await tx.get('invitations', invitationId);
      if (!invitation || invitation.partnerTenantId !== acting.org.tenantId) return refuse('invitation-not-found');
      if (invitation.status !== 'created' && invitation.status !== 'approval-pending') {
        return refuse('invitation-not-open', { status: invitation.status });
      }
      const { token, tokenHash } = newInvitationToken();
      const saved = tx.update('invitations', { ...invitation, tokenHash });
      audit(tx, this.clock(), {
        actor: actorOf(acting),
        action: 'invitation.link-renewed',
        target: { type: 'invitation', id: invitation.id },
        tenantIds: [invitation.partnerTenantId],
      });
      return ok({ invitation: saved, token });
    });
  }

  private async openDuplicate(
    tx: Transaction,
    partnerTenantId: string,
    customerKey: string,
    request: InvitationRequest,
  ): Promise<Invitation | undefined> {
    const same = (a: readonly string[], b: readonly string[]) => [...a].sort().join() === [...b].sort().join();
    return (await tx.findBy('invitations', 'customer', customerKey.toLowerCase())).find(
      (i) =>
        i.partnerTenantId === partnerTenantId &&
        (i.status === 'created' || i.status === 'approval-pending') &&
        new Date(i.expiresAt) > this.clock() &&
        i.kind === request.kind &&
        i.providerTenantId === (request.kind === 'two-tier' ? request.providerTenantId : undefined) &&
        same(i.relationshipTypes, request.relationshipTypes) &&
        same(i.adminAccess?.roles ?? [], request.adminAccess?.roles ?? []) &&
        (i.adminAccess?.durationDays ?? 0) === (request.adminAccess?.durationDays ?? 0) &&
        same(
          i.services.map((s) => `${s.serviceId}:${s.licences ?? ''}`),
          (request.services ?? []).map((s) => `${s.serviceId}:${s.licences ?? ''}`),
        ),
    );
  }

  /** Two-tier invitations come from an indirect reseller, for a provider it has authorised. */
  private async authorisedProvider(
    reseller: Organization,
    providerTenantId: string | undefined,
  ): Promise<Outcome<string>> {
    if (reseller.kind !== 'indirect-reseller') return refuse('wrong-organization-kind', { kind: reseller.kind });
    const authorised = (await this.store.findBy('relationships', 'customer', reseller.tenantId)).some(
      (r) =>
        r.partnerTenantId === providerTenantId &&
        r.types.includes('indirect-provider') &&
        (r.status === 'active' || r.status === 'expiring'),
    );
    return authorised && providerTenantId ? ok(providerTenantId) : refuse('provider-not-authorised');
  }

  private async delegatedAdminPartners(customerTenantId: string): Promise<string[]> {
    const relationships = await this.store.findBy('relationships', 'customer', customerTenantId);
    return relationships
      .filter(
        (r) => (r.status === 'active' || r.status === 'expiring') && r.adminAccess !== null && !r.adminAccess.removedAt,
      )
      .map((r) => r.partnerTenantId);
  }
}

export function tenantsOf(invitation: Invitation): string[] {
  return [
    invitation.partnerTenantId,
    ...(invitation.providerTenantId ? [invitation.providerTenantId] : []),
    ...(invitation.customerTenantId ? [invitation.customerTenantId] : []),
  ];
}
