import { randomUUID } from 'node:crypto';
import {
  applyInvitationEvent,
  applyRelationshipEvent,
  accessEndsAt,
  invitationExpiresAt,
} from '../../domain/lifecycle.js';
import type { Invitation, Organization, Relationship } from '../../domain/model.js';
import { decide, type PolicySettings } from '../../domain/policy.js';
import { withRetry, type Store, type Transaction } from '../../store/store.js';
import { isLive } from '../invitations/acceptance.js';
import { audit } from '../audit.js';
import { newInvitationToken } from '../invitations/invitation-token.js';
import { actorOf, tenantsOf, type Acting } from '../invitations/invitations.js';
import { ok, refuse, type Outcome } from '../outcome.js';
import { visibleOrganizations } from '../directory/visible-organizations.js';
import { insertRelationship } from '../relationships/customer-mca.js';

/** What the provider gets in the reseller's tenant once authorised (the legacy delegated admin request). */
export const PROVIDER_ADMIN_ACCESS = {
  roles: ['global-administrator', 'helpdesk-administrator'] as const,
  durationDays: 730,
  autoExtend: false,
};

export type AnswerHook = (tx: Transaction, invitation: Invitation) => Promise<void> | void;

/** The indirect (two-tier) model: providers invite resellers, resellers authorise them, both see what they share. */
export class TwoTierService {
  constructor(
    private readonly store: Store,
    private readonly clock: () => Date,
    private readonly policy: PolicySettings,
  ) {}

  /** An indirect provider's global admin or admin agent invites a reseller to authorise it. */
  async inviteReseller(acting: Acting, resellerTenantId: string, onSent?: AnswerHook): Promise<Outcome<Invitation>> {
    const { user, org } = acting;
    if (org.kind !== 'indirect-provider') return refuse('wrong-organization-kind', { kind: org.kind });
    const decision = decide(user, 'include-delegated-admin', { actorOrg: org }, this.policy);
    if (!decision.allowed) return refuse(decision.reason, decision.params, decision.neededRoles);
    const reseller = await this.store.get('organizations', resellerTenantId);
    if (!reseller || reseller.kind !== 'indirect-reseller') return refuse('reseller-not-found');
    if ((await this.providersOf(reseller.tenantId)).some((r) => r.partnerTenantId === org.tenantId)) {
      return refuse('already-indirect-provider', { name: reseller.name });
    }
    return withRetry(this.store, async (tx) => {
      const open = (await tx.findBy('invitations', 'customer', reseller.tenantId)).find(
        (i) => i.kind === 'indirect-provider' && i.partnerTenantId === org.tenantId && i.status === 'approval-pending',
      );
      if (open) return ok(open);
      const now = this.clock();
      const invitation = tx.insert('invitations', {
        id: randomUUID(),
        kind: 'indirect-provider',
        partnerTenantId: org.tenantId,
        customerTenantId: reseller.tenantId,
        customerDomain: reseller.primaryDomain,
        relationshipTypes: ['indirect-provider'],
        adminAccess: { ...PROVIDER_ADMIN_ACCESS, roles: [...PROVIDER_ADMIN_ACCESS.roles] },
        services: [],
        tokenHash: newInvitationToken().tokenHash,
        status: 'approval-pending',
        createdAt: now.toISOString(),
        sentAt: now.toISOString(),
        expiresAt: invitationExpiresAt(now).toISOString(),
        createdBy: actorOf(acting),
        fourEyes: { required: false },
      });
      audit(tx, now, {
        actor: actorOf(acting),
        action: 'indirect-provider.invited',
        target: { type: 'invitation', id: invitation.id },
        tenantIds: tenantsOf(invitation),
      });
      await onSent?.(tx, invitation);
      return ok(invitation);
    });
  }

  /** "Authorize indirect provider": only the reseller's global admin, with the confirmation ticked. */
  async authorize(
    acting: Acting,
    invitationId: string,
    confirmed: boolean,
    onAnswered?: AnswerHook,
  ): Promise<Outcome<{ invitation: Invitation; relationship: Relationship }>> {
    return withRetry(this.store, async (tx) => {
      const checked = await this.checkAnswer(tx, acting, invitationId);
      if (!checked.ok) return checked;
      if (!confirmed) return refuse('confirmation-required');
      const { invitation } = checked.value;
      const now = this.clock();
      const by = { ...actorOf(acting), at: now.toISOString() };
      const accepted = applyInvitationEvent(invitation, { type: 'accept', by }, { actor: 'customer', now });
      if (!accepted.ok) return refuse(`invitation-${accepted.error.code}`);
      const saved = tx.update('invitations', accepted.value);
      const access = invitation.adminAccess!;
      const approved: Relationship = {
        id: randomUUID(),
        version: 0,
        partnerTenantId: invitation.partnerTenantId,
        customerTenantId: acting.org.tenantId,
        types: ['indirect-provider'],
        adminAccess: {
          ...access,
          startAt: now.toISOString(),
          endAt: accessEndsAt(now, access.durationDays).toISOString(),
        },
        status: 'approved',
        invitationId: invitation.id,
        acceptedBy: by,
        createdAt: now.toISOString(),
        updatedAt: now.toISOString(),
      };
      const active = applyRelationshipEvent(approved, { type: 'activate' }, { actor: 'system', now });
      const { version: _version, ...record } = active.ok ? active.value : approved;
      const relationship = await insertRelationship(tx, record);
      audit(tx, now, {
        actor: actorOf(acting),
        action: 'indirect-provider.authorized',
        target: { type: 'relationship', id: relationship.id },
        tenantIds: [invitation.partnerTenantId, acting.org.tenantId],
      });
      await onAnswered?.(tx, saved);
      return ok({ invitation: saved, relationship });
    });
  }

