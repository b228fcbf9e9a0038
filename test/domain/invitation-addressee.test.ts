import { invitationCustomerFor, isAddressedTo } from '../../src/domain/invitation-addressee.js';
import type { Invitation, Organization } from '../../src/domain/model.js';

const contoso = { tenantId: 'contoso-tenant', primaryDomain: 'contoso.com' } as Organization;
const invitation = (customerTenantId: string | undefined, customerDomain: string) =>
  ({ customerTenantId, customerDomain }) as Invitation;

describe('whom an invitation is for, as an organisation reads it', () => {
  it.each([
    ['bound to the tenant', invitation('contoso-tenant', 'contoso.com'), 'contoso-tenant', true],
    ['bound to another tenant, same domain', invitation('other-tenant', 'contoso.com'), 'other-tenant', false],
    ['sent to the domain alone', invitation(undefined, 'contoso.com'), 'contoso-tenant', true],
    ['sent to the domain, other case', invitation(undefined, 'Contoso.COM'), 'contoso-tenant', true],
    ['sent to another domain', invitation(undefined, 'fabrikam.com'), undefined, false],
  ])('%s', (_, sent, customer, addressed) => {
    expect(invitationCustomerFor(sent, contoso)).toBe(customer);
    expect(isAddressedTo(sent, contoso)).toBe(addressed);
  });
});
