import { z } from 'zod';

/**
 * Services a partner can put in a trial invitation or a purchase offer (rule 12). Each id has a
 * locale key `service.<id>`: the customer's invitation card names the services with it.
 */
export const SERVICE_IDS = [
  'm365-business-premium',
  'm365-e3',
  'teams-phone',
  'defender-business',
  'azure-plan',
] as const;
export const ServiceId = z.enum(SERVICE_IDS);
export type ServiceId = z.infer<typeof ServiceId>;

/** An offer is for a real purchase: whole licences, and a ceiling that catches a mistyped extra digit. */
export const MIN_LICENCES = 1;
export const MAX_LICENCES = 10_000;

/** Microsoft's trial subscriptions run one month; the customer is told how long before accepting. */
export const TRIAL_DAYS = 30;
