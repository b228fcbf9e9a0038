import type { AdminRoleId, Organization, Relationship, RelationshipType } from '../../domain/model.js';
import { typesWithRight } from '../../domain/relationship-types.js';
import type { StoreReader } from '../../store/store.js';
import type { Acting } from '../invitations/invitations.js';
import { ok, refuse, type Outcome } from '../outcome.js';
import { findCounterpart, relationshipsWith } from '../relationships/status.js';
import { parseCanWe, type TaskDefinition } from './task-roles.js';
import { whoCan, type WhoCan } from './who-can.js';

export type CanWeAnswer =
  | { kind: 'did-you-mean'; task: TaskDefinition; candidates: Organization[] }
  | {
      kind: 'yes';
      task: TaskDefinition;
      customer: Organization;
      relationship: Relationship;
      /** An admin role allows it, until the access ends; or the relationship's type does, as long as it lasts. */
      role?: AdminRoleId;
      type?: RelationshipType;
      until?: string;
      autoExtend?: boolean;
      /** Whether the person asking holds the role through a group, and if not what would give it to them. */
      you?: WhoCan;
    }
  | {
      kind: 'no';
      task: TaskDefinition;
      customer: Organization;
      /** Why not, most basic first: no relationship, no admin roles now, roles that do not allow it, no MCA. */
      reason: 'no-relationship' | 'no-admin-access' | 'role-missing' | 'not-reseller' | 'mca-missing' | 'type-missing';
      /** The least-privileged role to ask for in a new request (roles are never added to a relationship). */
      request?: AdminRoleId;
      /** For a task no admin role is for: the relationship type to request. */
      requestType?: RelationshipType;
      heldRoles: AdminRoleId[];
    };

const LIVE = new Set(['active', 'expiring']);

/** "Can we reset a password for contoso?": does an active relationship grant it now, until when, and what to request if not. */
export class CanWeService {
  constructor(
    private readonly store: StoreReader,
    private readonly clock: () => Date,
  ) {}

  async ask(acting: Acting, question: string): Promise<Outcome<CanWeAnswer>> {
    // The question is about what the partner may do in the customer's tenant: partner staff ask it.
    if (acting.user.roles.side !== 'partner') return refuse('can-we-partner-only');
    const { task, customer } = parseCanWe(question);
    if (!task) return refuse('can-we-task-unknown', { text: question.trim().slice(0, 80) });
    return this.askTask(acting, task, customer);
  }

  /** The same question with the task already known (a "did you mean" choice carries it). */
  async askTask(acting: Acting, task: TaskDefinition, customer: string): Promise<Outcome<CanWeAnswer>> {
    if (acting.user.roles.side !== 'partner') return refuse('can-we-partner-only');
    if (!customer.trim()) return refuse('can-we-customer-missing');
    const match = await findCounterpart(this.store, acting, customer);
    if (!match.ok) return match;
    if (match.value.kind === 'did-you-mean')
      return ok({ kind: 'did-you-mean', task, candidates: match.value.candidates });
    return ok(await this.answer(acting, task, match.value.org));
  }

  private async answer(acting: Acting, task: TaskDefinition, customer: Organization): Promise<CanWeAnswer> {
    const now = this.clock();
    const live = (await relationshipsWith(this.store, acting, customer)).filter((r) => LIVE.has(r.status));
    const withAccess = live.filter(
      (r) => r.adminAccess && !r.adminAccess.removedAt && new Date(r.adminAccess.endAt) > now,
    );
    const heldRoles = [...new Set(withAccess.flatMap((r) => r.adminAccess!.roles))];
    const types = task.right ? typesWithRight(task.right) : [];
    const no = (reason: Extract<CanWeAnswer, { kind: 'no' }>['reason']): CanWeAnswer => ({
      kind: 'no',
      task,
      customer,
      reason,
      request: task.least,
      requestType: task.least ? undefined : types[0],
      heldRoles,
    });
    // A type's own right (an Advisor resets passwords) needs no admin role, and lasts as long as the relationship.
    const byType = live.find((r) => r.types.some((type) => types.includes(type)));
    if (byType)
      return { kind: 'yes', task, customer, relationship: byType, type: byType.types.find((t) => types.includes(t)) };
    if (!task.least) return no('type-missing');
    if (live.length === 0) return no('no-relationship');
    if (withAccess.length === 0) return no('no-admin-access');
    // The grant that lasts longest is the one worth telling about.
    const grants = withAccess
      .map((r) => ({ r, role: task.grantedBy.find((role) => r.adminAccess!.roles.includes(role)) }))
      .filter((g): g is { r: Relationship; role: AdminRoleId } => g.role !== undefined)
      .sort((a, b) => b.r.adminAccess!.endAt.localeCompare(a.r.adminAccess!.endAt));
    const best = grants[0];
    if (!best) return no('role-missing');
    if (task.needsReseller && !live.some((r) => r.types.includes('reseller'))) return no('not-reseller');
    if (task.needsMca && !customer.mcaAcceptanceId) return no('mca-missing');
    return {
      kind: 'yes',
      task,
      customer,
      relationship: best.r,
      role: best.role,
      until: best.r.adminAccess!.endAt,
      autoExtend: best.r.adminAccess!.autoExtend,
      you: await whoCan(
        this.store,
        acting.user,
        task,
        grants.map((g) => g.r),
        best,
      ),
    };
  }
}
