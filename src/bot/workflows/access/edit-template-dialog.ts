import { WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { z } from 'zod';
import { noticeCard } from '../../../cards/notice-card.js';
import { describeRefusal } from '../../../cards/refusal.js';
import type { CardAttachment } from '../../../cards/render.js';
import type { AccessTemplate } from '../../../domain/access.js';
import type { Translator } from '../../../i18n/i18n.js';
import type { AccessTemplateService } from '../../../services/invitations/access-templates.js';
import type { Acting } from '../../../services/invitations/invitations.js';
import { showCard } from '../../dialogs/card-reply.js';
import { stepVerb } from '../../dialogs/step-verb.js';
import { WorkflowDialog } from '../../dialogs/workflow-dialog.js';
import { partnerMay, recordTarget } from '../../permissions.js';
import { sessionOf } from '../../session.js';
import type { WorkflowDeps } from '../../workflow-module.js';
import { ACCESS_VERBS } from './verbs.js';
import { choicesOf } from '../../../domain/choice-list.js';

export const EDIT_TEMPLATE_DIALOG = 'templates.edit';

export const TemplateValues = z.object({
  templateId: z.string().max(100).default(''),
  name: z.string().max(500).default(''),
  roles: z.string().max(2000).default(''),
  durationDays: z.string().max(20).default(''),
  autoExtend: z.enum(['true', 'false']).default('false'),
  groups: z.string().max(20_000).default(''),
});
export type TemplateValues = z.infer<typeof TemplateValues>;

export const ONE_TEMPLATE = partnerMay('manage-access-templates', {
  target: recordTarget('accessTemplates', 'templateId', ['partner'], true),
});
export const SAVE_TEMPLATE = stepVerb({
  verb: ACCESS_VERBS.templateSave,
  permission: ONE_TEMPLATE,
  data: TemplateValues,
  workflow: 'templates',
});

/** The template a run edits ('' for a new one), from the list's New or Edit button. */
export interface EditTemplateOptions {
  templateId: string;
}

/** What the dialog draws with: the list and the form of src/bot/workflows/access/templates.ts. */
export interface TemplateCards {
  templates: AccessTemplateService;
  listCard(acting: Acting, tr: Translator, saved?: AccessTemplate): Promise<CardAttachment>;
  form(acting: Acting, tr: Translator, values: TemplateValues, error?: string): Promise<CardAttachment>;
}

interface EditTemplateValues {
  form: TemplateValues;
  error: string;
}

/** New or Edit on the templates list: the form (redrawn with what was typed when refused), then the list again. */
export class EditTemplateDialog extends WorkflowDialog {
  constructor(
    private readonly parts: TemplateCards,
    deps: Pick<WorkflowDeps, 'available'>,
  ) {
    super(
      {
        id: EDIT_TEMPLATE_DIALOG,
        title: 'workflow.templates.edit.title',
        command: 'templates',
        verbs: [SAVE_TEMPLATE],
      },
      deps.available,
    );
    const steps = [this.edit.bind(this), this.save.bind(this)];
    this.addDialog(new WaterfallDialog(`${EDIT_TEMPLATE_DIALOG}.steps`, steps));
    this.initialDialogId = `${EDIT_TEMPLATE_DIALOG}.steps`;
  }

  private async edit(step: WaterfallStepContext) {
    const session = sessionOf(step.context);
    const { tr } = session;
    const { templateId } = step.options as EditTemplateOptions;
    const values = this.values<EditTemplateValues>(step);
    if (!values.form && templateId) {
      const found = await this.parts.templates.get(session, templateId);
      if (!found.ok) {
        const refusal = describeRefusal(found.refusal, tr);
        await showCard(step.context, noticeCard(tr.t('templates.title'), refusal, 'attention'));
        return step.endDialog();
      }
      const t = found.value;
      values.form = {
        templateId,
        name: t.name,
        roles: t.roles.join(','),
        durationDays: String(t.durationDays),
        autoExtend: t.autoExtend ? 'true' : 'false',
        groups: t.groupIds.join(','),
      };
    }
    const card = await this.parts.form(session, tr, values.form ?? TemplateValues.parse({}), values.error);
    return this.askCard(step, card, [SAVE_TEMPLATE], 'workflow.templates.edit.step.form');
  }

  private async save(step: WaterfallStepContext) {
    const session = sessionOf(step.context);
    const { tr } = session;
    const { templateId } = step.options as EditTemplateOptions;
    const typed = this.submission(step).data as TemplateValues;
    const values = this.values<EditTemplateValues>(step);
    values.form = { ...typed, templateId };
    delete values.error;
    const refuse = (error: string) => {
      values.error = error;
      return this.again(step);
    };
    // The card names the template for the dispatcher's check; the run knows which template it edits.
    if (typed.templateId !== templateId) return refuse(tr.t('refusal.target-not-found'));
    const days = typed.durationDays.trim();
    const saved = await this.parts.templates.save(session, {
      ...(templateId ? { templateId } : {}),
      name: typed.name,
      roles: choicesOf(typed.roles),
      durationDays: /^\d+$/.test(days) ? Number(days) : Number.NaN,
      autoExtend: typed.autoExtend === 'true',
      groupIds: choicesOf(typed.groups),
    });
    if (!saved.ok) return refuse(describeRefusal(saved.refusal, tr));
    await showCard(step.context, await this.parts.listCard(session, tr, saved.value));
    return step.endDialog();
  }
}
