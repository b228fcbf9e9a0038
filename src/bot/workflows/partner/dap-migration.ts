import { z } from 'zod';
import { button } from '../../../cards/button.js';
import { choiceForm } from '../../../cards/choice-form.js';
import { choiceField, formCard, textField } from '../../../cards/form-card.js';
import { adminRoleNames, formatDate } from '../../../cards/format.js';
import { noticeCard } from '../../../cards/notice-card.js';
import { describeRefusal } from '../../../cards/refusal.js';
import type { CardAttachment } from '../../../cards/render.js';
import type { Translator } from '../../../i18n/i18n.js';
import { audit } from '../../../services/audit.js';
import { TASKS } from '../../../services/helpdesk/task-roles.js';

/** The tasks an admin role allows: those a relationship type allows on its own need no role to propose. */
const ROLE_TASKS = TASKS.filter((task) => task.least);
import { actorOf, type Acting } from '../../../services/invitations/invitations.js';
import type { Refusal } from '../../../services/outcome.js';
import {
  DapMigration,
  type LegacyRelationship,
  type MigrationWish,
} from '../../../services/relationships/dap-migration.js';
import { cardAction } from '../../card-actions.js';
import { command } from '../../command-handler.js';
import { partnerMay, recordTarget } from '../../permissions.js';
import type { WorkflowFactory } from '../../workflow-module.js';
import { invitationIssuer } from './issue.js';
import { DAY_TWO_VERBS as VERBS } from './day-two-verbs.js';

const MANAGE = 'manage-admin-relationships' as const;

/** The task form as the card sends it: every input is a string. */
const MigrationValues = z.object({
  relationshipId: z.string().min(1).max(100),
  tasks: z.string().max(2000).default(''),
  durationDays: z.string().max(20).default(''),
  autoExtend: z.enum(['true', 'false']).default('false'),
});
type MigrationValues = z.infer<typeof MigrationValues>;

function wish(values: MigrationValues): MigrationWish {
  const days = values.durationDays.trim();
  return {
    tasks: values.tasks
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean),
    durationDays: /^\d+$/.test(days) ? Number(days) : Number.NaN,
    autoExtend: values.autoExtend === 'true',
  };
}

/**
 * "Move off DAP": pick a customer whose relationship still holds legacy DAP, tick the tasks the helpdesk
 * does for it, review the least-privileged roles the bot proposes, and send the request. The DAP access ends
 * only when the customer accepts it.
 */
