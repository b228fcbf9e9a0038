import { z } from 'zod';
import { button } from '../../../cards/button.js';
import { choiceForm } from '../../../cards/choice-form.js';
import { choiceField, formCard, textField } from '../../../cards/form-card.js';
import { adminRoleNames, formatDate } from '../../../cards/format.js';
import { noticeCard } from '../../../cards/notice-card.js';
import type { CardAttachment } from '../../../cards/render.js';
import type { Translator } from '../../../i18n/i18n.js';
import { TASKS } from '../../../services/helpdesk/task-roles.js';
import type {
  LegacyRelationship,
  MigrationPlan,
  MigrationWish,
} from '../../../services/relationships/dap-migration.js';
import { DAY_TWO_VERBS as VERBS } from './day-two-verbs.js';
import { choicesOf } from '../../../domain/choice-list.js';

/** The form's Back (to the list) and the review's "Change the tasks" (to the form, as it was filled in). */
export const DAP_BACK_VERB = 'gdap.dap.back';

/** The tasks an admin role allows: those a relationship type allows on its own need no role to propose. */
const ROLE_TASKS = TASKS.filter((task) => task.least);

/** The task form as the card sends it: every input is a string. */
export const MigrationValues = z.object({
  relationshipId: z.string().min(1).max(100),
  tasks: z.string().max(2000).default(''),
  durationDays: z.string().max(20).default(''),
  autoExtend: z.enum(['true', 'false']).default('false'),
});
export type MigrationValues = z.infer<typeof MigrationValues>;

/** What the form asks, without the relationship: that is the dialog's own choice, not the card's. */
export type MigrationChoice = Omit<MigrationValues, 'relationshipId'>;

export const dapTitle = (tr: Translator) => tr.t('gdap.dap.title');

export function wish(values: MigrationChoice): MigrationWish {
  const days = values.durationDays.trim();
  return {
    tasks: choicesOf(values.tasks),
    durationDays: /^\d+$/.test(days) ? Number(days) : Number.NaN,
    autoExtend: values.autoExtend === 'true',
  };
}

/** The relationships still on DAP, one to pick. */
export function dapPickCard(rows: LegacyRelationship[], tr: Translator, picked?: string): CardAttachment {
  return choiceForm({
    title: dapTitle(tr),
    text: tr.t('gdap.dap.choose'),
    inputId: 'relationshipId',
    label: tr.t('gdap.customer'),
    requiredMessage: tr.t('gdap.customer'),
    choices: rows.map(({ relationship, customer }) => ({
      title: tr.t('gdap.dap.choice', { customer: customer.name, date: formatDate(relationship.createdAt, tr) }),
      value: relationship.id,
    })),
    actions: [button(tr.t('gdap.dap.next'), VERBS.dapTasks, picked ? { relationshipId: picked } : {}, 'positive')],
  });
}

export function taskForm(row: LegacyRelationship, tr: Translator, values?: Partial<MigrationChoice>, error?: string) {
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
    [
      button(tr.t('gdap.dap.review'), VERBS.dapReview, { relationshipId: row.relationship.id }, 'positive'),
      button(tr.t('workflow.back'), DAP_BACK_VERB),
    ],
    error,
  );
}

/** The least-privileged role of each task, what DAP gives up, and Send or back to the tasks. */
export function dapReviewCard(plan: MigrationPlan, relationshipId: string, tr: Translator): CardAttachment {
  const { customer, tasks, proposed, removed, request } = plan;
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
      { title: tr.t('invitation.duration'), value: tr.t('invitation.durationDays', { days: access.durationDays }) },
      { title: tr.t('partner.roles.autoExtend'), value: tr.t(access.autoExtend ? 'common.yes' : 'common.no') },
    ],
    [
      button(tr.t('gdap.dap.send'), VERBS.dapSend, { relationshipId }, 'positive'),
      button(tr.t('partner.roles.edit'), DAP_BACK_VERB),
    ],
  );
}
