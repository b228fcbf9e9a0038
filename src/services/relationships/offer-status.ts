import type { Organization } from '../../domain/model.js';
import type { Purchase, Trial } from '../../domain/offers.js';
import { pairKey, type StoreReader } from '../../store/store.js';

export interface OfferStatus {
  trials: Trial[];
  purchases: Purchase[];
  /** Seed 000: an MPSA partner sees the purchases other MPSA partners made for the same customer. */
  mpsaPurchases: { partner: Organization; purchase: Purchase }[];
}

const isLive = (status: string) => status === 'active' || status === 'expiring';

/** The trials and purchases between a partner and a customer, and, for an MPSA partner, its MPSA peers' purchases. */
export async function offerStatus(
  store: StoreReader,
  mine: Organization,
  counterpart: Organization,
): Promise<OfferStatus> {
  const [partner, customer] = mine.kind === 'customer' ? [counterpart, mine] : [mine, counterpart];
  const key = pairKey(partner.tenantId, customer.tenantId);
  const trials = await store.findBy('trials', 'pair', key);
  const purchases = await store.findBy('purchases', 'pair', key);
  const mpsaPurchases: OfferStatus['mpsaPurchases'] = [];
  const mpsaPartners = new Set(
    (await store.findBy('relationships', 'customer', customer.tenantId))
      .filter((r) => isLive(r.status) && r.types.includes('mpsa'))
      .map((r) => r.partnerTenantId),
  );
  if (mine.kind !== 'customer' && mpsaPartners.has(partner.tenantId)) {
    for (const purchase of await store.findBy('purchases', 'customer', customer.tenantId)) {
      if (purchase.partnerTenantId === partner.tenantId || !mpsaPartners.has(purchase.partnerTenantId)) continue;
      const other = await store.get('organizations', purchase.partnerTenantId);
      if (other) mpsaPurchases.push({ partner: other, purchase });
    }
  }
  return { trials, purchases, mpsaPurchases };
}
