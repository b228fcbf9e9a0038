import type { Invitation, Lead, Organization, Relationship, User } from '../domain/model.js';
import type { CustomerRequest } from '../domain/customer-request.js';
import { invitationCustomerFor } from '../domain/invitation-addressee.js';
import { pairKey, type StoreReader } from '../store/store.js';
import type { Party, Permission } from './permissions.js';

/** The tenant each party of a record is, as the store has it. */
function partiesOf(collection: string, record: unknown, actorOrg: Organization): Partial<Record<Party, string>> {
  switch (collection) {
    case 'invitations': {
      const i = record as Invitation;
      return { partner: i.partnerTenantId, provider: i.providerTenantId, customer: invitationCustomerFor(i, actorOrg) };
    }
    case 'relationships': {
      const r = record as Relationship;
      return { partner: r.partnerTenantId, customer: r.customerTenantId, provider: r.viaProviderTenantId };
    }
    case 'leads': {
      const l = record as Lead;
      return { partner: l.partnerTenantId, customer: l.customerTenantId };
    }
    case 'users':
      return { member: (record as User).tenantId };
    case 'securityGroups':
    case 'accessTemplates':
      return { partner: (record as { partnerTenantId: string }).partnerTenantId };
    case 'customerRequests': {
      const c = record as CustomerRequest;
      return { partner: c.partnerTenantId, customer: c.customerTenantId };
    }
    default:
      return {};
  }
}

/**
 * Whether the record the payload names may be acted on by the acting organisation. A record that does not
 * exist and one of another organisation get the same answer, so a refusal reveals nothing.
 */
export async function targetAllowed(
  store: StoreReader,
  permission: Permission,
  data: Record<string, unknown>,
  actorOrg: Organization,
): Promise<boolean> {
  const target = permission.target;
  if (!target) return true;
  const raw = data[target.field];
  if (raw === undefined || raw === '') return target.optional === true;
  if (typeof raw !== 'string' || raw.length > 200) return false;
  if (target.collection === 'organizations') {
    if (raw === actorOrg.tenantId) return false;
    const [either] = await store.findBy('relationships', 'pair', pairKey(raw, actorOrg.tenantId));
    const [other] = either ? [either] : await store.findBy('relationships', 'pair', pairKey(actorOrg.tenantId, raw));
    return other !== undefined;
  }
  const record = await store.get(target.collection, raw);
  if (!record) return false;
  const parties = partiesOf(target.collection, record, actorOrg);
  return target.parties.some((party) => parties[party] === actorOrg.tenantId);
}
