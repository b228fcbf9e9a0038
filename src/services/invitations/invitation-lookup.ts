import type { Invitation, Organization } from '../../domain/model.js';
import type { InvitationView } from '../../cards/invitation-card.js';
import type { StoreReader } from '../../store/store.js';
import { hashInvitationToken } from './invitation-token.js';

/** Invitations a customer answers (an indirect-provider invitation is for a reseller, not a customer). */
const CUSTOMER_KINDS: ReadonlySet<Invitation['kind']> = new Set(['reseller', 'two-tier', 'trial', 'purchase-offer']);

/** Sent, not yet answered, cancelled or lapsed: the only state in which a code opens anything. */
export function isLiveInvitation(invitation: Invitation, now: Date): boolean {
  return (
    invitation.status === 'approval-pending' &&
    new Date(invitation.expiresAt) > now &&
    CUSTOMER_KINDS.has(invitation.kind)
  );
}

/** The live customer invitation a pasted code or link names, or undefined (unknown, used, cancelled, expired). */
export async function liveInvitationByCode(
  reader: StoreReader,
  pasted: string,
  now: Date,
): Promise<Invitation | undefined> {
  const hash = hashInvitationToken(pasted);
  if (!hash) return undefined;
  const [invitation] = await reader.findBy('invitations', 'tokenHash', hash);
  return invitation && isLiveInvitation(invitation, now) ? invitation : undefined;
}

/**
 * What the invitation shows someone who holds its code. An invitation addressed by domain to an organisation
 * Partner Desk does not know yet is shown as the partner would create it: in the partner's own cloud and country.
 */
export async function invitationViewFor(
  reader: StoreReader,
  invitation: Invitation,
): Promise<InvitationView | undefined> {
  const partner = await reader.get('organizations', invitation.partnerTenantId);
  if (!partner) return undefined;
  const known = invitation.customerTenantId
    ? await reader.get('organizations', invitation.customerTenantId)
    : (await reader.findBy('organizations', 'domain', invitation.customerDomain.toLowerCase()))[0];
  const customer: Organization = known ?? {
    id: invitation.customerDomain,
    tenantId: invitation.customerDomain,
    version: 0,
    name: invitation.customerDomain,
    primaryDomain: invitation.customerDomain,
    countryRegion: partner.countryRegion,
    cloud: partner.cloud,
    kind: 'customer',
    createdAt: invitation.createdAt,
  };
  const provider = invitation.providerTenantId
    ? await reader.get('organizations', invitation.providerTenantId)
    : undefined;
  const mca = customer.mcaAcceptanceId ? await reader.get('agreements', customer.mcaAcceptanceId) : undefined;
  return { invitation, partner, customer, ...(provider ? { provider } : {}), ...(mca ? { mca } : {}) };
}
