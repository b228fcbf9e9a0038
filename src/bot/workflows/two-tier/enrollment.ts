import { WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { z } from 'zod';
import { formCard, textField } from '../../../cards/form-card.js';
import { noticeCard } from '../../../cards/notice-card.js';
import { describeRefusal } from '../../../cards/refusal.js';
import type { Translator } from '../../../i18n/i18n.js';
import { EnrollmentForm, EnrollmentService } from '../../../services/two-tier/enrollment.js';
import { command, workflowCommand } from '../../command-handler.js';
import { showCard } from '../../dialogs/card-reply.js';
import { stepVerb } from '../../dialogs/step-verb.js';
import { WorkflowDialog } from '../../dialogs/workflow-dialog.js';
import { ENROLMENT, EVERYONE } from '../../permissions.js';
import { routeCommand } from '../../router.js';
import { sessionOf } from '../../session.js';
import type { WorkflowDeps, WorkflowFactory } from '../../workflow-module.js';
import { CODE_STEP, CodeStep, waitsForCode, type CodeStepOptions } from './code-step.js';

export const ENROLL_VERB = 'enrollment.submit';
export const ENROLL_DIALOG = 'enroll';
const FIELDS = Object.keys(EnrollmentForm.shape) as (keyof z.infer<typeof EnrollmentForm>)[];

const SUBMIT = stepVerb({
  verb: ENROLL_VERB,
  permission: ENROLMENT,
  data: z.record(z.string(), z.string().max(300)),
  workflow: 'enroll',
});

interface EnrollValues {
  form: Record<string, string>;
  error: string;
  contact: string;
  codeError: string;
}

function enrollForm(tr: Translator, values: Record<string, string> = {}, error?: string) {
  return formCard(
    tr.t('enroll.form.title'),
    tr.t('enroll.form.text'),
    FIELDS.map((field) =>
      textField(
        field,
        tr.t(`enroll.field.${field}`),
        values[field] ?? '',
        '',
        tr.t(`refusal.enrollment-invalid-${field}`),
      ),
    ),
    [{ title: tr.t('enroll.submit'), verb: ENROLL_VERB, data: {}, style: 'positive' }],
    error,
  );
}

/** `verify 123456`, `verificar 123 456` or the bare code; anything else is not an attempt. */
function typedCode(text: string): string | undefined {
  const code = (routeCommand(text, new Set(['verify'])) ?? { args: text }).args.replace(/\s/g, '');
  return /^\d{4,10}$/.test(code) ? code : undefined;
}

/**
 * "Enroll as an indirect reseller": the application form (redrawn with what was typed when refused), then, when
 * the applicant is the primary contact, the one-time code sent to them in Teams, typed as `verify <code>`. An
 * expired code goes back to the form to apply again. Another primary contact confirms in their own chat.
 */
export class EnrollmentDialog extends WorkflowDialog {
  constructor(
    private readonly enrollments: EnrollmentService,
    deps: Pick<WorkflowDeps, 'available'>,
  ) {
    super({ id: ENROLL_DIALOG, title: 'workflow.enroll.title', command: 'enroll', verbs: [SUBMIT] }, deps.available);
    const steps = [this.form, this.applied, this.code, this.verified].map((s) => s.bind(this));
    this.addDialog(new WaterfallDialog(`${ENROLL_DIALOG}.steps`, steps));
    this.addDialog(new CodeStep());
    this.initialDialogId = `${ENROLL_DIALOG}.steps`;
  }

  private async form(step: WaterfallStepContext) {
    const { tr } = sessionOf(step.context);
    const { form, error } = this.values<EnrollValues>(step);
    return this.askCard(step, enrollForm(tr, form, error), [SUBMIT], 'workflow.enroll.step.form');
  }

  private async applied(step: WaterfallStepContext) {
    const session = sessionOf(step.context);
    const { tr } = session;
    const values = this.values<EnrollValues>(step);
    values.form = this.submission(step).data as Record<string, string>;
    delete values.error;
    delete values.codeError;
    const applied = await this.enrollments.apply(session, values.form);
    if (!applied.ok) {
      values.error = describeRefusal(applied.refusal, tr);
      return this.again(step);
    }
    const contact = applied.value.primaryContact;
    this.saved(step, tr.t('workflow.enroll.saved', { org: applied.value.legalName }));
    values.contact = contact.name;
    if (contact.email === session.user.email.toLowerCase()) return step.next();
    // The code went to someone else: they confirm in their own chat, and this workflow is done.
    await showCard(step.context, this.submittedCard(tr, contact.name));
    return step.endDialog();
  }

  private async code(step: WaterfallStepContext) {
    const { tr } = sessionOf(step.context);
    const { contact, codeError } = this.values<EnrollValues>(step);
    const card = this.submittedCard(tr, contact ?? '', codeError);
    return step.beginDialog(CODE_STEP, { card, step: 'workflow.enroll.step.code' } satisfies CodeStepOptions);
  }

  private async verified(step: WaterfallStepContext) {
    const session = sessionOf(step.context);
    const { tr } = session;
    const values = this.values<EnrollValues>(step);
    const code = typedCode(String(step.result ?? ''));
    if (!code) {
      values.codeError = tr.t('enroll.verifyUsage');
      return this.again(step);
    }
    const verified = await this.enrollments.verify(session, code);
    if (verified.ok) {
      await showCard(step.context, noticeCard(tr.t('enroll.verified.title'), tr.t('enroll.verified.text'), 'good'));
      return step.endDialog();
    }
    const refusal = describeRefusal(verified.refusal, tr);
    if (verified.refusal.code === 'enrollment-wrong-code') {
      values.codeError = refusal;
      return this.again(step);
    }
    if (verified.refusal.code === 'enrollment-code-expired') {
      // Applying again with the same details sends a new code.
      values.error = refusal;
      return this.again(step, 3);
    }
    await showCard(step.context, noticeCard(tr.t('enroll.form.title'), refusal, 'attention'));
    return step.endDialog();
  }

  private submittedCard(tr: Translator, name: string, error?: string) {
    const text = tr.t('enroll.submitted.text', { name });
    return error
      ? noticeCard(tr.t('enroll.submitted.title'), `${error}\n\n${text}`, 'attention')
      : noticeCard(tr.t('enroll.submitted.title'), text, 'good');
  }
}

/** "Enroll as an indirect reseller" and "verify": the dialog, and the code typed by any primary contact. */
export const enrollmentWorkflow: WorkflowFactory = (deps) => {
  const { store, clock, notifier, config, logger } = deps;
  const enrollments = new EnrollmentService(store, notifier, clock, config.defaultLanguage, logger);
  return {
    commands: [
      workflowCommand('enroll', ENROLMENT, ENROLL_DIALOG),
      command('verify', EVERYONE, async ({ context, session, dc, args }) => {
        // Typed in the applicant's own enrolment, it answers the step waiting for it.
        if (waitsForCode(dc, ENROLL_DIALOG)) return dc.continueDialog();
        const { tr } = session;
        if (!args.trim()) return context.sendActivity(tr.t('enroll.verifyUsage'));
        const verified = await enrollments.verify(session, args.trim());
        const card = verified.ok
          ? noticeCard(tr.t('enroll.verified.title'), tr.t('enroll.verified.text'), 'good')
          : noticeCard(tr.t('enroll.form.title'), describeRefusal(verified.refusal, tr), 'attention');
        return context.sendActivity({ attachments: [card] });
      }),
    ],
    cardActions: [SUBMIT],
    dialogs: [new EnrollmentDialog(enrollments, deps)],
  };
};
