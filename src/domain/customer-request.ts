import { z } from 'zod';
import { plainText } from './text.js';
import { Actor, ActorAt, AdminRoleId } from './model.js';

/** What a customer's global admin asks its partner (rule 8: the customer contacts the partner, who acts). */
export const CustomerRequestKind = z.enum(['end-relationship', 'remove-roles']);
export type CustomerRequestKind = z.infer<typeof CustomerRequestKind>;

/** open → done (the partner acted) or declined (with a reason). */
export const CustomerRequestStatus = z.enum(['open', 'done', 'declined']);
export type CustomerRequestStatus = z.infer<typeof CustomerRequestStatus>;

const Text = z.string().transform(plainText).pipe(z.string().max(500));

export const CustomerRequest = z.object({
  id: z.string().min(1),
  version: z.number().int().nonnegative(),
  relationshipId: z.string().min(1),
  partnerTenantId: z.string().min(1),
  customerTenantId: z.string().min(1),
  kind: CustomerRequestKind,
  /** remove-roles: the roles the customer wants gone. */
  roles: z.array(AdminRoleId).default([]),
  note: Text.default(''),
  status: CustomerRequestStatus,
  createdBy: Actor,
  createdAt: z.string().datetime(),
  decidedBy: ActorAt.optional(),
  /** declined: why, as the partner wrote it. */
  reason: Text.optional(),
  /** done by a new request for the remaining roles: that invitation. */
  invitationId: z.string().optional(),
});
export type CustomerRequest = z.infer<typeof CustomerRequest>;
