import { z } from 'zod';
import { ActorAt, OfferedService } from './model.js';

/**
 * Office 365 trials last 30 days; seed 004 gives no length, so this is the product's, and the partner and the
 * customer are told it on the card and reminded before it ends.
 */
export const TRIAL_DAYS = 30;
/** Days before a trial ends when the partner and the customer are reminded. */
export const TRIAL_MILESTONES = [7, 1] as const;

export const TrialStatus = z.enum(['active', 'converted', 'ended']);
export type TrialStatus = z.infer<typeof TrialStatus>;

/** An accepted trial invitation (rule 12): its own life from start to end, or to its conversion to a purchase. */
export const Trial = z.object({
  id: z.string().min(1),
  version: z.number().int().nonnegative(),
  invitationId: z.string().min(1),
  partnerTenantId: z.string().min(1),
  customerTenantId: z.string().min(1),
  services: z.array(OfferedService).min(1),
  status: TrialStatus,
  startAt: z.string().datetime(),
  endAt: z.string().datetime(),
  acceptedBy: ActorAt,
  /** Set when an accepted purchase offer from the same partner covered its services. */
  convertedAt: z.string().datetime().optional(),
  purchaseId: z.string().optional(),
  endedAt: z.string().datetime().optional(),
});
export type Trial = z.infer<typeof Trial>;

/** An accepted purchase offer: the services and licence counts the customer agreed to buy from the partner. */
export const Purchase = z.object({
  id: z.string().min(1),
  version: z.number().int().nonnegative(),
  invitationId: z.string().min(1),
  partnerTenantId: z.string().min(1),
  customerTenantId: z.string().min(1),
  services: z.array(OfferedService.extend({ licences: z.number().int().positive() })).min(1),
  acceptedBy: ActorAt,
  purchasedAt: z.string().datetime(),
});
export type Purchase = z.infer<typeof Purchase>;

export function trialEndsAt(start: Date): Date {
  return new Date(start.getTime() + TRIAL_DAYS * 86_400_000);
}

/** A purchase converts a trial of the same partner and customer when it buys at least one of the trial's services. */
export function convertsTrial(
  trial: Trial,
  purchase: Pick<Purchase, 'partnerTenantId' | 'customerTenantId' | 'services'>,
): boolean {
  return (
    trial.status === 'active' &&
    trial.partnerTenantId === purchase.partnerTenantId &&
    trial.customerTenantId === purchase.customerTenantId &&
    purchase.services.some((bought) => trial.services.some((tried) => tried.serviceId === bought.serviceId))
  );
}
