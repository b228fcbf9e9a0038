import { randomUUID } from 'node:crypto';
import {
  afterAccessChange,
  grantedRoles,
  inForce,
  rolesNotGranted,
  type AccessAssignment,
  type SecurityGroup,
} from '../../domain/access.js';
import type { Actor, AdminRoleId, Invitation, Organization, Relationship } from '../../domain/model.js';
import { decide } from '../../domain/policy.js';
import { withRetry, type Store, type StoreReader, type Transaction } from '../../store/store.js';
import { audit } from '../audit.js';
import { actorOf, type Acting } from '../invitations/invitations.js';
import { ok, refuse, type Outcome } from '../outcome.js';

/** An assignment that settled (active or error), told inside its transaction so the notice commits with it. */
export type AssignmentSettled = (
  tx: Transaction,
  assignment: AccessAssignment,
  group: SecurityGroup | undefined,
  relationship: Relationship,
) => Promise<void> | void;

export interface RelationshipAccess {
  relationship: Relationship;
  customer: Organization;
  assignments: { assignment: AccessAssignment; group?: SecurityGroup }[];
}

function mayAssign(acting: Acting): Outcome<true> {
  const decision = decide(acting.user, 'assign-access', { actorOrg: acting.org });
  return decision.allowed ? ok(true) : refuse(decision.reason, decision.params, decision.neededRoles);
}

/** The assignments of one relationship with their groups, newest first. */
export async function assignmentsOf(store: StoreReader, relationshipId: string) {
  const assignments = await store.findBy('accessAssignments', 'relationship', relationshipId);
  const rows = [];
  for (const assignment of assignments.sort((a, b) => b.createdAt.localeCompare(a.createdAt))) {
    rows.push({ assignment, group: await store.get('securityGroups', assignment.groupId) });
  }
  return rows;
}

function record(tx: Transaction, now: Date, actor: Actor | null, a: AccessAssignment, action: string): void {
  audit(tx, now, {
    actor,
    action: `access-assignment.${action}`,
    target: { type: 'relationship', id: a.relationshipId },
    tenantIds: [a.partnerTenantId, a.customerTenantId],
    after: { groupId: a.groupId, roles: a.roles, status: a.status, ...(a.error ? { error: a.error } : {}) },
  });
}

/** Inserts the pending assignments of `groupIds`, each holding `roles`; an existing one of the group is replaced. */
async function requestAssignments(
  tx: Transaction,
  relationship: Relationship,
  groupIds: readonly string[],
  roles: readonly AdminRoleId[],
  actor: Actor | null,
  now: Date,
): Promise<AccessAssignment[]> {
  const existing = (await tx.findBy('accessAssignments', 'relationship', relationship.id)).filter(inForce);
  const created: AccessAssignment[] = [];
  for (const groupId of new Set(groupIds)) {
    const previous = existing.find((a) => a.groupId === groupId);
    if (previous) tx.update('accessAssignments', { ...previous, status: 'deleted', updatedAt: now.toISOString() });
    const assignment = tx.insert('accessAssignments', {
      id: randomUUID(),
      relationshipId: relationship.id,
      partnerTenantId: relationship.partnerTenantId,
      customerTenantId: relationship.customerTenantId,
      groupId,
      roles: [...roles],
      status: 'pending',
      createdBy: actor,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
    });
    record(tx, now, actor, assignment, 'requested');
    created.push(assignment);
  }
  return created;
}

/**
 * A template's groups for a relationship just created from an accepted invitation: pending in the accepting
 * transaction, provisioned by `provisionPending` once it committed.
 */
export async function requestTemplateAssignments(
  tx: Transaction,
  invitation: Invitation,
  relationship: Relationship,
  now: Date,
): Promise<void> {
  const roles = relationship.adminAccess?.roles ?? [];
  if (!invitation.template || !roles.length || relationship.partnerTenantId !== invitation.partnerTenantId) return;
  await requestAssignments(tx, relationship, invitation.template.groupIds, roles, null, now);
}

/**
 * Removing roles or ending access removes the assignments (Graph deletes them with the roles): each keeps only
 * the roles the relationship still grants, and is deleted when none is left. Called in the changing transaction.
 */
export async function syncAssignmentsWithAccess(
  tx: Transaction,
  relationship: Relationship,
  now: Date,
  actor: Actor | null,
): Promise<void> {
  const granted = grantedRoles(relationship, now);
  for (const assignment of await tx.findBy('accessAssignments', 'relationship', relationship.id)) {
    const next = afterAccessChange(assignment, granted);
    if (next === assignment) continue;
    const saved = tx.update('accessAssignments', { ...next, updatedAt: now.toISOString() });
    record(tx, now, actor, saved, saved.status === 'deleted' ? 'deleted' : 'reduced');
  }
}