  async decline(acting: Acting, invitationId: string, onAnswered?: AnswerHook): Promise<Outcome<Invitation>> {
    return withRetry(this.store, async (tx) => {
      const checked = await this.checkAnswer(tx, acting, invitationId);
      if (!checked.ok) return checked;
      const now = this.clock();
      const by = { ...actorOf(acting), at: now.toISOString() };
      const declined = applyInvitationEvent(
        checked.value.invitation,
        { type: 'decline', by },
        { actor: 'customer', now },
      );
      if (!declined.ok) return refuse(`invitation-${declined.error.code}`);
      const saved = tx.update('invitations', declined.value);
      audit(tx, now, {
        actor: actorOf(acting),
        action: 'indirect-provider.declined',
        target: { type: 'invitation', id: saved.id },
        tenantIds: tenantsOf(saved),
      });
      await onAnswered?.(tx, saved);
      return ok(saved);
    });
  }

  /** Who may answer this provider invitation now, or why not. */
  async checkAnswer(
    reader: Pick<Transaction, 'get'>,
    acting: Acting,
    invitationId: string,
  ): Promise<Outcome<{ invitation: Invitation; provider: Organization }>> {
    const invitation = await reader.get('invitations', invitationId);
    if (!invitation || invitation.kind !== 'indirect-provider') return refuse('invitation-not-found');
    const provider = await reader.get('organizations', invitation.partnerTenantId);
    if (!provider) return refuse('invitation-not-found');
    if (invitation.customerTenantId !== acting.org.tenantId) return refuse('invitation-other-tenant');
    const by = invitation.decidedBy;
    if (invitation.status === 'accepted')
      return refuse('invitation-already-accepted', { name: by?.name ?? '?', at: by?.at ?? '' });
    if (invitation.status === 'declined')
      return refuse('invitation-already-declined', { name: by?.name ?? '?', at: by?.at ?? '' });
    if (invitation.status !== 'approval-pending') return refuse(`invitation-${invitation.status}`);
    if (new Date(invitation.expiresAt) <= this.clock()) return refuse('invitation-expired');
    const decision = decide(
      acting.user,
      'accept-indirect-provider',
      { actorOrg: acting.org, partnerOrg: provider },
      this.policy,
    );
    if (!decision.allowed) return refuse(decision.reason, decision.params, decision.neededRoles);
    return ok({ invitation, provider });
  }

  /** Reseller side: its authorised indirect providers. */
  async providersOf(resellerTenantId: string): Promise<Relationship[]> {
    return (await this.store.findBy('relationships', 'customer', resellerTenantId)).filter(
      (r) => isLive(r) && r.types.includes('indirect-provider'),
    );
  }

  /** Provider side: the resellers that authorised it. */
  async resellersOf(providerTenantId: string): Promise<Relationship[]> {
    return (await this.store.findBy('relationships', 'partner', providerTenantId)).filter(
      (r) => isLive(r) && r.types.includes('indirect-provider'),
    );
  }

  /** "View customers": the customers a reseller and a provider share (both have a live relationship with them). */
  async sharedCustomers(resellerTenantId: string, providerTenantId: string): Promise<Organization[]> {
    const live = async (partner: string) =>
      new Set(
        (await this.store.findBy('relationships', 'partner', partner))
          .filter((r) => isLive(r) && !r.types.includes('indirect-provider'))
          .map((r) => r.customerTenantId),
      );
    const [ofReseller, ofProvider] = await Promise.all([live(resellerTenantId), live(providerTenantId)]);
    const shared = [...ofReseller].filter((id) => ofProvider.has(id));
    const orgs = await Promise.all(shared.map((id) => this.store.get('organizations', id)));
    return orgs.filter((o): o is Organization => !!o).sort((a, b) => a.name.localeCompare(b.name));
  }

  /** The customer an "order" names: exact domain, then name, among the organisations this one deals with. */
  async findCustomers(acting: Acting, text: string): Promise<Organization[]> {
    const query = text.trim().toLowerCase();
    const visible = await visibleOrganizations(this.store, acting.org);
    const byDomain = visible.filter((o) => o.primaryDomain.toLowerCase() === query);
    if (byDomain.length) return byDomain;
    return visible.filter((o) => o.name.toLowerCase().includes(query));
  }

  /** Rule 10: a provider can only submit orders for a customer it has a reseller relationship with. */
  async canSubmitOrder(acting: Acting, customerTenantId: string): Promise<Outcome<Relationship>> {
    if (acting.org.kind !== 'indirect-provider') return refuse('wrong-organization-kind', { kind: acting.org.kind });
    const decision = decide(acting.user, 'act-on-behalf', { actorOrg: acting.org }, this.policy);
    if (!decision.allowed) return refuse(decision.reason, decision.params, decision.neededRoles);
    const customer = await this.store.get('organizations', customerTenantId);
    const relationship = (await this.store.findBy('relationships', 'customer', customerTenantId)).find(
      (r) => r.partnerTenantId === acting.org.tenantId && isLive(r) && r.types.includes('reseller'),
    );
    if (!relationship) return refuse('no-reseller-relationship', { customer: customer?.name ?? customerTenantId });
    // Rule 6: the reseller relationship alone is not enough to buy for the customer.
    if (!customer?.mcaAcceptanceId) return refuse('mca-not-accepted', { customer: customer?.name ?? customerTenantId });
    return ok(relationship);
  }
}
