/** What a policy check answers: allowed, or the most basic reason it is not, with the roles that would allow it. */
export type DenyReason =
  | 'wrong-tenant'
  | 'wrong-side'
  | 'wrong-organization-kind'
  | 'not-available-21vianet'
  | 'role-required'
  | 'reseller-only-invitation-required'
  | 'region-mismatch'
  | 'cloud-mismatch'
  | 'admin-privileges-required-national-cloud'
  | 'delegated-admin-partner-exists'
  | 'webmail-not-allowed';

export type Decision =
  { allowed: true } | { allowed: false; reason: DenyReason; neededRoles?: string[]; params?: Record<string, string> };

type Denial = Extract<Decision, { allowed: false }>;

export const ALLOW: Decision = { allowed: true };

export function deny(
  reason: DenyReason,
  extra: { neededRoles?: readonly string[]; params?: Record<string, string> } = {},
) {
  const decision: Denial = { allowed: false, reason };
  if (extra.neededRoles) decision.neededRoles = [...extra.neededRoles];
  if (extra.params) decision.params = extra.params;
  return decision;
}
