import { adminRoleNames, formatDate } from '../../../cards/format.js';
import { noticeCard } from '../../../cards/notice-card.js';
import type { CardAttachment } from '../../../cards/render.js';
import type { Relationship } from '../../../domain/model.js';
import { decide } from '../../../domain/policy.js';
import type { Translator } from '../../../i18n/i18n.js';
import { InvitationDelivery } from '../../../services/invitations/invitation-delivery.js';
import { InvitationService, type Acting } from '../../../services/invitations/invitations.js';
import type { Refusal } from '../../../services/outcome.js';
import { AutoExtendService } from '../../../services/relationships/auto-extend.js';
import { isLive, liveAdminAccess } from '../../../services/relationships/relationship-admin.js';
import { RoleReduction, type RoleReductionSent } from '../../../services/relationships/role-reduction.js';
import type { WorkflowDeps } from '../../workflow-module.js';
import { tellCustomerAdmins } from './day-two-notices.js';

const MANAGE = 'manage-admin-relationships' as const;

export interface LiveAccessRow {
  relationship: Relationship;
  customer: { name: string; tenantId: string };
}

/** The acting partner's live relationships with admin access, by customer name; refused for roles that may not manage them. */
export async function liveAccessRows(deps: WorkflowDeps, acting: Acting): Promise<LiveAccessRow[] | Refusal> {
  const decision = decide(acting.user, MANAGE, { actorOrg: acting.org });
  if (!decision.allowed) return { code: decision.reason, params: decision.params, neededRoles: decision.neededRoles };
  const rows: LiveAccessRow[] = [];
  for (const relationship of await deps.store.findBy('relationships', 'partner', acting.org.tenantId)) {
    if (!isLive(relationship) || !liveAdminAccess(relationship)) continue;
    const customer = await deps.store.get('organizations', relationship.customerTenantId);
    if (customer) rows.push({ relationship, customer });
  }
  return rows.sort((a, b) => a.customer.name.localeCompare(b.customer.name));
}

/** Removing Global Administrator alone, as one relationship or one of a bulk run sees it. */
export function globalAdminRemoval(deps: WorkflowDeps) {
  const { store, clock, notifier, config } = deps;
  const reduction = new RoleReduction(
    store,
    new InvitationService(store, clock, config),
    new InvitationDelivery(store, notifier, config.defaultLanguage, clock),
    clock,
  );
  return {
    reduction,
    plan: (acting: Acting, relationshipId: string) =>
      reduction.plan(acting, relationshipId, ['global-administrator'], MANAGE),
    async remove(acting: Acting, relationshipId: string, tr: Translator) {
      const plan = await reduction.plan(acting, relationshipId, ['global-administrator'], MANAGE);
      if (!plan.ok) return plan;
      const params = { partner: acting.org.name, customer: plan.value.customer.name };
      return reduction.send(acting, plan.value, {
        subject: tr.t('gdap.ga.emailSubject', params),
        body: tr.t('gdap.ga.emailBody', { ...params, roles: adminRoleNames(plan.value.remaining, tr) }),
      });
    },
  };
}

/** The answer after the request for the remaining roles went out (or was already open). */
export function globalAdminSentCard(sent: RoleReductionSent, tr: Translator): CardAttachment {
  const params = { customer: sent.plan.customer.name, roles: adminRoleNames(sent.plan.remaining, tr) };
  if (sent.existing) return noticeCard(tr.t('gdap.ga.title'), tr.t('gdap.ga.alreadyOpen', params), 'warning');
  return noticeCard(tr.t('gdap.ga.sentTitle', params), tr.t('gdap.ga.sentText', params), 'good');
}

/** Turn auto-extend on or off; the customer's admins are told in the same transaction. */
export function autoExtendSwitch(deps: WorkflowDeps) {
  const service = new AutoExtendService(deps.store, deps.clock);
  return (acting: Acting, relationshipId: string, on: boolean) =>
    service.set(acting, relationshipId, on, (tx, relationship) =>
      tellCustomerAdmins(deps, tx, relationship.customerTenantId, 'relationship.auto-extend', relationship.id, (tr) => {
        const params = { partner: acting.org.name, date: formatDate(relationship.adminAccess!.endAt, tr) };
        return on
          ? noticeCard(tr.t('gdap.autoExtend.customerOnTitle', params), tr.t('gdap.autoExtend.customerOnText', params))
          : noticeCard(
              tr.t('gdap.autoExtend.customerOffTitle', params),
              tr.t('gdap.autoExtend.customerOffText', params),
            );
      }),
    );
}
