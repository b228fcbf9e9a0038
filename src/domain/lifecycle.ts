import {
  AUTO_EXTEND_DAYS,
  INVITATION_VALIDITY_DAYS,
  type ActorAt,
  type AdminRoleId,
  type Invitation,
  type InvitationStatus,
  type Relationship,
  type RelationshipStatus,
} from './model.js';

export type Result<T, E> = { ok: true; value: T } | { ok: false; error: E };
export type ActorKind = 'partner' | 'customer' | 'system';

export type TransitionErrorCode =
  | 'illegal-transition'
  | 'actor-not-allowed'
  | 'not-due'
  | 'invitation-expired'
  | 'auto-extend-with-global-admin'
  | 'no-admin-access'
  | 'roles-cannot-be-added';

export interface TransitionError {
  code: TransitionErrorCode;
  from: InvitationStatus | RelationshipStatus;
  event: string;
  allowedActors?: ActorKind[];
}

const DAY_MS = 86_400_000;
const EXPIRING_WINDOW_DAYS = 30;

export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * DAY_MS);
}
export function invitationExpiresAt(createdAt: Date): Date {
  return addDays(createdAt, INVITATION_VALIDITY_DAYS);
}
export function accessEndsAt(start: Date, durationDays: number): Date {
  return addDays(start, durationDays);
}
/** Whole days from a to b, rounded down (negative when b is before a). */
export function daysBetween(a: Date, b: Date): number {
  return Math.floor((b.getTime() - a.getTime()) / DAY_MS);
}
export function daysLeft(invitation: Invitation, now: Date): number {
  return Math.max(0, daysBetween(now, new Date(invitation.expiresAt)));
}
/** Auto-extend is not allowed when Global Administrator is among the roles. */
export function canAutoExtend(roles: readonly AdminRoleId[]): boolean {
  return !roles.includes('global-administrator');
}

export type InvitationEvent =
  | { type: 'send' }
  | { type: 'accept'; by: ActorAt }
  | { type: 'decline'; by: ActorAt }
  | { type: 'cancel' }
  | { type: 'expire' };

interface Transition<S> {
  from: readonly S[];
  to: S;
  actors: readonly ActorKind[];
}

export const INVITATION_TRANSITIONS: Record<InvitationEvent['type'], Transition<InvitationStatus>> = {
  send: { from: ['created'], to: 'approval-pending', actors: ['partner'] },
  accept: { from: ['approval-pending'], to: 'accepted', actors: ['customer'] },
  decline: { from: ['approval-pending'], to: 'declined', actors: ['customer'] },
  cancel: { from: ['created', 'approval-pending'], to: 'cancelled', actors: ['partner'] },
  expire: { from: ['created', 'approval-pending'], to: 'expired', actors: ['system'] },
};

function fail<S extends InvitationStatus | RelationshipStatus>(
  code: TransitionErrorCode,
  from: S,
  event: string,
  allowedActors?: readonly ActorKind[],
): { ok: false; error: TransitionError } {
  return { ok: false, error: { code, from, event, ...(allowedActors ? { allowedActors: [...allowedActors] } : {}) } };
}

export function applyInvitationEvent(
  inv: Invitation,
  event: InvitationEvent,
  ctx: { actor: ActorKind; now: Date },
): Result<Invitation, TransitionError> {
  const rule = INVITATION_TRANSITIONS[event.type];
  if (!rule.from.includes(inv.status)) return fail('illegal-transition', inv.status, event.type);
  if (!rule.actors.includes(ctx.actor)) return fail('actor-not-allowed', inv.status, event.type, rule.actors);
  const expired = ctx.now >= new Date(inv.expiresAt);
  if (event.type === 'expire' && !expired) return fail('not-due', inv.status, event.type);
  if ((event.type === 'accept' || event.type === 'decline') && expired) {
    return fail('invitation-expired', inv.status, event.type);
  }
  const next: Invitation = { ...inv, status: rule.to };
  if (event.type === 'send') next.sentAt = ctx.now.toISOString();
  if (event.type === 'accept' || event.type === 'decline') next.decidedBy = { ...event.by };
  return { ok: true, value: next };
}

export type RelationshipEvent =
  | { type: 'activate' }
  | { type: 'mark-expiring' }
  | { type: 'auto-extend' }
  | { type: 'enable-auto-extend' }
  | { type: 'disable-auto-extend' }
  | { type: 'expire' }
  | { type: 'remove-admin-roles' }
  | { type: 'request-termination' }
  | { type: 'terminate' }
  | { type: 'add-roles' };

const LIVE: readonly RelationshipStatus[] = ['active', 'expiring'];

