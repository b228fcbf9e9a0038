import { z } from 'zod';

/**
 * Seed 004: "Delegated administration capability is offered exclusively for partners who are enrolled in Cloud
 * Essentials, Cloud Accelerate or the Cloud Deployment programs." The operator records which one a partner is in;
 * without one, its trial invitations and purchase offers cannot carry delegated administration.
 */
export const DelegatedAdminProgramme = z.enum(['cloud-essentials', 'cloud-accelerate', 'cloud-deployment']);
export type DelegatedAdminProgramme = z.infer<typeof DelegatedAdminProgramme>;

export function mayOfferDelegatedAdmin(org: { delegatedAdminProgramme?: DelegatedAdminProgramme }): boolean {
  return org.delegatedAdminProgramme !== undefined;
}