export const dapMigrationWorkflow: WorkflowFactory = (deps) => {
  const migration = new DapMigration(deps.store);
  const issuer = invitationIssuer(deps);
  const title = (tr: Translator) => tr.t('gdap.dap.title');
  const attention = (refusal: Refusal, tr: Translator) =>
    noticeCard(title(tr), describeRefusal(refusal, tr), 'attention');

  async function pickCard(acting: Acting, tr: Translator): Promise<CardAttachment> {
    const rows = await migration.legacy(acting);
    if (!rows.ok) return attention(rows.refusal, tr);
    if (!rows.value.length) return noticeCard(title(tr), tr.t('gdap.dap.none', { org: acting.org.name }));
    return choiceForm({
      title: title(tr),
      text: tr.t('gdap.dap.choose'),
      inputId: 'relationshipId',
      label: tr.t('gdap.customer'),
      requiredMessage: tr.t('gdap.customer'),
      choices: rows.value.map(({ relationship, customer }) => ({
        title: tr.t('gdap.dap.choice', { customer: customer.name, date: formatDate(relationship.createdAt, tr) }),
        value: relationship.id,
      })),
      actions: [button(tr.t('gdap.dap.next'), VERBS.dapTasks, {}, 'positive')],
    });
  }

  function taskForm(row: LegacyRelationship, tr: Translator, values?: MigrationValues, error?: string) {
    return formCard(
      tr.t('gdap.dap.tasksTitle', { customer: row.customer.name }),
      tr.t('gdap.dap.tasksText'),
      [
        choiceField(
          'tasks',
          tr.t('gdap.dap.tasks'),
          ROLE_TASKS.map((task) => ({
            value: task.id,
            title: tr.t('gdap.dap.taskChoice', {
              task: tr.t(`task.${task.id}`),
              role: tr.t(`adminRole.${task.least}.name`),
            }),
          })),
          values?.tasks ?? '',
          { multiSelect: true, required: false },
        ),
        textField('durationDays', tr.t('request.duration'), values?.durationDays ?? '730'),
        choiceField(
          'autoExtend',
          tr.t('request.autoExtend'),
          [
            { title: tr.t('common.no'), value: 'false' },
            { title: tr.t('common.yes'), value: 'true' },
          ],
          values?.autoExtend ?? 'true',
        ),
      ],
      [button(tr.t('gdap.dap.review'), VERBS.dapReview, { relationshipId: row.relationship.id }, 'positive')],
      error,
    );
  }

  /** What to fix, in the form where it was chosen; a plain notice when there is no form to go back to. */
  async function refused(acting: Acting, tr: Translator, values: MigrationValues, refusal: Refusal) {
    const row = await migration.get(acting, values.relationshipId);
    return row.ok ? taskForm(row.value, tr, values, describeRefusal(refusal, tr)) : attention(refusal, tr);
  }

  const onRelationship = partnerMay(MANAGE, { target: recordTarget('relationships', 'relationshipId', ['partner']) });

  return {
    commands: [
      command('move-off-dap', partnerMay(MANAGE), async ({ context, session }) =>
        context.sendActivity({ attachments: [await pickCard(session, session.tr)] }),
      ),
    ],
    cardActions: [
      cardAction({
        verb: VERBS.dapPick,
        permission: partnerMay(MANAGE),
        data: z.object({}).passthrough(),
        handle: async (_c, session) => pickCard(session, session.tr),
      }),
      cardAction({
        verb: VERBS.dapTasks,
        permission: partnerMay(MANAGE, { target: recordTarget('relationships', 'relationshipId', ['partner'], true) }),
        data: z.object({ relationshipId: z.string().max(100).default('') }),
        async handle(_c, session, { relationshipId }) {
          if (!relationshipId) return pickCard(session, session.tr);
          const row = await migration.get(session, relationshipId);
          return row.ok ? taskForm(row.value, session.tr) : attention(row.refusal, session.tr);
        },
      }),
      cardAction({
        verb: VERBS.dapReview,
        permission: onRelationship,
        data: MigrationValues,
        async handle(_c, session, values) {
          const { tr } = session;
          const plan = await migration.plan(session, values.relationshipId, wish(values));
          if (!plan.ok) return refused(session, tr, values, plan.refusal);
          const { customer, tasks, proposed, removed, request } = plan.value;
          const access = request.adminAccess!;
          return noticeCard(
            tr.t('gdap.dap.reviewTitle', { customer: customer.name }),
            tr.t('gdap.dap.reviewText', { customer: customer.name }),
            'default',
            [
              ...tasks.map((task) => ({
                title: tr.t(`task.${task}`),
                value: tr.t(`adminRole.${ROLE_TASKS.find((t) => t.id === task)!.least}.name`),
              })),
              { title: tr.t('gdap.dap.proposed'), value: adminRoleNames(proposed, tr) },
              {
                title: tr.t('partner.roles.removed'),
                value: removed.length ? adminRoleNames(removed, tr) : tr.t('common.none'),
              },
              {
                title: tr.t('invitation.duration'),
                value: tr.t('invitation.durationDays', { days: access.durationDays }),
              },
              { title: tr.t('partner.roles.autoExtend'), value: tr.t(access.autoExtend ? 'common.yes' : 'common.no') },
            ],
            [
              button(tr.t('gdap.dap.send'), VERBS.dapSend, { ...values }, 'positive'),
              button(tr.t('partner.roles.edit'), VERBS.dapTasks, { relationshipId: values.relationshipId }),
            ],
          );
        },
      }),
      cardAction({
        verb: VERBS.dapSend,
        permission: onRelationship,
        data: MigrationValues,
        async handle(_c, session, values) {
          const { tr } = session;
          // Checked again: the relationship or the user's roles may have changed since the review.
          const plan = await migration.plan(session, values.relationshipId, wish(values));
          if (!plan.ok) return refused(session, tr, values, plan.refusal);
          const { relationship, tasks, proposed } = plan.value;
          const issued = await issuer.issue(session, plan.value.request, tr, (tx, invitation) => {
            audit(tx, deps.clock(), {
              actor: actorOf(session),
              action: 'relationship.dap-migration-requested',
              target: { type: 'relationship', id: relationship.id },
              tenantIds: [relationship.partnerTenantId, relationship.customerTenantId],
              after: { tasks, roles: proposed, invitationId: invitation.id },
            });
          });
          return issued.ok ? issued.value : refused(session, tr, values, issued.refusal);
        },
      }),
    ],
  };
};
