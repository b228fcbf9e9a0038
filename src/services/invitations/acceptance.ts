import { randomUUID } from 'node:crypto';
import { recordMcaAcceptance } from './customer-agreement.js';
import { accessEndsAt, applyInvitationEvent, applyRelationshipEvent } from '../../domain/lifecycle.js';
import type { Invitation, Organization, Relationship } from '../../domain/model.js';
import { isAddressedTo } from '../../domain/invitation-addressee.js';
import { decide, type PolicySettings } from '../../domain/policy.js';
import { withRetry, type Store, type Transaction } from '../../store/store.js';
import { audit } from '../audit.js';
import { actorOf, tenantsOf, type Acting } from './invitations.js';
import { ok, refuse, type Outcome } from '../outcome.js';
import type { McaAcceptedHook } from './mca-notice.js';
import { requestTemplateAssignments, syncAssignmentsWithAccess } from '../relationships/access-assignments.js';
import { recordOffer } from './offer-records.js';
import { insertRelationship } from '../relationships/customer-mca.js';
import { grantsOf, providerRefusal } from '../two-tier/two-tier-terms.js';

export interface Accepted {
  invitation: Invitation;
  relationships: Relationship[];
  mcaRecorded: boolean;
}

/**
 * Called inside the accepting transaction, so the partner's notification commits with the acceptance;
 * `mcaRecorded` says the same answer accepted the MCA (the inviting partner hears both in one message).
 */
export type AnswerHook = (
  tx: Transaction,
  invitation: Invitation,
  partner: Organization,
  answer?: { mcaRecorded: boolean },
) => Promise<void> | void;

/** The customer side of an invitation: Accept & Authorize (with the MCA) or Decline. */
export class AcceptanceService {
  constructor(
    private readonly store: Store,
    private readonly clock: () => Date,
    private readonly policy: PolicySettings,
    private readonly onMcaAccepted?: McaAcceptedHook,
    /** After an acceptance committed: a template's groups, pending until now, are provisioned. */
    private readonly afterAccepted?: (accepted: Accepted) => Promise<void>,
  ) {}

  /** Why this user cannot answer this invitation now, or undefined when they can. */
  async check(acting: Acting, invitation: Invitation): Promise<Outcome<Organization>> {
    const partner = await this.store.get('organizations', invitation.partnerTenantId);
    if (!partner) return refuse('invitation-not-found');
    const boundTo = invitation.customerTenantId;
    if (!isAddressedTo(invitation, acting.org)) return refuse('invitation-other-tenant');
    const state = this.stateRefusal(invitation);
    if (state) return state;
    const includesAdminAccess = invitation.adminAccess !== null;
    const delegatedAdmins = (await this.store.findBy('relationships', 'customer', acting.org.tenantId))
      .filter((r) => isLive(r) && r.adminAccess && !r.adminAccess.removedAt)
      .map((r) => r.partnerTenantId);
    const decision = decide(
      acting.user,
      includesAdminAccess ? 'accept-admin-invitation' : 'accept-reseller-invitation',
      {
        actorOrg: acting.org,
        partnerOrg: partner,
        invitationCustomerTenantId: boundTo ?? acting.org.tenantId,
        includesAdminAccess,
        customerDelegatedAdminPartnerTenantIds: delegatedAdmins,
      },
      this.policy,
    );
    if (!decision.allowed) return refuse(decision.reason, decision.params, decision.neededRoles);
    return ok(partner);
  }

  private stateRefusal(invitation: Invitation): Outcome<never> | undefined {
    const by = invitation.decidedBy;
    switch (invitation.status) {
      case 'accepted':
        return refuse('invitation-already-accepted', { name: by?.name ?? '?', at: by?.at ?? '' });
      case 'declined':
        return refuse('invitation-already-declined', { name: by?.name ?? '?', at: by?.at ?? '' });
      case 'cancelled':
        return refuse('invitation-cancelled');
      case 'expired':
        return refuse('invitation-expired');
      case 'created':
        return refuse('invitation-not-sent');
      default:
        return new Date(invitation.expiresAt) <= this.clock() ? refuse('invitation-expired') : undefined;
    }
  }

  async accept(
    acting: Acting,
    invitationId: string,
    answer: { acknowledged: boolean },
    onAnswered?: AnswerHook,
  ): Promise<Outcome<Accepted>> {
    const outcome = await this.acceptInTransaction(acting, invitationId, answer, onAnswered);
    if (outcome.ok) await this.afterAccepted?.(outcome.value);
    return outcome;
  }