export const RELATIONSHIP_TRANSITIONS: Record<
  RelationshipEvent['type'],
  Transition<RelationshipStatus> & { keepsState?: boolean }
> = {
  activate: { from: ['approved'], to: 'active', actors: ['system'] },
  'mark-expiring': { from: ['active'], to: 'expiring', actors: ['system'] },
  'auto-extend': { from: LIVE, to: 'active', actors: ['system'] },
  'enable-auto-extend': { from: LIVE, to: 'active', actors: ['partner'], keepsState: true },
  'disable-auto-extend': { from: LIVE, to: 'active', actors: ['partner'], keepsState: true },
  expire: { from: LIVE, to: 'expired', actors: ['system'] },
  // Either side may end admin access (GDAP): the customer removes roles, the partner terminates access.
  'remove-admin-roles': { from: LIVE, to: 'active', actors: ['customer', 'partner'] },
  'request-termination': { from: LIVE, to: 'termination-requested', actors: ['partner'] },
  terminate: { from: ['termination-requested'], to: 'terminated', actors: ['partner', 'system'] },
  'add-roles': { from: [], to: 'active', actors: ['partner', 'customer', 'system'] },
};

export function applyRelationshipEvent(
  rel: Relationship,
  event: RelationshipEvent,
  ctx: { actor: ActorKind; now: Date; by?: string },
): Result<Relationship, TransitionError> {
  // Roles are never added to an existing relationship: a role change is a new request.
  if (event.type === 'add-roles') return fail('roles-cannot-be-added', rel.status, event.type);
  const rule = RELATIONSHIP_TRANSITIONS[event.type];
  if (!rule.from.includes(rel.status)) return fail('illegal-transition', rel.status, event.type);
  if (!rule.actors.includes(ctx.actor)) return fail('actor-not-allowed', rel.status, event.type, rule.actors);
  const now = ctx.now;
  const updatedAt = now.toISOString();
  const access = rel.adminAccess && !rel.adminAccess.removedAt ? rel.adminAccess : null;
  const endAt = access ? new Date(access.endAt) : undefined;
  switch (event.type) {
    case 'activate':
    case 'request-termination':
    case 'terminate':
      return { ok: true, value: { ...rel, status: rule.to, updatedAt } };
    case 'mark-expiring':
      if (!access || !endAt || daysBetween(now, endAt) >= EXPIRING_WINDOW_DAYS)
        return fail('not-due', rel.status, event.type);
      return { ok: true, value: { ...rel, status: 'expiring', updatedAt } };
    case 'enable-auto-extend':
      if (!access) return fail('no-admin-access', rel.status, event.type);
      if (!canAutoExtend(access.roles)) return fail('auto-extend-with-global-admin', rel.status, event.type);
      return { ok: true, value: { ...rel, adminAccess: { ...access, autoExtend: true }, updatedAt } };
    case 'disable-auto-extend':
      if (!access) return fail('no-admin-access', rel.status, event.type);
      return { ok: true, value: { ...rel, adminAccess: { ...access, autoExtend: false }, updatedAt } };
    case 'auto-extend':
      if (!access || !endAt) return fail('no-admin-access', rel.status, event.type);
      if (!access.autoExtend || daysBetween(now, endAt) >= EXPIRING_WINDOW_DAYS)
        return fail('not-due', rel.status, event.type);
      if (!canAutoExtend(access.roles)) return fail('auto-extend-with-global-admin', rel.status, event.type);
      return {
        ok: true,
        value: {
          ...rel,
          status: 'active',
          adminAccess: { ...access, endAt: addDays(endAt, AUTO_EXTEND_DAYS).toISOString() },
          updatedAt,
        },
      };
    case 'expire': {
      if (!access || !endAt) return fail('no-admin-access', rel.status, event.type);
      if (now < endAt || access.autoExtend) return fail('not-due', rel.status, event.type);
      const ended = { ...access, removedAt: updatedAt, removedBy: 'expiry' };
      // A reseller relationship does not expire: only its admin access ends.
      const onlyAdmin = rel.types.every((t) => t === 'delegated-admin');
      return {
        ok: true,
        value: { ...rel, status: onlyAdmin ? 'expired' : 'active', adminAccess: ended, updatedAt },
      };
    }
    case 'remove-admin-roles':
      if (!access) return fail('no-admin-access', rel.status, event.type);
      return {
        ok: true,
        value: {
          ...rel,
          status: 'active',
          adminAccess: { ...access, removedAt: updatedAt, removedBy: ctx.by ?? 'customer' },
          updatedAt,
        },
      };
  }
}
