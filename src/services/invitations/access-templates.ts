import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { AccessTemplate } from '../../domain/access.js';
import { canAutoExtend } from '../../domain/lifecycle.js';
import { AdminRoleId } from '../../domain/model.js';
import { decide } from '../../domain/policy.js';
import { foldText } from '../../domain/text.js';
import { withRetry, type Store } from '../../store/store.js';
import { audit } from '../audit.js';
import { ok, refuse, type Outcome } from '../outcome.js';
import { actorOf, type Acting, type InvitationRequest } from './invitations.js';

export interface TemplateDraft {
  /** Absent for a new template. */
  templateId?: string;
  name: string;
  roles: string[];
  durationDays: number;
  autoExtend: boolean;
  groupIds: string[];
}

export function mayManageTemplates(acting: Acting): Outcome<true> {
  const decision = decide(acting.user, 'manage-access-templates', { actorOrg: acting.org });
  return decision.allowed ? ok(true) : refuse(decision.reason, decision.params, decision.neededRoles);
}

/**
 * The request a template makes for one customer: its roles, duration and auto-extend, and its groups to assign
 * on activation. The one place a template becomes a request, for a single request and for a bulk one alike;
 * the per-customer rules are checked when InvitationService saves it.
 */
export function requestFromTemplate(
  template: AccessTemplate,
  customer: InvitationRequest['customer'],
  extra: Pick<InvitationRequest, 'displayName' | 'leadId'> = {},
): InvitationRequest {
  return {
    kind: 'reseller',
    customer,
    relationshipTypes: ['reseller', 'delegated-admin'],
    adminAccess: { roles: [...template.roles], durationDays: template.durationDays, autoExtend: template.autoExtend },
    template: { id: template.id, groupIds: [...template.groupIds] },
    ...extra,
  };
}

/** Templates as partner admins keep them: named role sets with a duration, auto-extend and default groups. */
export class AccessTemplateService {
  constructor(
    private readonly store: Store,
    private readonly clock: () => Date,
  ) {}

  async list(acting: Acting): Promise<Outcome<AccessTemplate[]>> {
    const allowed = mayManageTemplates(acting);
    if (!allowed.ok) return allowed;
    const templates = await this.store.findBy('accessTemplates', 'partner', acting.org.tenantId);
    return ok(templates.sort((a, b) => a.name.localeCompare(b.name)));
  }

  /** One of the acting partner's templates; starting a request from one needs only the right to request. */
  async get(acting: Acting, templateId: string): Promise<Outcome<AccessTemplate>> {
    const template = await this.store.get('accessTemplates', templateId);
    return template && template.partnerTenantId === acting.org.tenantId ? ok(template) : refuse('template-not-found');
  }

  async save(acting: Acting, draft: TemplateDraft): Promise<Outcome<AccessTemplate>> {
    const allowed = mayManageTemplates(acting);
    if (!allowed.ok) return allowed;
    const name = AccessTemplate.shape.name.safeParse(draft.name);
    if (!name.success) return refuse('template-name-invalid');
    const roles = z
      .array(AdminRoleId)
      .min(1)
      .safeParse([...new Set(draft.roles)]);
    if (!roles.success) return refuse('template-roles-required');
    if (!AccessTemplate.shape.durationDays.safeParse(draft.durationDays).success) return refuse('duration-invalid');
    // Graph refuses auto-extend while Global Administrator is among the roles.
    if (draft.autoExtend && !canAutoExtend(roles.data)) return refuse('auto-extend-with-global-admin');
    return withRetry(this.store, async (tx) => {
      for (const groupId of draft.groupIds) {
        const group = await tx.get('securityGroups', groupId);
        if (!group || group.partnerTenantId !== acting.org.tenantId) return refuse('group-not-found');
      }
      const templates = await tx.findBy('accessTemplates', 'partner', acting.org.tenantId);
      const before = draft.templateId ? templates.find((t) => t.id === draft.templateId) : undefined;
      if (draft.templateId && !before) return refuse('template-not-found');
      const clash = templates.find((t) => t.id !== draft.templateId && foldText(t.name) === foldText(name.data));
      if (clash) return refuse('template-name-taken', { name: clash.name });
      const now = this.clock();
      const fields = {
        name: name.data,
        roles: roles.data,
        durationDays: draft.durationDays,
        autoExtend: draft.autoExtend,
        groupIds: [...new Set(draft.groupIds)],
        updatedAt: now.toISOString(),
      };
      const saved = before
        ? tx.update('accessTemplates', { ...before, ...fields })
        : tx.insert('accessTemplates', {
            id: randomUUID(),
            partnerTenantId: acting.org.tenantId,
            createdBy: actorOf(acting),
            createdAt: now.toISOString(),
            ...fields,
          });
      audit(tx, now, {
        actor: actorOf(acting),
        action: before ? 'access-template.updated' : 'access-template.created',
        target: { type: 'access-template', id: saved.id },
        tenantIds: [acting.org.tenantId],
        after: {
          name: saved.name,
          roles: saved.roles,
          durationDays: saved.durationDays,
          groups: saved.groupIds.length,
        },
      });
      return ok(saved);
    });
  }
}
