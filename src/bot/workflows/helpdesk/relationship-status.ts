import { z } from 'zod';
import { button } from '../../../cards/button.js';
import { choiceForm } from '../../../cards/choice-form.js';
import { adminRoleNames, formatDate } from '../../../cards/format.js';
import { relationshipLabel, relationshipNoticeFacts } from '../../../cards/labels.js';
import { noticeCard } from '../../../cards/notice-card.js';
import { describeRefusal } from '../../../cards/refusal.js';
import { statusCard } from '../../../cards/status-card.js';
import type { CardAttachment } from '../../../cards/render.js';
import { translator } from '../../../i18n/i18n.js';
import { AdminRolesRemoval } from '../../../services/relationships/admin-roles-removal.js';
import type { Acting } from '../../../services/invitations/invitations.js';
import { RelationshipStatusService } from '../../../services/relationships/relationship-status.js';
import type { Translator } from '../../../i18n/i18n.js';
import { cardAction } from '../../card-actions.js';
import type { WorkflowFactory } from '../../workflow-module.js';
import { VIEW_RELATIONSHIPS, customerMay, recordTarget } from '../../permissions.js';
import { command } from '../../command-handler.js';

export const STATUS_VERBS = {
  show: 'status.show',
  removeRolesPick: 'remove-roles.pick',
  removeRolesConfirm: 'remove-roles.confirm',
  removeRoles: 'remove-roles.remove',
} as const;

/** "status <organisation>" for helpdesk and every role that may view relationships; "Remove roles" for customers. */
export const relationshipStatusWorkflow: WorkflowFactory = ({ store, clock, notifier, config }) => {
  const statuses = new RelationshipStatusService(store);
  const removal = new AdminRolesRemoval(store, clock);

  async function answer(acting: Acting, tr: Translator, query: string): Promise<CardAttachment> {
    if (!query.trim()) return noticeCard(tr.t('command.status.title'), tr.t('status.usage'), 'default');
    const result = await statuses.status(acting, query);
    if (!result.ok) return noticeCard(tr.t('command.status.title'), describeRefusal(result.refusal, tr), 'attention');
    if (result.value.kind === 'did-you-mean') {
      return noticeCard(
        tr.t('status.didYouMean'),
        tr.t('status.didYouMeanText', { query }),
        'default',
        [],
        result.value.candidates.map((o) =>
          button(`${o.name} (${o.primaryDomain})`, STATUS_VERBS.show, { query: o.primaryDomain }),
        ),
      );
    }
    return statusCard(result.value.status, acting.org.name, tr, clock());
  }

  async function pickPartner(acting: Acting, tr: Translator): Promise<CardAttachment> {
    const rows = await removal.withAdminRoles(acting);
    if (!rows.ok) return noticeCard(tr.t('removeRoles.title'), describeRefusal(rows.refusal, tr), 'attention');
    if (rows.value.length === 0)
      return noticeCard(tr.t('removeRoles.title'), tr.t('removeRoles.none', { org: acting.org.name }), 'default');
    return choiceForm({
      title: tr.t('removeRoles.title'),
      text: tr.t('removeRoles.choose'),
      inputId: 'relationshipId',
      label: tr.t('removeRoles.label'),
      requiredMessage: tr.t('removeRoles.label'),
      choices: rows.value.map(({ relationship, partner }) => ({
        title: relationshipLabel(relationship, partner.name, tr),
        value: relationship.id,
      })),
      actions: [button(tr.t('removeRoles.next'), STATUS_VERBS.removeRolesConfirm, {}, 'destructive')],
    });
  }

  return {
    commands: [
      command('status', VIEW_RELATIONSHIPS, async ({ context, session, args }) =>
        context.sendActivity({ attachments: [await answer(session, session.tr, args)] }),
      ),
      command('remove-roles', customerMay('remove-admin-roles'), async ({ context, session }) =>
        context.sendActivity({ attachments: [await pickPartner(session, session.tr)] }),
      ),
    ],
    cardActions: [
      cardAction({
        verb: STATUS_VERBS.show,
        permission: VIEW_RELATIONSHIPS,
        data: z.object({ query: z.string().min(1).max(200) }),
        handle: (_c, session, { query }) => answer(session, session.tr, query),
      }),
      cardAction({
        verb: STATUS_VERBS.removeRolesPick,
        permission: customerMay('remove-admin-roles'),
        data: z.object({}),
        handle: (_c, s) => pickPartner(s, s.tr),
      }),
      cardAction({
        verb: STATUS_VERBS.removeRolesConfirm,
        permission: customerMay('remove-admin-roles', {
          target: recordTarget('relationships', 'relationshipId', ['customer'], true),
        }),
        data: z.object({ relationshipId: z.string().max(100).default('') }),
        async handle(_c, session, { relationshipId }) {
          const { tr } = session;
          const rows = await removal.withAdminRoles(session);
          if (!rows.ok) return noticeCard(tr.t('removeRoles.title'), describeRefusal(rows.refusal, tr), 'attention');
          const row = rows.value.find((r) => r.relationship.id === relationshipId);
          if (!row) return pickPartner(session, tr);
          return noticeCard(
            tr.t('removeRoles.confirmTitle'),
            tr.t('removeRoles.confirmText', {
              partner: row.partner.name,
              org: session.org.name,
              roles: adminRoleNames(row.relationship.adminAccess!.roles, tr),
            }),
            'warning',
            [],
            [button(tr.t('removeRoles.yes'), STATUS_VERBS.removeRoles, { relationshipId }, 'destructive')],
          );
        },
      }),
      cardAction({
        verb: STATUS_VERBS.removeRoles,
        permission: customerMay('remove-admin-roles', {
          target: recordTarget('relationships', 'relationshipId', ['customer']),
        }),
        data: z.object({ relationshipId: z.string().min(1).max(100) }),
        async handle(_c, session, { relationshipId }) {
          const { tr } = session;
          const partnerOf = async (tenantId: string) => (await store.get('organizations', tenantId))?.name ?? '';
          const removed = await removal.remove(session, relationshipId, async (tx, relationship) => {
            const staff = (await tx.findBy('users', 'tenant', relationship.partnerTenantId)).filter(
              (u) => u.roles.side === 'partner' && u.roles.agent !== 'none',
            );
            for (const person of staff) {
              const ptr = translator(person.language ?? config.defaultLanguage);
              const card = noticeCard(
                ptr.t('removeRoles.partnerTitle', { customer: session.org.name }),
                ptr.t('removeRoles.partnerText', {
                  name: session.user.name,
                  roles: adminRoleNames(relationship.adminAccess!.roles, ptr),
                  date: formatDate(relationship.adminAccess!.removedAt!, ptr),
                  customer: session.org.name,
                }),
                'warning',
                relationshipNoticeFacts(relationship, session.org.name, ptr),
              );
              notifier.enqueue(tx, person, 'relationship.admin-roles-removed', { card }, relationship.id);
            }
          });
          if (!removed.ok)
            return noticeCard(tr.t('removeRoles.title'), describeRefusal(removed.refusal, tr), 'attention');
          const partner = await partnerOf(removed.value.partnerTenantId);
          return noticeCard(
            tr.t('removeRoles.doneTitle'),
            tr.t('removeRoles.doneText', { partner, org: session.org.name }),
            'good',
          );
        },
      }),
    ],
  };
};
