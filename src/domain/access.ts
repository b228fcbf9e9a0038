import { z } from 'zod';
import { Actor, AdminRoleId, MAX_ACCESS_DAYS, MIN_ACCESS_DAYS, type Relationship } from './model.js';
import { plainName, plainText } from './text.js';
import { RELATIONSHIP_NAME_MAX } from './relationship-name.js';

/**
 * GDAP day two, as Microsoft Graph models it: a relationship's `displayName`, the partner's security groups,
 * `delegatedAdminAccessAssignment` (one group → a subset of the relationship's roles) and relationship templates.
 */

const Record = { id: z.string().min(1), version: z.number().int().nonnegative() };
const Timestamp = z.string().datetime();

export const SecurityGroup = z.object({
  ...Record,
  partnerTenantId: z.string().min(1),
  name: z.string().transform(plainName).pipe(z.string().min(1).max(120)),
  description: z.string().transform(plainText).pipe(z.string().max(500)),
  /** Users of the partner organisation (their record ids). */
  memberUserIds: z.array(z.string().min(1)),
  createdBy: Actor,
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type SecurityGroup = z.infer<typeof SecurityGroup>;

/** Graph's `delegatedAdminAccessAssignmentStatus`. */
export const AccessAssignmentStatus = z.enum(['pending', 'active', 'deleting', 'deleted', 'error']);
export type AccessAssignmentStatus = z.infer<typeof AccessAssignmentStatus>;

export const AccessAssignment = z.object({
  ...Record,
  relationshipId: z.string().min(1),
  partnerTenantId: z.string().min(1),
  customerTenantId: z.string().min(1),
  groupId: z.string().min(1),
  roles: z.array(AdminRoleId).min(1),
  status: AccessAssignmentStatus,
  /** Why it is in error, as a code the cards put in words. */
  error: z.string().optional(),
  /** Null when the product made it (a template's groups on activation). */
  createdBy: Actor.nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type AccessAssignment = z.infer<typeof AccessAssignment>;

/** A named role set a partner reuses for many customers (CIPP and Lighthouse call them GDAP templates). */
export const AccessTemplate = z.object({
  ...Record,
  partnerTenantId: z.string().min(1),
  name: z.string().transform(plainName).pipe(z.string().min(1).max(RELATIONSHIP_NAME_MAX)),
  roles: z.array(AdminRoleId).min(1),
  durationDays: z.number().int().min(MIN_ACCESS_DAYS).max(MAX_ACCESS_DAYS),
  autoExtend: z.boolean(),
  /** Security groups given every role of the template as soon as the customer accepts. */
  groupIds: z.array(z.string().min(1)),
  createdBy: Actor,
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type AccessTemplate = z.infer<typeof AccessTemplate>;

/** Assignments that still give someone a role (a pending one will, once provisioned). */
export function inForce(assignment: AccessAssignment): boolean {
  return assignment.status === 'active' || assignment.status === 'pending';
}

/** The roles a relationship grants today: the only roles an assignment may carry. */
export function grantedRoles(relationship: Relationship, now: Date): AdminRoleId[] {
  const access = relationship.adminAccess;
  const live = relationship.status === 'active' || relationship.status === 'expiring';
  if (!access || access.removedAt || !live || new Date(access.endAt) <= now) return [];
  return access.roles;
}

/** Roles asked for that the relationship does not grant (Graph refuses such an assignment). */
export function rolesNotGranted(relationship: Relationship, roles: readonly AdminRoleId[], now: Date): AdminRoleId[] {
  const granted = grantedRoles(relationship, now);
  return roles.filter((role) => !granted.includes(role));
}

/** What an assignment becomes once the relationship's access changed: fewer roles, or deleted when none is left. */
export function afterAccessChange(assignment: AccessAssignment, granted: readonly AdminRoleId[]): AccessAssignment {
  if (!inForce(assignment) && assignment.status !== 'error') return assignment;
  const roles = assignment.roles.filter((role) => granted.includes(role));
  if (roles.length === assignment.roles.length) return assignment;
  return roles.length ? { ...assignment, roles } : { ...assignment, status: 'deleted' };
}

/** Granted roles that no assignment in force gives to any group: usable by nobody. */
export function unassignedRoles(granted: readonly AdminRoleId[], assignments: readonly AccessAssignment[]) {
  const held = new Set(assignments.filter(inForce).flatMap((a) => a.roles));
  return granted.filter((role) => !held.has(role));
}
