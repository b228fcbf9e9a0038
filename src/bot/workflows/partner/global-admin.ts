import { z } from 'zod';
import { button } from '../../../cards/button.js';
import { choiceForm } from '../../../cards/choice-form.js';
import { adminRoleNames, formatDate } from '../../../cards/format.js';
import { noticeCard } from '../../../cards/notice-card.js';
import { describeRefusal } from '../../../cards/refusal.js';
import type { CardAttachment } from '../../../cards/render.js';
import { canAutoExtend } from '../../../domain/lifecycle.js';
import type { Relationship } from '../../../domain/model.js';
import { decide } from '../../../domain/policy.js';
import { plural, type Translator } from '../../../i18n/i18n.js';
import { InvitationDelivery } from '../../../services/invitations/invitation-delivery.js';
import { InvitationService, type Acting } from '../../../services/invitations/invitations.js';
import type { Refusal } from '../../../services/outcome.js';
import { AutoExtendService } from '../../../services/relationships/auto-extend.js';
import { isLive, liveAdminAccess } from '../../../services/relationships/relationship-admin.js';
import { RoleReduction, type RoleReductionSent } from '../../../services/relationships/role-reduction.js';
import { cardAction } from '../../card-actions.js';
import { command } from '../../command-handler.js';
import { partnerMay, recordTarget } from '../../permissions.js';
import type { WorkflowDeps, WorkflowFactory } from '../../workflow-module.js';
import { tellCustomerAdmins } from './day-two-notices.js';
import { DAY_TWO_VERBS as VERBS } from './day-two-verbs.js';

const MANAGE = 'manage-admin-relationships' as const;
const RelationshipRef = z.object({ relationshipId: z.string().max(100).default('') });

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

/**
 * "Remove Global Administrator" alone (GDAP: auto-extend is not allowed while it is among the roles) and
 * "auto-extend" on or off, for the partner's admin agents and global admins.
 */
