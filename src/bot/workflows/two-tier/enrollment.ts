import { z } from 'zod';
import { formCard, textField } from '../../../cards/form-card.js';
import { noticeCard } from '../../../cards/notice-card.js';
import { describeRefusal } from '../../../cards/refusal.js';
import type { Translator } from '../../../i18n/i18n.js';
import { EnrollmentForm, EnrollmentService } from '../../../services/two-tier/enrollment.js';
import { cardAction } from '../../card-actions.js';
import type { WorkflowFactory } from '../../workflow-module.js';
import { ENROLMENT, EVERYONE } from '../../permissions.js';
import { command } from '../../command-handler.js';

export const ENROLL_VERB = 'enrollment.submit';
const FIELDS = Object.keys(EnrollmentForm.shape) as (keyof z.infer<typeof EnrollmentForm>)[];

/** "Enroll as an indirect reseller": the application form, then the primary contact's one-time code. */
export const enrollmentWorkflow: WorkflowFactory = ({ store, clock, notifier, config, logger }) => {
  const enrollments = new EnrollmentService(store, notifier, clock, config.defaultLanguage, logger);

  const form = (tr: Translator, values: Record<string, string> = {}, error?: string) =>
    formCard(
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

  return {
    commands: [
      command('enroll', ENROLMENT, async ({ context, session }) =>
        context.sendActivity({ attachments: [form(session.tr)] }),
      ),
      command('verify', EVERYONE, async ({ context, session, args }) => {
        const { tr } = session;
        if (!args.trim()) return context.sendActivity(tr.t('enroll.verifyUsage'));
        const verified = await enrollments.verify(session, args.trim());
        const card = verified.ok
          ? noticeCard(tr.t('enroll.verified.title'), tr.t('enroll.verified.text'), 'good')
          : noticeCard(tr.t('enroll.form.title'), describeRefusal(verified.refusal, tr), 'attention');
        return context.sendActivity({ attachments: [card] });
      }),
    ],
    cardActions: [
      cardAction({
        verb: ENROLL_VERB,
        permission: ENROLMENT,
        data: z.record(z.string(), z.string().max(300)),
        async handle(_context, session, values) {
          const { tr } = session;
          const applied = await enrollments.apply(session, values);
          if (!applied.ok) return form(tr, values, describeRefusal(applied.refusal, tr));
          return noticeCard(
            tr.t('enroll.submitted.title'),
            tr.t('enroll.submitted.text', { name: applied.value.primaryContact.name }),
            'good',
          );
        },
      }),
    ],
  };
};
