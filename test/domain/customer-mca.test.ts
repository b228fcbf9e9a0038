import { customerMcaMissing, withCustomerMca } from '../../src/domain/customer-mca.js';
import type { Organization, OrganizationKind } from '../../src/domain/model.js';

describe('whether a relationship’s customer has yet to accept the MCA', () => {
  it.each<[string, Pick<Organization, 'kind' | 'mcaAcceptanceId'> | undefined, boolean]>([
    ['a customer that has not accepted it', { kind: 'customer' }, true],
    ['a customer that accepted it', { kind: 'customer', mcaAcceptanceId: 'mca-1' }, false],
    ...(['direct-reseller', 'indirect-reseller', 'indirect-provider'] as OrganizationKind[]).map(
      (kind) => [`a ${kind}, which needs none`, { kind }, false] as [string, { kind: OrganizationKind }, boolean],
    ),
    ['an organisation that is gone', undefined, false],
  ])('%s: %s', (_, customer, missing) => {
    expect(customerMcaMissing(customer)).toBe(missing);
    expect(withCustomerMca({ id: 'r1', customerMcaMissing: !missing }, customer)).toEqual({
      id: 'r1',
      customerMcaMissing: missing,
    });
  });
});
