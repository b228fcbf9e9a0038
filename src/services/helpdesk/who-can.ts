import type { SecurityGroup } from '../../domain/access.js';
import type { AdminRoleId, Relationship, User } from '../../domain/model.js';
import type { StoreReader } from '../../store/store.js';
import type { TaskDefinition } from './task-roles.js';

/**
 * A granted role is used through an access assignment: only members of a group assigned the role can use it.
 * `member`: the person is in such a group. `join`: others are (ask to be added). `assign`: nobody is yet, and
 * an admin agent must assign the role to a group on that relationship.
 */
export type WhoCan =
  | { kind: 'member'; group: SecurityGroup; role: AdminRoleId }
  | { kind: 'join'; groups: SecurityGroup[] }
  | { kind: 'assign'; role: AdminRoleId; relationship: Relationship };

export async function whoCan(
  store: StoreReader,
  person: User,
  task: TaskDefinition,
  granting: readonly Relationship[],
  best: { r: Relationship; role: AdminRoleId },
): Promise<WhoCan> {
  const holding: { group: SecurityGroup; role: AdminRoleId }[] = [];
  for (const relationship of granting) {
    for (const assignment of await store.findBy('accessAssignments', 'relationship', relationship.id)) {
      if (assignment.status !== 'active') continue;
      // Only roles the relationship still grants count, least privileged first.
      const role = task.grantedBy.find(
        (r) => assignment.roles.includes(r) && relationship.adminAccess?.roles.includes(r),
      );
      const group = role ? await store.get('securityGroups', assignment.groupId) : undefined;
      if (group && role) holding.push({ group, role });
    }
  }
  const mine = holding.find((h) => h.group.memberUserIds.includes(person.id));
  if (mine) return { kind: 'member', ...mine };
  const groups = [...new Map(holding.map((h) => [h.group.id, h.group])).values()];
  if (groups.length) return { kind: 'join', groups: groups.sort((a, b) => a.name.localeCompare(b.name)) };
  return { kind: 'assign', role: best.role, relationship: best.r };
}
