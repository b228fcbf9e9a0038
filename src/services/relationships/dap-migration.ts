import { isLegacyDap } from '../../domain/gdap-policy.js';
import type { AdminRoleId, Organization, Relationship } from '../../domain/model.js';
import { decide } from '../../domain/policy.js';
import type { StoreReader } from '../../store/store.js';
import { taskById, type TaskId } from '../helpdesk/task-roles.js';
import type { Acting } from '../invitations/invitations.js';
import { ok, refuse, type Outcome } from '../outcome.js';
import { isLive, liveAdminAccess, RelationshipAdmin, type RoleChange } from './relationship-admin.js';

export interface LegacyRelationship {
  relationship: Relationship;
  customer: Organization;
}

export interface MigrationWish {
  tasks: string[];
  durationDays: number;
  autoExtend: boolean;
}

/** A migration as the partner reviews it: the tasks, the role each needs, and the request for them. */
export interface MigrationPlan extends RoleChange {
  tasks: TaskId[];
  proposed: AdminRoleId[];
}

/** A customer relationship on DAP; a provider's access to its reseller is the two-tier model's, not moved here. */
function holdsCustomerDap(relationship: Relationship): boolean {
  return !relationship.types.includes('indirect-provider') && isLegacyDap(liveAdminAccess(relationship));
}

/**
 * Moving off legacy DAP (Global + Helpdesk admin): the partner names the tasks its helpdesk does, each task
 * gets its least-privileged role (the table behind "can we"), and a new request asks for those roles. The
 * DAP access ends only when the customer accepts it, as any role change here (AcceptanceService).
 */
export class DapMigration {
  private readonly admin: RelationshipAdmin;

  constructor(private readonly store: StoreReader) {
    this.admin = new RelationshipAdmin(store);
  }

  private allowed(acting: Acting): Outcome<true> {
    const decision = decide(acting.user, 'manage-admin-relationships', { actorOrg: acting.org });
    return decision.allowed ? ok(true) : refuse(decision.reason, decision.params, decision.neededRoles);
  }

  /** The acting partner's live relationships that still hold legacy DAP, by customer name. */
  async legacy(acting: Acting): Promise<Outcome<LegacyRelationship[]>> {
    const allowed = this.allowed(acting);
    if (!allowed.ok) return allowed;
    const rows: LegacyRelationship[] = [];
    for (const relationship of await this.store.findBy('relationships', 'partner', acting.org.tenantId)) {
      if (!isLive(relationship) || !holdsCustomerDap(relationship)) continue;
      const customer = await this.store.get('organizations', relationship.customerTenantId);
      if (customer) rows.push({ relationship, customer });
    }
    return ok(rows.sort((a, b) => a.customer.name.localeCompare(b.customer.name)));
  }

  async get(acting: Acting, relationshipId: string): Promise<Outcome<LegacyRelationship>> {
    const allowed = this.allowed(acting);
    if (!allowed.ok) return allowed;
    const found = await this.admin.get(acting, relationshipId);
    if (!found.ok) return found;
    if (!holdsCustomerDap(found.value.relationship))
      return refuse('not-legacy-dap', { customer: found.value.customer.name });
    return found;
  }

  /** The least-privileged role of each task, once each, in the order of the tasks. */
  static propose(taskIds: readonly string[]): { tasks: TaskId[]; roles: AdminRoleId[] } {
    const tasks = [...new Set(taskIds)].flatMap((id) => {
      const task = taskById(id);
      // A task a relationship type allows on its own (no admin role) has nothing to propose.
      return task?.least ? [task] : [];
    });
    return { tasks: tasks.map((t) => t.id), roles: [...new Set(tasks.flatMap((t) => (t.least ? [t.least] : [])))] };
  }

  async plan(acting: Acting, relationshipId: string, wish: MigrationWish): Promise<Outcome<MigrationPlan>> {
    const found = await this.get(acting, relationshipId);
    if (!found.ok) return found;
    const { tasks, roles } = DapMigration.propose(wish.tasks);
    if (!tasks.length) return refuse('tasks-required');
    const change = await this.admin.planRoleChange(acting, relationshipId, {
      roles,
      durationDays: wish.durationDays,
      autoExtend: wish.autoExtend,
    });
    if (!change.ok) return change;
    return ok({ ...change.value, tasks, proposed: roles });
  }
}
