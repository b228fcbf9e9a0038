import type { Invitation, Organization, RelationshipType } from '../../domain/model.js';
import { isOperatedBy21Vianet, sameCloud, sameCountryRegion } from '../../domain/rules.js';
import type { StoreReader } from '../../store/store.js';
import type { Refusal } from '../outcome.js';

/**
 * What each partner of a two-tier invitation gets once the customer accepts (seed 002, "Invite new customers"):
 * the reseller what it asked for, admin privileges included; the provider a reseller relationship, which is
 * what lets it submit orders, and no admin roles: the seed grants administrator permissions to the reseller.
 */
export function grantsOf(
  invitation: Invitation,
  partnerTenantId: string,
): { types: RelationshipType[]; adminAccess: Invitation['adminAccess'] } {
  if (partnerTenantId === invitation.providerTenantId) return { types: ['reseller'], adminAccess: null };
  return { types: invitation.relationshipTypes, adminAccess: invitation.adminAccess };
}

/**
 * Why the provider named on a two-tier invitation cannot become the customer's reseller, or undefined when it
 * can: the reseller must still have it as its indirect provider, and the provider's relationship obeys the same
 * boundaries as any reseller relationship (21Vianet, cloud, country). Checked before anything is written, so
 * the customer accepts both partners or neither.
 */
export async function providerRefusal(
  reader: Pick<StoreReader, 'get' | 'findBy'>,
  invitation: Pick<Invitation, 'partnerTenantId' | 'providerTenantId'>,
  customer: Organization | undefined,
): Promise<Refusal | undefined> {
  const providerTenantId = invitation.providerTenantId;
  if (!providerTenantId) return undefined;
  const provider = await reader.get('organizations', providerTenantId);
  const partnership = (await reader.findBy('relationships', 'customer', invitation.partnerTenantId)).some(
    (r) =>
      r.partnerTenantId === providerTenantId &&
      r.types.includes('indirect-provider') &&
      (r.status === 'active' || r.status === 'expiring'),
  );
  if (!provider || !partnership) return { code: 'provider-not-authorised' };
  if (isOperatedBy21Vianet(provider))
    return { code: 'not-available-21vianet', params: { organization: provider.name } };
  if (!customer) return undefined;
  if (!sameCloud(provider, customer))
    return { code: 'cloud-mismatch', params: { partnerCloud: provider.cloud, customerCloud: customer.cloud } };
  if (!sameCountryRegion(provider, customer))
    return {
      code: 'region-mismatch',
      params: { partnerCountryRegion: provider.countryRegion, customerCountryRegion: customer.countryRegion },
    };
  return undefined;
}
