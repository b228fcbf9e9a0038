import { beginWorkflow } from '../../dialogs/workflow-stack.js';
import { REQUEST_RELATIONSHIP_DIALOG, type RequestOptions } from '../partner/request-relationship.js';
import { z } from 'zod';
import { button } from '../../../cards/button.js';
import { choiceField, formCard, textField } from '../../../cards/form-card.js';
import { adminRoleChoices, adminRoleNames } from '../../../cards/format.js';
import { noticeCard } from '../../../cards/notice-card.js';
import { describeRefusal } from '../../../cards/refusal.js';
import type { CardAttachment } from '../../../cards/render.js';
import { sectionsCard } from '../../../cards/sections-card.js';
import type { AccessTemplate } from '../../../domain/access.js';
import type { Translator } from '../../../i18n/i18n.js';
import { AccessTemplateService } from '../../../services/invitations/access-templates.js';
import type { Acting } from '../../../services/invitations/invitations.js';
import { groupsOf } from '../../../services/people/security-groups.js';
import { cardAction } from '../../card-actions.js';
import { command } from '../../command-handler.js';
import { partnerMay, recordTarget } from '../../permissions.js';
import type { WorkflowFactory } from '../../workflow-module.js';
import { ACCESS_VERBS } from './verbs.js';
import {
  EDIT_TEMPLATE_DIALOG,
  EditTemplateDialog,
  ONE_TEMPLATE,
  SAVE_TEMPLATE,
  type EditTemplateOptions,
  type TemplateValues,
} from './edit-template-dialog.js';

/** "templates": named role sets (roles, duration, auto-extend, groups to assign on activation) to request from. */
export const templatesWorkflow: WorkflowFactory = (deps) => {
  const { store, clock } = deps;
  const templates = new AccessTemplateService(store, clock);
  const title = (tr: Translator) => tr.t('templates.title');

  async function groupNames(acting: Acting, template: AccessTemplate, tr: Translator): Promise<string> {
    const groups = (await groupsOf(store, acting.org.tenantId)).filter((g) => template.groupIds.includes(g.id));
    return groups.length ? groups.map((g) => g.name).join(', ') : tr.t('common.none');
  }

  async function listCard(acting: Acting, tr: Translator, saved?: AccessTemplate): Promise<CardAttachment> {
    const listed = await templates.list(acting);
    if (!listed.ok) return noticeCard(title(tr), describeRefusal(listed.refusal, tr), 'attention');
    const sections = [];
    for (const t of listed.value) {
      sections.push({
        heading: t.name,
        facts: [
          { title: tr.t('status.roles'), value: adminRoleNames(t.roles, tr) },
          { title: tr.t('invitation.duration'), value: tr.t('invitation.durationDays', { days: t.durationDays }) },
          { title: tr.t('status.autoExtend'), value: tr.t(t.autoExtend ? 'common.yes' : 'common.no') },
          { title: tr.t('templates.groups'), value: await groupNames(acting, t, tr) },
        ],
      });
    }
    const intro = saved
      ? tr.t('templates.saved', { name: saved.name })
      : tr.t(listed.value.length ? 'templates.intro' : 'templates.none');
    return sectionsCard(title(tr), intro, sections, [
      button(tr.t('templates.new'), ACCESS_VERBS.templateForm, {}, 'positive'),
      ...listed.value.flatMap((t) => [
        button(tr.t('templates.request', { name: t.name }), ACCESS_VERBS.templateRequest, { templateId: t.id }),
        button(tr.t('templates.bulk.button', { name: t.name }), ACCESS_VERBS.templateBulkForm, { templateId: t.id }),
        button(tr.t('templates.edit', { name: t.name }), ACCESS_VERBS.templateForm, { templateId: t.id }),
      ]),
    ]);
  }

  async function form(acting: Acting, tr: Translator, values: TemplateValues, error?: string): Promise<CardAttachment> {
    const groups = await groupsOf(store, acting.org.tenantId);
    return formCard(
      values.templateId ? tr.t('templates.editTitle') : tr.t('templates.newTitle'),
      tr.t('templates.formText'),
      [
        textField(
          'name',
          tr.t('templates.name'),
          values.name,
          tr.t('templates.namePlaceholder'),
          tr.t('templates.name'),
        ),
        choiceField('roles', tr.t('request.roles'), adminRoleChoices(tr), values.roles, { multiSelect: true }),
        textField('durationDays', tr.t('request.duration'), values.durationDays || '365'),
        choiceField(
          'autoExtend',
          tr.t('request.autoExtend'),
          [
            { title: tr.t('common.no'), value: 'false' },
            { title: tr.t('common.yes'), value: 'true' },
          ],
          values.autoExtend,
        ),
        choiceField(
          'groups',
          tr.t('templates.groups'),
          groups.map((g) => ({ title: g.name, value: g.id })),
          values.groups,
          { multiSelect: true, required: false },
        ),
      ],
      [button(tr.t('templates.save'), ACCESS_VERBS.templateSave, { templateId: values.templateId }, 'positive')],
      error,
    );
  }

  return {
    commands: [
      command('templates', partnerMay('manage-access-templates'), async ({ context, session }) =>
        context.sendActivity({ attachments: [await listCard(session, session.tr)] }),
      ),
    ],
    cardActions: [
      SAVE_TEMPLATE,
      cardAction({
        verb: ACCESS_VERBS.templateForm,
        permission: ONE_TEMPLATE,
        data: z.object({ templateId: z.string().max(100).default('') }),
        handle: (context, _s, { templateId }) =>
          beginWorkflow(context, EDIT_TEMPLATE_DIALOG, { templateId } satisfies EditTemplateOptions),
      }),
      cardAction({
        // Starting a request from a template is asking for admin roles: the right to include them.
        verb: ACCESS_VERBS.templateRequest,
        permission: partnerMay('include-delegated-admin', {
          target: recordTarget('accessTemplates', 'templateId', ['partner']),
        }),
        data: z.object({ templateId: z.string().min(1).max(100) }),
        async handle(context, session, { templateId }) {
          const { tr } = session;
          const found = await templates.get(session, templateId);
          if (!found.ok) return noticeCard(title(tr), describeRefusal(found.refusal, tr), 'attention');
          const t = found.value;
          const options: RequestOptions = {
            values: {
              relationship: 'reseller-delegated-admin',
              includeAdmin: 'true',
              roles: t.roles.join(','),
              durationDays: String(t.durationDays),
              autoExtend: t.autoExtend ? 'true' : 'false',
              templateId: t.id,
            },
            intro: tr.t('templates.requestIntro', { name: t.name, groups: await groupNames(session, t, tr) }),
          };
          return beginWorkflow(context, REQUEST_RELATIONSHIP_DIALOG, options);
        },
      }),
    ],
    dialogs: [new EditTemplateDialog({ templates, listCard, form }, deps)],
  };
};
