import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Invitation, Language, Organization, User } from '../../domain/model.js';
import { invitationFacts } from '../../cards/labels.js';
import { noticeCard } from '../../cards/notice-card.js';
import { translator } from '../../i18n/i18n.js';
import { withRetry, type Store, type StoreReader, type Transaction } from '../../store/store.js';
import { audit } from '../audit.js';
import { isLiveInvitation } from './invitation-lookup.js';
import { hashInvitationToken } from './invitation-token.js';
import type { Notifier } from '../outbox/notifications.js';
import { ok, refuse, type Outcome } from '../outcome.js';
import { rekeyOrganization } from './organization-rekey.js';

/** Someone writing from a tenant Partner Desk does not know, as Teams reports them. */
export interface Claimant {
  tenantId: string;
  aadObjectId: string;
  name: string;
  /** Their email or user principal name (TeamsInfo.getMember); undefined when Teams did not say. */
  email?: string;
}

export interface Claimable {
  invitation: Invitation;
  /** The organisation the invitation is for, when Partner Desk has one (added by a partner, nobody in it yet). */
  organization?: Organization;
}

export interface Claimed {
  organization: Organization;
  user: User;
  invitation: Invitation;
}

export const CLAIM_ACTION = 'organization.claimed';
const OPERATOR = { userId: 'operator', name: 'Partner Desk operator', tenantId: 'operator' };

/**
 * Partner Center's rule that the code is the key: a person from an unregistered tenant who holds a live code for
 * an invitation addressed to their own domain may claim the invited organisation and become its first global admin.
 */
export class OrganizationClaimService {
  constructor(
    private readonly store: Store,
    private readonly notifier: Notifier,
    private readonly clock: () => Date,
    private readonly defaultLanguage: Language,
  ) {}

  /** Whether this person may claim with this code; nothing is changed. */
  check(claimant: Claimant, code: string): Promise<Outcome<Claimable>> {
    return this.claimable(this.store, claimant, code);
  }

  /** The claim, in one transaction: tenant bound, first global admin, audit event, partner told. */
  async claim(claimant: Claimant, code: string): Promise<Outcome<Claimed>> {
    return withRetry(this.store, async (tx) => {
      const checked = await this.claimable(tx, claimant, code);
      if (!checked.ok) return checked;
      const { invitation } = checked.value;
      const now = this.clock();
      const domain = invitation.customerDomain.toLowerCase();
      const partner = (await tx.get('organizations', invitation.partnerTenantId))!;
      const previous = checked.value.organization;
      const organization = previous
        ? await rekeyOrganization(tx, previous, claimant.tenantId)
        : tx.insert('organizations', {
            id: claimant.tenantId,
            tenantId: claimant.tenantId,
            name: domain,
            primaryDomain: domain,
            // Rule 1: the partner could invite it only in its own country, and serves its own cloud.
            countryRegion: partner.countryRegion,
            cloud: partner.cloud,
            kind: 'customer',
            createdAt: now.toISOString(),
          });
      // Invitations sent to the domain before anyone knew its tenant now belong to the organisation.
      const bound: string[] = [];
      for (const open of await tx.findBy('invitations', 'customer', domain)) {
        if (open.customerTenantId || open.customerDomain.toLowerCase() !== domain) continue;
        tx.update('invitations', { ...open, customerTenantId: claimant.tenantId });
        bound.push(open.id);
      }
      const user = tx.insert('users', {
        id: `${claimant.tenantId}/${claimant.aadObjectId}`,
        tenantId: claimant.tenantId,
        aadObjectId: claimant.aadObjectId,
        name: claimant.name,
        email: claimant.email!.toLowerCase(),
        roles: { side: 'customer', admin: ['global-admin'] },
        createdAt: now.toISOString(),
      });
      audit(tx, now, {
        actor: { userId: user.id, name: user.name, tenantId: user.tenantId },
        action: CLAIM_ACTION,
        target: { type: 'organization', id: organization.tenantId },
        tenantIds: [organization.tenantId, invitation.partnerTenantId],
        before: { tenantId: previous?.tenantId ?? null },
        after: {
          tenantId: organization.tenantId,
          userId: user.id,
          invitationId: invitation.id,
          boundInvitations: bound,
        },
      });
      await this.tellPartner(tx, invitation, organization, user);
      return ok({ organization, user, invitation: (await tx.get('invitations', invitation.id))! });
    });
  }

