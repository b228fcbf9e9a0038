import { withCustomerMca } from '../domain/customer-mca.js';
import type { Organization } from '../domain/model.js';
import type { Logger } from '../logging/logger.js';
import { BATCH, giveWay } from './give-way.js';
import { FOREVER, MCA_UNSETTLED_GROUP } from './ordered-indexes.js';
import { withRetry, type Store } from './store.js';

/**
 * Relationships written before they said whether their customer accepted the MCA (customer-mca.ts) get it
 * from their customer organisation, a batch per transaction, as the store opens: from then on every writer
 * keeps it in step, so the `no mca` list is right from the first turn after an upgrade. They are found
 * through the withoutMca index, which holds them apart until they are settled: a store with none left
 * reads one empty page. Returns how many were settled.
 */
export async function settleCustomerMca(store: Store, logger: Logger): Promise<number> {
  const range = { group: MCA_UNSETTLED_GROUP, from: '', to: FOREVER, offset: 0, limit: BATCH };
  const seen = new Set<string>();
  let settled = 0;
  for (;;) {
    const { records } = await store.findPage('relationships', 'withoutMca', range);
    const fresh = records.filter((r) => !seen.has(r.id));
    if (fresh.length === 0) {
      // A settled relationship leaves the group: one read again means its index keys were not rewritten.
      if (records.length > 0)
        logger.warn('relationships left unsettled for the MCA', { relationships: records.length });
      break;
    }
    settled += await withRetry(store, async (tx) => {
      const customers = new Map<string, Organization | undefined>();
      let count = 0;
      for (const { id } of fresh) {
        seen.add(id);
        // Another instance opening the same database may have settled it meanwhile.
        const relationship = await tx.get('relationships', id);
        if (!relationship || relationship.customerMcaMissing !== undefined) continue;
        const tenantId = relationship.customerTenantId;
        if (!customers.has(tenantId)) customers.set(tenantId, await tx.get('organizations', tenantId));
        tx.update('relationships', withCustomerMca(relationship, customers.get(tenantId)));
        count++;
      }
      return count;
    });
    await giveWay();
  }
  if (settled > 0)
    logger.info('relationships now say whether their customer accepted the MCA', { relationships: settled });
  return settled;
}
