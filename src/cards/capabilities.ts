import type { User } from '../domain/model.js';
import { allowedActions, type Action } from '../domain/policy.js';
import type { CommandId } from '../bot/commands.js';

export type Audience = 'partner' | 'customer' | 'helpdesk' | 'everyone';

/** Which actions make a command worth offering, and to which audience it belongs. */
const OFFERS: { command: CommandId; audience: Audience; needsAny: Action[] }[] = [
  { command: 'request-relationship', audience: 'partner', needsAny: ['request-reseller-relationship'] },
  { command: 'invitations', audience: 'partner', needsAny: ['request-reseller-relationship'] },
  { command: 'leads', audience: 'partner', needsAny: ['manage-leads'] },
  { command: 'users', audience: 'partner', needsAny: ['manage-users'] },
  { command: 'indirect-providers', audience: 'partner', needsAny: ['accept-indirect-provider'] },
  { command: 'find-partner', audience: 'customer', needsAny: ['find-partners'] },
  { command: 'accept-invitation', audience: 'customer', needsAny: ['accept-reseller-invitation'] },
  { command: 'accept-mca', audience: 'customer', needsAny: ['accept-mca'] },
  { command: 'my-partners', audience: 'customer', needsAny: ['view-partners'] },
  { command: 'remove-roles', audience: 'customer', needsAny: ['remove-admin-roles'] },
  { command: 'status', audience: 'helpdesk', needsAny: ['view-customers', 'view-partners'] },
  { command: 'can-we', audience: 'helpdesk', needsAny: ['view-customers'] },
];

export const ALWAYS_OFFERED: CommandId[] = ['help', 'whoami', 'language'];

/** The workflows this user may start, among those the bot has, grouped by audience. */
export function offeredCommands(
  user: User,
  available: ReadonlySet<CommandId>,
): { audience: Audience; command: CommandId }[] {
  const allowed = new Set(allowedActions(user));
  const offered = OFFERS.filter(
    (o) => available.has(o.command) && o.needsAny.some((action) => allowed.has(action)),
  ).map(({ audience, command }) => ({ audience, command }));
  return [
    ...offered,
    ...ALWAYS_OFFERED.filter((c) => available.has(c)).map((command) => ({ audience: 'everyone' as const, command })),
  ];
}
