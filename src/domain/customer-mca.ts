import { z } from 'zod';
import type { Organization, Relationship } from './model.js';

/**
 * On a relationship: its customer has yet to accept the Microsoft Customer Agreement. The acceptance is on
 * the customer organisation, which no index of relationships can see, so each relationship carries it, kept
 * in step in the transaction that changes either: the `no mca` list then pages through an index rather than
 * reading a partner's whole book. Absent on relationships written before it was kept; the store settles
 * those when it opens (customer-mca-settle.ts).
 */
export const CustomerMcaMissing = z.boolean().optional();

/** The one place that decides it: a customer that has not accepted. Resellers and providers need no MCA. */
export function customerMcaMissing(customer: Pick<Organization, 'kind' | 'mcaAcceptanceId'> | undefined): boolean {
  return customer?.kind === 'customer' && !customer.mcaAcceptanceId;
}

/** The relationship saying what its customer organisation says now. */
export function withCustomerMca<R extends Pick<Relationship, 'customerMcaMissing'>>(
  relationship: R,
  customer: Pick<Organization, 'kind' | 'mcaAcceptanceId'> | undefined,
): R {
  return { ...relationship, customerMcaMissing: customerMcaMissing(customer) };
}
