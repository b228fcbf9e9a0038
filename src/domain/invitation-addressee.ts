import type { Invitation, Organization } from './model.js';

/**
 * The customer tenant an invitation is for, as this organisation reads it. One sent to a tenant names it; one
 * sent by domain, before Partner Desk knew that domain's organisation, is for the organisation whose primary
 * domain it is: the store holds one organisation per domain (requests, new customers and claims refuse a second),
 * so that organisation is the one the partner addressed.
 */
export function invitationCustomerFor(invitation: Invitation, org: Organization): string | undefined {
  if (invitation.customerTenantId !== undefined) return invitation.customerTenantId;
  return invitation.customerDomain.toLowerCase() === org.primaryDomain.toLowerCase() ? org.tenantId : undefined;
}

/** Whether this organisation is the customer the invitation was sent to. */
export function isAddressedTo(invitation: Invitation, org: Organization): boolean {
  return invitationCustomerFor(invitation, org) === org.tenantId;
}