  /**
   * The operator's undo of a claim made in error: the people registered for the tenant are removed and the
   * organisation goes back to the id it had (or a new placeholder), unclaimed, with its relationships.
   */
  async undo(tenantId: string): Promise<Outcome<{ organization: Organization; removedUsers: number }>> {
    return withRetry(this.store, async (tx) => {
      const org = await tx.get('organizations', tenantId);
      if (!org) return refuse('claim-not-found');
      const claims = (await tx.findBy('auditEvents', 'target', `organization/${tenantId}`))
        .filter((e) => e.action === CLAIM_ACTION)
        .sort((a, b) => b.at.localeCompare(a.at));
      if (!claims[0]) return refuse('claim-not-found');
      const before = z.object({ tenantId: z.string().nullable() }).safeParse(claims[0].before);
      const users = await tx.findBy('users', 'tenant', tenantId);
      for (const u of users) tx.remove('users', u);
      const restored = await rekeyOrganization(tx, org, (before.success && before.data.tenantId) || randomUUID());
      audit(tx, this.clock(), {
        actor: OPERATOR,
        action: 'organization.claim-undone',
        target: { type: 'organization', id: restored.tenantId },
        tenantIds: [restored.tenantId],
        before: { tenantId, users: users.map((u) => u.id) },
        after: { tenantId: restored.tenantId },
      });
      return ok({ organization: restored, removedUsers: users.length });
    });
  }

  private async claimable(reader: StoreReader, claimant: Claimant, code: string): Promise<Outcome<Claimable>> {
    if (await reader.get('organizations', claimant.tenantId)) return refuse('claim-tenant-registered');
    const hash = hashInvitationToken(code);
    const [invitation] = hash ? await reader.findBy('invitations', 'tokenHash', hash) : [];
    if (!invitation || !isLiveInvitation(invitation, this.clock())) return refuse('claim-code-not-valid');
    const domain = invitation.customerDomain.toLowerCase();
    const email = claimant.email?.trim().toLowerCase() ?? '';
    if (!z.string().email().safeParse(email).success) return refuse('claim-identity-unknown');
    if (email.slice(email.lastIndexOf('@') + 1) !== domain) return refuse('claim-domain-mismatch', { domain });
    const organization = invitation.customerTenantId
      ? await reader.get('organizations', invitation.customerTenantId)
      : (await reader.findBy('organizations', 'domain', domain))[0];
    // An organisation someone already acts for is theirs: a code does not take it over.
    if (organization && (await reader.findBy('users', 'tenant', organization.tenantId)).length > 0)
      return refuse('claim-organization-taken', { domain });
    return ok({ invitation, ...(organization ? { organization } : {}) });
  }

  private async tellPartner(tx: Transaction, invitation: Invitation, org: Organization, by: User): Promise<void> {
    const staff = (await tx.findBy('users', 'tenant', invitation.partnerTenantId)).filter(
      (u) =>
        u.id === invitation.createdBy.userId ||
        (u.roles.side === 'partner' && (u.roles.agent === 'admin-agent' || u.roles.admin === 'global-admin')),
    );
    for (const person of staff) {
      const tr = translator(person.language ?? this.defaultLanguage);
      const card = noticeCard(
        tr.t('claim.notify.title', { customer: org.name }),
        tr.t('claim.notify.text', { name: by.name, email: by.email, customer: org.name }),
        'good',
        invitationFacts(invitation, org.name, tr),
      );
      this.notifier.enqueue(tx, person, CLAIM_ACTION, { card }, invitation.id);
    }
  }
}
