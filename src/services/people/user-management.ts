import { z } from 'zod';
import { AgentRole, PartnerAdminRole, type User } from '../../domain/model.js';
import { decide } from '../../domain/policy.js';
import { identityKey, withRetry, type Store, type Transaction } from '../../store/store.js';
import { audit } from '../audit.js';
import { actorOf, type Acting } from '../invitations/invitations.js';
import { ok, refuse, type Outcome } from '../outcome.js';

export const NewUserInput = z.object({
  name: z.string().trim().min(2, 'name').max(120, 'name'),
  email: z.string().trim().toLowerCase().email('email'),
  aadObjectId: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'aadObjectId'),
  agent: AgentRole,
  admin: PartnerAdminRole,
});
export type NewUserInput = z.infer<typeof NewUserInput>;

const FIELDS = Object.keys(NewUserInput.shape);
const invalidField = (field: unknown) => (typeof field === 'string' && FIELDS.includes(field) ? field : 'name');

const isGlobalAdmin = (u: User) => u.roles.side === 'partner' && u.roles.admin === 'global-admin';

/** Partner user management: global admins and user management admins add users, change roles, remove users. */
export class UserManagement {
  constructor(
    private readonly store: Store,
    private readonly clock: () => Date,
  ) {}

  private allowed(acting: Acting): Outcome<true> {
    const decision = decide(acting.user, 'manage-users', { actorOrg: acting.org });
    return decision.allowed ? ok(true) : refuse(decision.reason, decision.params, decision.neededRoles);
  }

  async list(acting: Acting): Promise<Outcome<User[]>> {
    const allowed = this.allowed(acting);
    if (!allowed.ok) return allowed;
    const users = await this.store.findBy('users', 'tenant', acting.org.tenantId);
    return ok(users.sort((a, b) => a.name.localeCompare(b.name)));
  }

  async add(acting: Acting, input: unknown): Promise<Outcome<User>> {
    const allowed = this.allowed(acting);
    if (!allowed.ok) return allowed;
    const parsed = NewUserInput.safeParse(input);
    // The field that failed, not zod's message: a missing field's message is "Required", which has no text.
    if (!parsed.success) return refuse(`user-invalid-${invalidField(parsed.error.issues[0]?.path[0])}`);
    const fields = parsed.data;
    const granted = this.mayGrant(acting, fields.admin);
    if (!granted.ok) return granted;
    return withRetry(this.store, async (tx) => {
      // Like a Microsoft Entra user principal name, an email is unique within a tenant: another tenant's is not ours to know of.
      const sameEmail = (await tx.findBy('users', 'email', fields.email)).filter(
        (u) => u.tenantId === acting.org.tenantId,
      );
      if (sameEmail.length > 0) return refuse('user-email-taken', { email: fields.email });
      if ((await tx.findBy('users', 'identity', identityKey(acting.org.tenantId, fields.aadObjectId))).length > 0) {
        return refuse('user-identity-taken');
      }
      const now = this.clock();
      const user = tx.insert('users', {
        id: `${acting.org.tenantId}/${fields.aadObjectId}`,
        tenantId: acting.org.tenantId,
        aadObjectId: fields.aadObjectId,
        name: fields.name,
        email: fields.email,
        roles: { side: 'partner', agent: fields.agent, admin: fields.admin },
        createdAt: now.toISOString(),
      });
      audit(tx, now, {
        actor: actorOf(acting),
        action: 'user.added',
        target: { type: 'user', id: user.id },
        tenantIds: [acting.org.tenantId],
        after: { name: user.name, roles: user.roles },
      });
      return ok(user);
    });
  }

  /** Takes effect on the user's next action: every turn reads the roles from the store. */
  async changeRoles(acting: Acting, userId: string, agent: AgentRole, admin: PartnerAdminRole): Promise<Outcome<User>> {
    const allowed = this.allowed(acting);
    if (!allowed.ok) return allowed;
    return withRetry(this.store, async (tx) => {
      const target = await this.colleague(tx, acting, userId);
      if (!target) return refuse('user-not-found');
      // Nobody raises (or lowers) their own roles: another admin must do it, as in Partner Center.
      if (target.id === acting.user.id) return refuse('own-roles');
      const granted = this.mayGrant(acting, admin, target);
      if (!granted.ok) return granted;
      if (isGlobalAdmin(target) && admin !== 'global-admin' && (await this.lastGlobalAdmin(tx, acting.org.tenantId))) {
        return refuse('last-global-admin', { name: target.name });
      }
      const updated = tx.update('users', { ...target, roles: { side: 'partner', agent, admin } });
      audit(tx, this.clock(), {
        actor: actorOf(acting),
        action: 'user.roles-changed',
        target: { type: 'user', id: target.id },
        tenantIds: [acting.org.tenantId],
        before: target.roles,
        after: updated.roles,
      });
      return ok(updated);
    });
  }

  async remove(acting: Acting, userId: string): Promise<Outcome<User>> {
    const allowed = this.allowed(acting);
    if (!allowed.ok) return allowed;
    return withRetry(this.store, async (tx) => {
      const target = await this.colleague(tx, acting, userId);
      if (!target) return refuse('user-not-found');
      const granted = this.mayGrant(acting, 'none', target);
      if (!granted.ok) return granted;
      if (isGlobalAdmin(target) && (await this.lastGlobalAdmin(tx, acting.org.tenantId))) {
        return refuse('last-global-admin', { name: target.name });
      }
      tx.remove('users', target);
      audit(tx, this.clock(), {
        actor: actorOf(acting),
        action: 'user.removed',
        target: { type: 'user', id: target.id },
        tenantIds: [acting.org.tenantId],
        before: { name: target.name, roles: target.roles },
      });
      return ok(target);
    });
  }

  /**
   * Only a global admin grants or takes away global admin (a user management admin cannot assign it in
   * Partner Center), and only a global admin changes or removes a global admin.
   */
  private mayGrant(acting: Acting, admin: PartnerAdminRole, target?: User): Outcome<true> {
    if (isGlobalAdmin(acting.user)) return ok(true);
    const touchesGlobalAdmin = admin === 'global-admin' || (target !== undefined && isGlobalAdmin(target));
    return touchesGlobalAdmin ? refuse('global-admin-grant', undefined, ['global-admin']) : ok(true);
  }

  private async colleague(tx: Transaction, acting: Acting, userId: string): Promise<User | undefined> {
    const target = await tx.get('users', userId);
    return target && target.tenantId === acting.org.tenantId && target.roles.side === 'partner' ? target : undefined;
  }

  private async lastGlobalAdmin(tx: Transaction, tenantId: string): Promise<boolean> {
    return (await tx.findBy('users', 'tenant', tenantId)).filter(isGlobalAdmin).length <= 1;
  }
}