export const globalAdminWorkflow: WorkflowFactory = (deps) => {
  const removal = globalAdminRemoval(deps);
  const switchAutoExtend = autoExtendSwitch(deps);
  const attention = (title: string, refusal: Refusal, tr: Translator) =>
    noticeCard(title, describeRefusal(refusal, tr), 'attention');

  async function pickGlobalAdmin(acting: Acting, tr: Translator): Promise<CardAttachment> {
    const rows = await liveAccessRows(deps, acting);
    if (!Array.isArray(rows)) return attention(tr.t('gdap.ga.title'), rows, tr);
    const withGlobal = rows.filter((r) => liveAdminAccess(r.relationship)!.roles.includes('global-administrator'));
    if (!withGlobal.length) return noticeCard(tr.t('gdap.ga.title'), tr.t('gdap.ga.none', { org: acting.org.name }));
    return choiceForm({
      title: tr.t('gdap.ga.title'),
      text: tr.t('gdap.ga.choose'),
      inputId: 'relationshipId',
      label: tr.t('gdap.customer'),
      requiredMessage: tr.t('gdap.customer'),
      choices: withGlobal.map(({ relationship, customer }) => ({
        title: `${customer.name}: ${adminRoleNames(liveAdminAccess(relationship)!.roles, tr)}`,
        value: relationship.id,
      })),
      actions: [button(tr.t('gdap.ga.next'), VERBS.globalAdminConfirm, {}, 'positive')],
    });
  }

  async function pickAutoExtend(acting: Acting, tr: Translator): Promise<CardAttachment> {
    const rows = await liveAccessRows(deps, acting);
    if (!Array.isArray(rows)) return attention(tr.t('gdap.autoExtend.title'), rows, tr);
    if (!rows.length) return noticeCard(tr.t('gdap.autoExtend.title'), tr.t('gdap.autoExtend.none'));
    return choiceForm({
      title: tr.t('gdap.autoExtend.title'),
      text: tr.t('gdap.autoExtend.choose'),
      inputId: 'relationshipId',
      label: tr.t('gdap.customer'),
      requiredMessage: tr.t('gdap.customer'),
      choices: rows.map(({ relationship, customer }) => {
        const access = liveAdminAccess(relationship)!;
        const state = !canAutoExtend(access.roles)
          ? tr.t('gdap.autoExtend.notWithGlobal')
          : tr.t(access.autoExtend ? 'gdap.autoExtend.isOn' : 'gdap.autoExtend.isOff');
        return {
          title: tr.t('gdap.autoExtend.choice', { customer: customer.name, state, date: formatDate(access.endAt, tr) }),
          value: relationship.id,
        };
      }),
      actions: [
        button(tr.t('gdap.autoExtend.turnOn'), VERBS.autoExtendSet, { on: 'true' }, 'positive'),
        button(tr.t('gdap.autoExtend.turnOff'), VERBS.autoExtendSet, { on: 'false' }),
      ],
    });
  }

  const optionalRelationship = partnerMay(MANAGE, {
    target: recordTarget('relationships', 'relationshipId', ['partner'], true),
  });

  return {
    commands: [
      command('remove-global-admin', partnerMay(MANAGE), async ({ context, session }) =>
        context.sendActivity({ attachments: [await pickGlobalAdmin(session, session.tr)] }),
      ),
      command('auto-extend', partnerMay(MANAGE), async ({ context, session }) =>
        context.sendActivity({ attachments: [await pickAutoExtend(session, session.tr)] }),
      ),
    ],
    cardActions: [
      cardAction({
        verb: VERBS.globalAdminPick,
        permission: partnerMay(MANAGE),
        data: z.object({}).passthrough(),
        handle: async (_c, session) => pickGlobalAdmin(session, session.tr),
      }),
      cardAction({
        verb: VERBS.globalAdminConfirm,
        permission: optionalRelationship,
        data: RelationshipRef,
        async handle(_c, session, { relationshipId }) {
          const { tr } = session;
          if (!relationshipId) return pickGlobalAdmin(session, tr);
          const plan = await removal.plan(session, relationshipId);
          if (!plan.ok) return attention(tr.t('gdap.ga.title'), plan.refusal, tr);
          const { customer, remaining } = plan.value;
          const access = liveAdminAccess(plan.value.relationship)!;
          return noticeCard(
            tr.t('gdap.ga.confirmTitle', { customer: customer.name }),
            tr.t('gdap.ga.confirmText', { customer: customer.name }),
            'warning',
            [
              { title: tr.t('gdap.rolesNow'), value: adminRoleNames(access.roles, tr) },
              { title: tr.t('gdap.rolesKept'), value: adminRoleNames(remaining, tr) },
              { title: tr.t('invitation.duration'), value: plural(tr, 'count.days', access.durationDays) },
            ],
            [button(tr.t('gdap.ga.yes'), VERBS.globalAdminRemove, { relationshipId }, 'destructive')],
          );
        },
      }),
      cardAction({
        verb: VERBS.globalAdminRemove,
        permission: partnerMay(MANAGE, { target: recordTarget('relationships', 'relationshipId', ['partner']) }),
        data: z.object({ relationshipId: z.string().min(1).max(100) }),
        async handle(_c, session, { relationshipId }) {
          const { tr } = session;
          const sent = await removal.remove(session, relationshipId, tr);
          if (!sent.ok) return attention(tr.t('gdap.ga.title'), sent.refusal, tr);
          return globalAdminSentCard(sent.value, tr);
        },
      }),
      cardAction({
        verb: VERBS.autoExtendPick,
        permission: partnerMay(MANAGE),
        data: z.object({}).passthrough(),
        handle: async (_c, session) => pickAutoExtend(session, session.tr),
      }),
      cardAction({
        verb: VERBS.autoExtendSet,
        permission: optionalRelationship,
        data: RelationshipRef.extend({ on: z.enum(['true', 'false']).default('true') }),
        async handle(_c, session, { relationshipId, on }) {
          const { tr } = session;
          if (!relationshipId) return pickAutoExtend(session, tr);
          const switched = await switchAutoExtend(session, relationshipId, on === 'true');
          if (!switched.ok) return attention(tr.t('gdap.autoExtend.title'), switched.refusal, tr);
          const customer = (await deps.store.get('organizations', switched.value.customerTenantId))?.name ?? '';
          const params = { customer, date: formatDate(switched.value.adminAccess!.endAt, tr) };
          return on === 'true'
            ? noticeCard(tr.t('gdap.autoExtend.onTitle'), tr.t('gdap.autoExtend.onText', params), 'good')
            : noticeCard(tr.t('gdap.autoExtend.offTitle'), tr.t('gdap.autoExtend.offText', params), 'good');
        },
      }),
    ],
  };
};