/** Access assignments as an admin agent makes them: groups of the partner → a subset of a relationship's roles. */
export class AccessAssignmentService {
  constructor(
    private readonly store: Store,
    private readonly clock: () => Date,
  ) {}

  /** The partner's relationships that have admin roles to assign, with what is assigned already. */
  async assignable(acting: Acting): Promise<Outcome<RelationshipAccess[]>> {
    const allowed = mayAssign(acting);
    if (!allowed.ok) return allowed;
    const now = this.clock();
    const rows: RelationshipAccess[] = [];
    for (const relationship of await this.store.findBy('relationships', 'partner', acting.org.tenantId)) {
      if (!grantedRoles(relationship, now).length) continue;
      const customer = await this.store.get('organizations', relationship.customerTenantId);
      if (customer)
        rows.push({ relationship, customer, assignments: await assignmentsOf(this.store, relationship.id) });
    }
    return ok(rows.sort((a, b) => a.customer.name.localeCompare(b.customer.name)));
  }

  async get(acting: Acting, relationshipId: string): Promise<Outcome<RelationshipAccess>> {
    const allowed = mayAssign(acting);
    if (!allowed.ok) return allowed;
    const relationship = await this.store.get('relationships', relationshipId);
    if (!relationship || relationship.partnerTenantId !== acting.org.tenantId) return refuse('relationship-not-found');
    const customer = await this.store.get('organizations', relationship.customerTenantId);
    if (!customer) return refuse('relationship-not-found');
    if (!grantedRoles(relationship, this.clock()).length) return refuse('access-no-roles', { customer: customer.name });
    return ok({ relationship, customer, assignments: await assignmentsOf(this.store, relationship.id) });
  }

  /** Assigns `roles` to each group (pending), then provisions them (active, or error). */
  async assign(
    acting: Acting,
    relationshipId: string,
    groupIds: string[],
    roles: AdminRoleId[],
    onSettled?: AssignmentSettled,
  ): Promise<Outcome<AccessAssignment[]>> {
    const found = await this.get(acting, relationshipId);
    if (!found.ok) return found;
    if (!groupIds.length) return refuse('access-groups-required');
    if (!roles.length) return refuse('access-roles-required');
    const requested = await withRetry(this.store, async (tx) => {
      const relationship = (await tx.get('relationships', relationshipId))!;
      const now = this.clock();
      const missing = rolesNotGranted(relationship, roles, now);
      if (missing.length) return refuse('access-role-not-granted', { roles: missing.join(',') });
      for (const groupId of groupIds) {
        const group = await tx.get('securityGroups', groupId);
        if (!group || group.partnerTenantId !== acting.org.tenantId) return refuse('group-not-found');
      }
      return ok(await requestAssignments(tx, relationship, groupIds, [...new Set(roles)], actorOf(acting), now));
    });
    if (!requested.ok) return requested;
    await this.provisionPending(relationshipId, onSettled);
    const settled = await Promise.all(requested.value.map((a) => this.store.get('accessAssignments', a.id)));
    return ok(settled.filter((a): a is AccessAssignment => a !== undefined));
  }

  /**
   * Graph provisions an assignment after it is created: here every pending one of the relationship becomes
   * active when its group exists and the relationship still grants its roles, or error saying which is missing.
   */
  async provisionPending(relationshipId: string, onSettled?: AssignmentSettled): Promise<void> {
    await withRetry(this.store, async (tx) => {
      const relationship = await tx.get('relationships', relationshipId);
      if (!relationship) return;
      const now = this.clock();
      for (const pending of await tx.findBy('accessAssignments', 'relationship', relationshipId)) {
        if (pending.status !== 'pending') continue;
        const group = await tx.get('securityGroups', pending.groupId);
        const error = !group
          ? 'group-missing'
          : rolesNotGranted(relationship, pending.roles, now).length
            ? 'role-not-granted'
            : undefined;
        const saved = tx.update('accessAssignments', {
          ...pending,
          status: error ? 'error' : 'active',
          ...(error ? { error } : {}),
          updatedAt: now.toISOString(),
        });
        record(tx, now, pending.createdBy, saved, error ? 'failed' : 'activated');
        await onSettled?.(tx, saved, group, relationship);
      }
    });
  }
}