  private async acceptInTransaction(
    acting: Acting,
    invitationId: string,
    answer: { acknowledged: boolean },
    onAnswered?: AnswerHook,
  ): Promise<Outcome<Accepted>> {
    return withRetry(this.store, async (tx) => {
      const invitation = await tx.get('invitations', invitationId);
      if (!invitation) return refuse('invitation-not-found');
      const allowed = await this.check(acting, invitation);
      if (!allowed.ok) return allowed;
      if (!answer.acknowledged) return refuse('acknowledgement-required');
      // Both partners or neither: the provider's side is checked before anything is written (declining needs none of it).
      const provider = await providerRefusal(tx, invitation, acting.org);
      if (provider?.code === 'provider-not-authorised')
        return refuse('invitation-provider-gone', { partner: allowed.value.name });
      if (provider) return refuse(provider.code, provider.params);
      const now = this.clock();
      const by = { ...actorOf(acting), at: now.toISOString() };
      const accepted = applyInvitationEvent(invitation, { type: 'accept', by }, { actor: 'customer', now });
      if (!accepted.ok) return refuse(`invitation-${accepted.error.code}`);
      const saved = tx.update('invitations', { ...accepted.value, customerTenantId: acting.org.tenantId });

      const mca = await recordMcaAcceptance(tx, acting, now);
      const relationships: Relationship[] = [];
      const current = (await tx.findBy('relationships', 'customer', acting.org.tenantId)).filter(isLive);
      for (const partnerTenantId of [
        invitation.partnerTenantId,
        ...(invitation.providerTenantId ? [invitation.providerTenantId] : []),
      ]) {
        const grants = grantsOf(saved, partnerTenantId);
        // A two-tier invitation to a customer already buying through one of the two adds nothing for that one.
        const covered =
          saved.kind === 'two-tier' &&
          !grants.adminAccess &&
          current.some((r) => r.partnerTenantId === partnerTenantId && grants.types.every((t) => r.types.includes(t)));
        if (covered) continue;
        const relationship = await this.createRelationship(tx, saved, partnerTenantId, acting.org.tenantId, by, now);
        await requestTemplateAssignments(tx, saved, relationship, now);
        relationships.push(relationship);
      }
      await recordOffer(tx, saved, by, now);
      if (invitation.replacesRelationshipId)
        await this.endReplacedAccess(tx, invitation.replacesRelationshipId, acting, now);
      audit(tx, now, {
        actor: actorOf(acting),
        action: 'invitation.accepted',
        target: { type: 'invitation', id: invitation.id },
        tenantIds: tenantsOf(saved),
      });
      // After the relationships exist. The inviting side hears of the MCA in its acceptance notice: one
      // message per event, not two at once; the customer's other partners get the MCA notice alone.
      if (mca) await this.onMcaAccepted?.(tx, acting.org, mca, new Set(tenantsOf(saved)));
      await onAnswered?.(tx, saved, allowed.value, { mcaRecorded: mca !== undefined });
      return ok({ invitation: saved, relationships, mcaRecorded: mca !== undefined });
    });
  }

  async decline(acting: Acting, invitationId: string, onAnswered?: AnswerHook): Promise<Outcome<Invitation>> {
    return withRetry(this.store, async (tx) => {
      const invitation = await tx.get('invitations', invitationId);
      if (!invitation) return refuse('invitation-not-found');
      const allowed = await this.check(acting, invitation);
      if (!allowed.ok) return allowed;
      const now = this.clock();
      const by = { ...actorOf(acting), at: now.toISOString() };
      const declined = applyInvitationEvent(invitation, { type: 'decline', by }, { actor: 'customer', now });
      if (!declined.ok) return refuse(`invitation-${declined.error.code}`);
      const saved = tx.update('invitations', declined.value);
      audit(tx, now, {
        actor: actorOf(acting),
        action: 'invitation.declined',
        target: { type: 'invitation', id: invitation.id },
        tenantIds: tenantsOf(saved),
      });
      await onAnswered?.(tx, saved, allowed.value);
      return ok(saved);
    });
  }

  private async createRelationship(
    tx: Transaction,
    invitation: Invitation,
    partnerTenantId: string,
    customerTenantId: string,
    by: Relationship['acceptedBy'],
    now: Date,
  ): Promise<Relationship> {
    const { types, adminAccess: access } = grantsOf(invitation, partnerTenantId);
    const approved: Relationship = {
      id: randomUUID(),
      version: 0,
      partnerTenantId,
      customerTenantId,
      types,
      adminAccess: access
        ? { ...access, startAt: now.toISOString(), endAt: accessEndsAt(now, access.durationDays).toISOString() }
        : null,
      status: 'approved',
      invitationId: invitation.id,
      viaProviderTenantId: partnerTenantId === invitation.partnerTenantId ? invitation.providerTenantId : undefined,
      acceptedBy: by,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
      ...(invitation.displayName ? { displayName: invitation.displayName } : {}),
    };
    const active = applyRelationshipEvent(approved, { type: 'activate' }, { actor: 'system', now });
    const { version: _version, ...record } = active.ok ? active.value : approved;
    const saved = await insertRelationship(tx, record);
    audit(tx, now, {
      actor: by ? { userId: by.userId, name: by.name, tenantId: by.tenantId } : null,
      action: 'relationship.activated',
      target: { type: 'relationship', id: saved.id },
      tenantIds: [partnerTenantId, customerTenantId],
      after: { types: saved.types, adminAccess: saved.adminAccess },
    });
    return saved;
  }

  /** A role change: the old access ends once the customer accepted the new request. */
  private async endReplacedAccess(tx: Transaction, relationshipId: string, acting: Acting, now: Date): Promise<void> {
    const old = await tx.get('relationships', relationshipId);
    if (!old?.adminAccess || old.adminAccess.removedAt) return;
    const replaced = tx.update('relationships', {
      ...old,
      adminAccess: { ...old.adminAccess, removedAt: now.toISOString(), removedBy: 'replaced' },
      updatedAt: now.toISOString(),
    });
    await syncAssignmentsWithAccess(tx, replaced, now, actorOf(acting));
    audit(tx, now, {
      actor: actorOf(acting),
      action: 'relationship.access-replaced',
      target: { type: 'relationship', id: old.id },
      tenantIds: [old.partnerTenantId, old.customerTenantId],
    });
  }
}

export function isLive(r: Relationship): boolean {
  return r.status === 'active' || r.status === 'expiring';
}
