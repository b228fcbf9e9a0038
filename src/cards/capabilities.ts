import type { Organization, User } from '../domain/model.js';
import { allowedActions, type Action } from '../domain/policy.js';
import type { CommandId } from '../bot/commands.js';

export type Audience = 'partner' | 'customer' | 'helpdesk';

/** Which audience an action belongs to, and the command that starts it (when the bot has one). */
const ACTIONS: Record<Action, { audience: Audience | 'side'; command?: CommandId }> = {
  'request-reseller-relationship': { audience: 'partner', command: 'request-relationship' },
  'include-delegated-admin': { audience: 'partner', command: 'request-relationship' },
  'act-on-behalf': { audience: 'partner' },
  'manage-leads': { audience: 'partner', command: 'leads' },
  'manage-users': { audience: 'partner', command: 'users' },
  'accept-indirect-provider': { audience: 'partner', command: 'indirect-providers' },
  'enroll-indirect-reseller': { audience: 'side', command: 'enroll' },
  'find-partners': { audience: 'customer', command: 'find-partner' },
  'accept-reseller-invitation': { audience: 'customer', command: 'accept-invitation' },
  'accept-mca': { audience: 'customer', command: 'accept-mca' },
  'accept-admin-invitation': { audience: 'customer', command: 'accept-invitation' },
  'remove-admin-roles': { audience: 'customer', command: 'remove-roles' },
  'view-customers': { audience: 'helpdesk', command: 'status' },
  'view-partners': { audience: 'helpdesk', command: 'my-partners' },
};

export interface Capability {
  audience: Audience;
  /** An action of the role tables, or a workflow that depends on the organisation's kind. */
  action: Action | 'two-tier-resellers';
  /** Set when the bot has a command for it. */
  command?: CommandId;
}

/** What this user's roles let them do, grouped by audience, with the command for each where there is one. */
export function capabilities(user: User, org: Organization, available: ReadonlySet<CommandId>): Capability[] {
  const byRole: Capability[] = allowedActions(user).map((action) => {
    const { audience, command } = ACTIONS[action];
    return {
      action,
      audience: audience === 'side' ? user.roles.side : audience,
      command: command && available.has(command) ? command : undefined,
    };
  });
  // An indirect provider's staff follow their resellers whatever their role; a reseller accepts providers.
  if (org.kind === 'indirect-provider' && user.roles.side === 'partner' && available.has('indirect-resellers')) {
    byRole.push({ audience: 'partner', action: 'two-tier-resellers', command: 'indirect-resellers' });
  }
  return byRole.filter((c) => c.action !== 'accept-indirect-provider' || org.kind === 'indirect-reseller');
}

export const ALWAYS_OFFERED: CommandId[] = ['help', 'whoami', 'language'];
