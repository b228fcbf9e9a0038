import type { Organization, User } from '../domain/model.js';
import { COMMANDS, type CommandId } from '../bot/commands.js';
import { roleRefusal, type AvailableCommands, type Permission } from '../bot/permissions.js';

export type Audience = 'partner' | 'customer' | 'helpdesk' | 'everyone';

// 'cancel' is in every card's footer; 'verify' is typed with the code of the enrolment email, which says so.
const NOT_LISTED: ReadonlySet<CommandId> = new Set<CommandId>(['cancel', 'verify']);

export interface Capability {
  audience: Audience;
  command: CommandId;
}

/**
 * Every command this person's roles let them use, once each, in the command table's order, under the heading
 * a person of their side looks for. The check is the dispatcher's own, so help never offers what it refuses.
 */
export function capabilities(user: User, org: Organization, available: AvailableCommands): Capability[] {
  const order = (id: CommandId) => COMMANDS.findIndex((c) => c.id === id);
  return [...available]
    .filter(([id, permission]) => !NOT_LISTED.has(id) && roleRefusal({ user, org }, permission) === undefined)
    .sort(([a], [b]) => order(a) - order(b))
    .map(([command, permission]) => ({ command, audience: audienceOf(permission, user.roles.side) }));
}

function audienceOf(permission: Permission, side: User['roles']['side']): Audience {
  const needed = side === 'partner' ? permission.partner : permission.customer;
  if (needed === 'member') return 'everyone';
  // The helpdesk lookups are the ones both sides' helpdesks share; a side's own lists (my partners, the
  // two-tier lists) are that side's work.
  const helpdesk = permission.partner === 'view-customers' && permission.customer === 'view-partners';
  return helpdesk ? 'helpdesk' : side;
}
