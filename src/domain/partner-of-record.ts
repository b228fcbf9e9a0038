import { z } from 'zod';
import { ActorAt, type Relationship } from './model.js';

/**
 * Rule 13 (seed 004): the partner of record (POR) a customer designates, separately from its delegated admin
 * partner, so it may choose one partner for purchase suggestions and another for deployment or managed services.
 * One per customer: the record's id is the customer's tenant id, and designating another partner replaces it.
 */
export const PartnerOfRecord = z.object({
  id: z.string().min(1),
  version: z.number().int().nonnegative(),
  customerTenantId: z.string().min(1),
  partnerTenantId: z.string().min(1),
  designatedBy: ActorAt,
});
export type PartnerOfRecord = z.infer<typeof PartnerOfRecord>;

/**
 * The customer designates among the partners it works with: a live relationship of any type. Being partner of
 * record grants nothing in the tenant, so it neither needs nor counts as delegated admin (rule 13 keeps them apart).
 */
export function mayBePartnerOfRecord(relationship: Relationship): boolean {
  return (
    (relationship.status === 'active' || relationship.status === 'expiring') &&
    !relationship.types.includes('indirect-provider')
  );
}
