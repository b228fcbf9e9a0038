import { WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { z } from 'zod';
import { button } from '../../../cards/button.js';
import { adminRoleNames } from '../../../cards/format.js';
import { formCard, textField } from '../../../cards/form-card.js';
import { noticeCard } from '../../../cards/notice-card.js';
import { describeRefusal } from '../../../cards/refusal.js';
import type { CardAttachment } from '../../../cards/render.js';
import type { AccessTemplate } from '../../../domain/access.js';
import { MAX_BULK_RELATIONSHIPS as MAX } from '../../../domain/gdap-policy.js';
import { plural, type Translator } from '../../../i18n/i18n.js';
import { AccessTemplateService } from '../../../services/invitations/access-templates.js';
import { bulkEntries, resolveBulkCustomers } from '../../../services/invitations/bulk-customers.js';
import { cardAction } from '../../card-actions.js';
import { showCard } from '../../dialogs/card-reply.js';
import { isSubmitOf, stepVerb } from '../../dialogs/step-verb.js';
import { WorkflowDialog } from '../../dialogs/workflow-dialog.js';
import { beginWorkflow } from '../../dialogs/workflow-stack.js';
import { partnerMay, recordTarget } from '../../permissions.js';
import { sessionOf } from '../../session.js';
import type { WorkflowDeps, WorkflowFactory } from '../../workflow-module.js';
import { invitationIssuer } from '../partner/issue.js';
import { bulkTemplateRun, problemText } from './bulk-template-run.js';
import { ACCESS_VERBS } from './verbs.js';

export const BULK_TEMPLATE_DIALOG = 'templates.bulk';

// The same right as one request from a template: asking for admin roles, from one of the partner's templates.
const PERMISSION = partnerMay('include-delegated-admin', {
  target: recordTarget('accessTemplates', 'templateId', ['partner']),
});
const OfTemplate = z.object({ templateId: z.string().min(1).max(100) });
const REVIEW = stepVerb({
  verb: ACCESS_VERBS.templateBulkReview,
  permission: PERMISSION,
  data: OfTemplate.extend({ customers: z.string().max(10_000).default('') }),
  workflow: 'templates',
});
// Run and Edit carry only the template (for the dispatcher's check): the list is the one the run reviewed.
const RUN = stepVerb({
  verb: ACCESS_VERBS.templateBulkRun,
  permission: PERMISSION,
  data: OfTemplate,
  workflow: 'templates',
});
const BACK = stepVerb({
  verb: ACCESS_VERBS.templateBulkBack,
  permission: PERMISSION,
  data: OfTemplate,
  workflow: 'templates',
});

/** The template a run requests from, from the list's "Request for several customers" button. */
export interface BulkTemplateOptions {
  templateId: string;
}

interface BulkTemplateValues {
  customers: string;
  error: string;
}

/**
 * "Request for several customers": one template, up to 25 customers the partner already deals with. The
 * confirmation lists them (Edit goes back to the list as typed); then each request goes through the same
 * issuer and rules as a single one and is sent straight to that customer's admins.
 */
export class BulkTemplateDialog extends WorkflowDialog {
  private readonly templates: AccessTemplateService;
  private readonly run: ReturnType<typeof bulkTemplateRun>;

  constructor(private readonly deps: WorkflowDeps) {
    super(
      {
        id: BULK_TEMPLATE_DIALOG,
        title: 'workflow.templates.bulk.title',
        command: 'templates',
        verbs: [REVIEW, RUN, BACK],
      },
      deps.available,
    );
    this.templates = new AccessTemplateService(deps.store, deps.clock);
    this.run = bulkTemplateRun(deps, invitationIssuer(deps));
    const steps = [this.form, this.review, this.ran].map((s) => s.bind(this));
    this.addDialog(new WaterfallDialog(`${BULK_TEMPLATE_DIALOG}.steps`, steps));
    this.initialDialogId = `${BULK_TEMPLATE_DIALOG}.steps`;
  }

  private async form(step: WaterfallStepContext) {
    const { tr } = sessionOf(step.context);
    const t = await this.template(step);
    if (!t) return step.endDialog();
    const { customers, error } = this.values<BulkTemplateValues>(step);
    const card = formCard(
      tr.t('templates.bulk.title', { name: t.name }),
      tr.t('templates.bulk.text', { max: MAX, roles: adminRoleNames(t.roles, tr) }),
      [textField('customers', tr.t('templates.bulk.customers'), customers ?? '', tr.t('templates.bulk.placeholder'))],
      [button(tr.t('templates.bulk.review'), REVIEW.verb, { templateId: t.id }, 'positive')],
      error,
    );
    return this.askCard(step, card, [REVIEW], 'workflow.templates.bulk.step.form');
  }

  private async review(step: WaterfallStepContext) {
    const session = sessionOf(step.context);
    const { tr } = session;
    const data = this.submission(step).data as z.infer<typeof REVIEW.data>;
    const values = this.values<BulkTemplateValues>(step);
    values.customers = data.customers;
    delete values.error;
    const t = await this.template(step);
    if (!t) return step.endDialog();
    const entries = bulkEntries(data.customers);
    if (!this.sameTemplate(step, data)) values.error = tr.t('refusal.target-not-found');
    else if (entries.length < 1 || entries.length > MAX)
      values.error = tr.t('templates.bulk.count', { max: MAX, count: entries.length });
    if (values.error) return this.again(step);
    const resolved = await resolveBulkCustomers(this.deps.store, session.org, entries);
    const ready = resolved.filter((c) => 'customer' in c).length;
    const facts = resolved.map((c) =>
      'customer' in c
        ? { title: c.customer.name, value: tr.t('templates.bulk.willRequest', { domain: c.customer.primaryDomain }) }
        : { title: c.entry, value: problemText(c, tr) },
    );
    const actions = [
      ...(ready ? [button(plural(tr, 'templates.bulk.yes', ready), RUN.verb, { templateId: t.id }, 'positive')] : []),
      button(tr.t('templates.bulk.edit'), BACK.verb, { templateId: t.id }),
    ];
    const text = [
      ready ? plural(tr, 'templates.bulk.confirmText', ready) : tr.t('templates.bulk.noneReady'),
      ...(t.roles.includes('global-administrator') && this.deps.config.fourEyes
        ? [tr.t('templates.bulk.fourEyes')]
        : []),
    ].join(' ');
    const card = noticeCard(tr.t('templates.bulk.confirmTitle', { name: t.name }), text, 'warning', facts, actions);
    return this.askCard(step, card, [RUN, BACK], 'workflow.templates.bulk.step.confirm');
  }

  private async ran(step: WaterfallStepContext) {
    const session = sessionOf(step.context);
    const { tr } = session;
    const submission = this.submission(step);
    const data = submission.data as z.infer<typeof OfTemplate>;
    if (isSubmitOf(submission, BACK)) return this.again(step, 2);
    const t = await this.template(step);
    if (!t) return step.endDialog();
    if (!this.sameTemplate(step, data)) {
      await showCard(step.context, this.refusalCard(tr, tr.t('refusal.target-not-found')));
      return step.endDialog();
    }
    // The list as reviewed, read again: a customer may have gone meanwhile.
    const entries = bulkEntries(this.values<BulkTemplateValues>(step).customers ?? '');
    const lines = await this.run(session, t, await resolveBulkCustomers(this.deps.store, session.org, entries), tr);
    const done = lines.filter((l) => l.sent).length;
    const card = noticeCard(
      tr.t('templates.bulk.summaryTitle', { name: t.name }),
      tr.t('gdap.bulk.summaryText', { done, total: lines.length }),
      done === lines.length ? 'good' : 'warning',
      lines.map(({ title, value }) => ({ title, value })),
    );
    await showCard(step.context, card);
    return step.endDialog();
  }

  /** The run's template, or undefined once the refusal is shown (gone, or no longer the partner's). */
  private async template(step: WaterfallStepContext): Promise<AccessTemplate | undefined> {
    const session = sessionOf(step.context);
    const found = await this.templates.get(session, (step.options as BulkTemplateOptions).templateId);
    if (found.ok) return found.value;
    await showCard(step.context, this.refusalCard(session.tr, describeRefusal(found.refusal, session.tr)));
    return undefined;
  }

  private sameTemplate(step: WaterfallStepContext, data: { templateId: string }): boolean {
    return data.templateId === (step.options as BulkTemplateOptions).templateId;
  }

  private refusalCard(tr: Translator, text: string): CardAttachment {
    return noticeCard(tr.t('templates.title'), text, 'attention');
  }
}

/** The templates list's "Request for several customers" begins the workflow for that template. */
export const bulkTemplateRequestWorkflow: WorkflowFactory = (deps) => ({
  cardActions: [
    REVIEW,
    RUN,
    BACK,
    cardAction({
      verb: ACCESS_VERBS.templateBulkForm,
      permission: PERMISSION,
      data: OfTemplate,
      handle: (context, _s, { templateId }) =>
        beginWorkflow(context, BULK_TEMPLATE_DIALOG, { templateId } satisfies BulkTemplateOptions),
    }),
  ],
  dialogs: [new BulkTemplateDialog(deps)],
});
