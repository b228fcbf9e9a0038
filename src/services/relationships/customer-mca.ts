import { withCustomerMca } from '../../domain/customer-mca.js';
import type { Organization, Relationship } from '../../domain/model.js';
import type { NewRecord, Transaction } from '../../store/store.js';

/**
 * Every new relationship goes in through here: it says whether its customer has yet to accept the MCA, as
 * the customer organisation says within this transaction (one just created or one that just accepted).
 */
export async function insertRelationship(tx: Transaction, record: NewRecord<'relationships'>): Promise<Relationship> {
  const customer = await tx.get('organizations', record.customerTenantId);
  return tx.insert('relationships', withCustomerMca(record, customer));
}

/**
 * After an organisation accepted the MCA or became a reseller, in the same transaction: each relationship it
 * is the customer of says so, found through the customer index (a customer has a few partners, not a book).
 */
export async function settleCustomerMcaOf(tx: Transaction, org: Organization): Promise<void> {
  for (const relationship of await tx.findBy('relationships', 'customer', org.tenantId)) {
    const settled = withCustomerMca(relationship, org);
    if (settled.customerMcaMissing !== relationship.customerMcaMissing) tx.update('relationships', settled);
  }
}
