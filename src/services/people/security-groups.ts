import { randomUUID } from 'node:crypto';
import { SecurityGroup } from '../../domain/access.js';
import type { Actor, User } from '../../domain/model.js';
import { decide } from '../../domain/policy.js';
import { foldText } from '../../domain/text.js';
import { withRetry, type Store, type StoreReader, type Transaction } from '../../store/store.js';
import { audit } from '../audit.js';
import { actorOf, type Acting } from '../invitations/invitations.js';
import { ok, refuse, type Outcome } from '../outcome.js';

export interface GroupDraft {
  /** Absent for a new group. */
  groupId?: string;
  name: string;
  description: string;
  memberUserIds: string[];
}

/** Told inside the saving transaction who was added, so their notice commits with the change. */
export type MembersAdded = (tx: Transaction, group: SecurityGroup, added: User[]) => Promise<void> | void;

export function mayManageGroups(acting: Acting): Outcome<true> {
  const decision = decide(acting.user, 'manage-security-groups', { actorOrg: acting.org });
  return decision.allowed ? ok(true) : refuse(decision.reason, decision.params, decision.neededRoles);
}

/** The partner's security groups, by name. */
export async function groupsOf(store: StoreReader, partnerTenantId: string): Promise<SecurityGroup[]> {
  return (await store.findBy('securityGroups', 'partner', partnerTenantId)).sort((a, b) =>
    a.name.localeCompare(b.name),
  );
}

/** The partner's security groups as its global admins and admin agents keep them: name, description, members. */
export class SecurityGroupService {
  constructor(
    private readonly store: Store,
    private readonly clock: () => Date,
  ) {}

  async list(acting: Acting): Promise<Outcome<{ groups: SecurityGroup[]; staff: User[] }>> {
    const allowed = mayManageGroups(acting);
    if (!allowed.ok) return allowed;
    return ok({ groups: await groupsOf(this.store, acting.org.tenantId), staff: await this.staff(acting) });
  }

  async get(acting: Acting, groupId: string): Promise<Outcome<SecurityGroup>> {
    const allowed = mayManageGroups(acting);
    if (!allowed.ok) return allowed;
    const group = await this.store.get('securityGroups', groupId);
    return group && group.partnerTenantId === acting.org.tenantId ? ok(group) : refuse('group-not-found');
  }

  /** The people a group may hold: the partner organisation's own users, never another tenant's. */
  async staff(acting: Acting): Promise<User[]> {
    return (await this.store.findBy('users', 'tenant', acting.org.tenantId))
      .filter((u) => u.roles.side === 'partner')
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  async save(acting: Acting, draft: GroupDraft, onAdded?: MembersAdded): Promise<Outcome<SecurityGroup>> {
    const allowed = mayManageGroups(acting);
    if (!allowed.ok) return allowed;
    const parsedName = SecurityGroup.shape.name.safeParse(draft.name);
    if (!parsedName.success) return refuse('group-name-invalid');
    const staff = await this.staff(acting);
    const members = [...new Set(draft.memberUserIds)];
    if (members.some((id) => !staff.some((u) => u.id === id))) return refuse('group-member-unknown');
    return withRetry(this.store, async (tx) => {
      const groups = await tx.findBy('securityGroups', 'partner', acting.org.tenantId);
      const before = draft.groupId ? groups.find((g) => g.id === draft.groupId) : undefined;
      if (draft.groupId && !before) return refuse('group-not-found');
      const clash = groups.find((g) => g.id !== draft.groupId && foldText(g.name) === foldText(parsedName.data));
      if (clash) return refuse('group-name-taken', { name: clash.name });
      const now = this.clock().toISOString();
      const fields = { name: parsedName.data, description: draft.description, memberUserIds: members, updatedAt: now };
      const saved = before
        ? tx.update('securityGroups', { ...before, ...fields })
        : tx.insert('securityGroups', {
            id: randomUUID(),
            partnerTenantId: acting.org.tenantId,
            createdBy: actorOf(acting),
            createdAt: now,
            ...fields,
          });
      recordChange(tx, this.clock(), actorOf(acting), saved, before);
      const added = staff.filter((u) => members.includes(u.id) && !before?.memberUserIds.includes(u.id));
      await onAdded?.(tx, saved, added);
      return ok(saved);
    });
  }
}

/** One audit event per change of a group, with the members before and after. */
export function recordChange(
  tx: Transaction,
  now: Date,
  actor: Actor | null,
  saved: SecurityGroup,
  before?: SecurityGroup,
): void {
  audit(tx, now, {
    actor,
    action: before ? 'security-group.updated' : 'security-group.created',
    target: { type: 'security-group', id: saved.id },
    tenantIds: [saved.partnerTenantId],
    before: before ? { name: before.name, members: before.memberUserIds.length } : undefined,
    after: { name: saved.name, members: saved.memberUserIds.length },
  });
}
