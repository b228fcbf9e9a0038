import { z } from 'zod';
import type { Organization } from '../../domain/model.js';
import { isOperatedBy21Vianet, sameCloud, sameCountryRegion } from '../../domain/rules.js';
import type { StoreReader } from '../../store/store.js';
import { isLive } from '../invitations/acceptance.js';
import type { Acting, InvitationRequest } from '../invitations/invitations.js';
import { readRequestForm } from '../invitations/request-form.js';
import { ok, refuse, type Outcome } from '../outcome.js';
import { visibleOrganizations } from '../directory/visible-organizations.js';

/** The picker's "a new customer" entry: the customer is then named by domain and email. */
export const NEW_CUSTOMER = 'new';

const text = (max: number) => z.string().max(max).default('');

/** "Invite new customers" as the card sends it: every input is a string (a ticked box sends "true"). */
export const InviteCustomersValues = z.object({
  providerTenantId: z.string().min(1).max(100),
  customerTenantId: text(100),
  customerDomain: text(253),
  customerEmail: text(200),
  includeAdmin: text(10),
  roles: text(2000),
  legacy: text(10),
  durationDays: text(20),
});
export type InviteCustomersValues = z.infer<typeof InviteCustomersValues>;

/**
 * The customers the picker offers: the reseller's own (those it has a relationship, an invitation or a lead
 * with) that it may serve (its country and cloud, not 21Vianet) and that do not already buy through this
 * provider. Never anyone else's: the list would tell a reseller who else uses Partner Desk.
 */
export async function invitableCustomers(
  store: StoreReader,
  acting: Acting,
  providerTenantId: string,
): Promise<Organization[]> {
  const viaProvider = new Set(
    (await store.findBy('relationships', 'partner', providerTenantId))
      .filter((r) => isLive(r) && r.types.includes('reseller'))
      .map((r) => r.customerTenantId),
  );
  return (await visibleOrganizations(store, acting.org))
    .filter(
      (c) =>
        c.kind === 'customer' &&
        !viaProvider.has(c.tenantId) &&
        sameCountryRegion(c, acting.org) &&
        sameCloud(c, acting.org) &&
        !isOperatedBy21Vianet(c),
    )
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Turns the form into a two-tier invitation request, or says what to fix; nothing is saved here. A customer is
 * one of `choices`, one typed by its exact domain, or a new one by domain and email, as "Request a reseller
 * relationship" has it; delegated admin privileges, when included, are asked for the reseller.
 */
export async function readInviteCustomersForm(
  store: StoreReader,
  acting: Acting,
  values: InviteCustomersValues,
  choices: readonly Organization[],
): Promise<Outcome<InvitationRequest>> {
  const picked = values.customerTenantId.trim();
  const chosen = picked && picked !== NEW_CUSTOMER ? choices.find((c) => c.tenantId === picked) : undefined;
  if (picked && picked !== NEW_CUSTOMER && !chosen) return refuse('customer-not-found');
  const domain = values.customerDomain.trim().toLowerCase();
  // A domain the reseller types is looked up exactly, as "Request a reseller relationship" does: an existing
  // customer (of another partner, or buying direct) must accept an invitation (rule 9); the typing reseller
  // knew the domain, so finding it tells nothing new. The picker itself lists only the reseller's own.
  const [typed] = !chosen && domain ? await store.findBy('organizations', 'domain', domain) : [];
  if (typed && (typed.kind !== 'customer' || typed.tenantId === acting.org.tenantId))
    return refuse('customer-not-found');
  const customer = chosen ?? typed;
  if (!customer && !domain && !values.customerEmail.trim()) return refuse('two-tier-customer-required');
  const ticked = (value: string) => (value.split(',').includes('true') ? 'true' : 'false');
  const request = await readRequestForm(store, acting.org, {
    customer: customer?.primaryDomain ?? '',
    newDomain: customer ? '' : domain,
    newEmail: customer ? '' : values.customerEmail,
    relationship: 'reseller',
    includeAdmin: ticked(values.includeAdmin),
    roles: values.roles,
    legacy: ticked(values.legacy),
    durationDays: values.durationDays,
    autoExtend: 'false',
  });
  if (!request.ok) return request;
  return ok({ ...request.value, kind: 'two-tier', providerTenantId: values.providerTenantId });
}
