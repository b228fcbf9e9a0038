import { WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { z } from 'zod';
import { button } from '../../../cards/button.js';
import { choiceField, formCard } from '../../../cards/form-card.js';
import { adminRoleNames } from '../../../cards/format.js';
import { noticeCard } from '../../../cards/notice-card.js';
import { describeRefusal } from '../../../cards/refusal.js';
import type { CardAttachment } from '../../../cards/render.js';
import { MAX_BULK_RELATIONSHIPS } from '../../../domain/gdap-policy.js';
import { plural, type Translator } from '../../../i18n/i18n.js';
import { describeError } from '../../../logging/logger.js';
import type { Acting } from '../../../services/invitations/invitations.js';
import type { Refusal } from '../../../services/outcome.js';
import { liveAdminAccess } from '../../../services/relationships/relationship-admin.js';
import { workflowCommand } from '../../command-handler.js';
import { showCard } from '../../dialogs/card-reply.js';
import { isSubmitOf, stepVerb, type Submission } from '../../dialogs/step-verb.js';
import { WorkflowDialog } from '../../dialogs/workflow-dialog.js';
import { partnerMay } from '../../permissions.js';
import { sessionOf } from '../../session.js';
import type { WorkflowDeps, WorkflowFactory } from '../../workflow-module.js';
import { DAY_TWO_VERBS as VERBS } from './day-two-verbs.js';
import { autoExtendSwitch, globalAdminRemoval, liveAccessRows, type LiveAccessRow } from './admin-access.js';
import { choicesOf } from '../../../domain/choice-list.js';

const MANAGE = 'manage-admin-relationships' as const;
const Operation = z.enum(['auto-extend-on', 'auto-extend-off', 'remove-global-admin']);
type Operation = z.infer<typeof Operation>;

const BulkValues = z.object({
  operation: z.string().max(40).default(''),
  relationshipIds: z.string().max(4000).default(''),
});
type BulkValues = z.infer<typeof BulkValues>;

const idsOf = (values: BulkValues) => [...new Set(choicesOf(values.relationshipIds))];

export const BULK_DIALOG = 'bulk';
const permission = partnerMay(MANAGE);
const REVIEW = stepVerb({ verb: VERBS.bulkReview, permission, data: BulkValues, workflow: 'bulk' });
const RUN = stepVerb({ verb: VERBS.bulkRun, permission, data: BulkValues, workflow: 'bulk' });
/** "Edit" on the confirmation: back to the form with what was chosen. */
const EDIT = stepVerb({ verb: VERBS.bulkForm, permission, data: z.object({}).passthrough(), workflow: 'bulk' });

interface BulkRun {
  /** What the form was last submitted with, shown again after Edit or an error. */
  form: BulkValues;
  error: string;
  /** What the confirmation showed: the run does exactly this. */
  operation: Operation;
  ids: string[];
}

/**
 * Bulk work as Partner Center does it: auto-extend on or off ("extend"), or Global Administrator removed,
 * on up to 25 relationships at once. A confirmation lists them (Edit goes back to the form); each is then done
 * and checked on its own, so a refusal for one never stops the others, and one summary card gives the outcome
 * of each. The run does what the confirmation showed, whatever a card's data says.
 */
export class BulkDialog extends WorkflowDialog {
  private readonly removal: ReturnType<typeof globalAdminRemoval>;
  private readonly switchAutoExtend: ReturnType<typeof autoExtendSwitch>;

  constructor(private readonly deps: WorkflowDeps) {
    super(
      { id: BULK_DIALOG, title: 'workflow.bulk.title', command: 'bulk', verbs: [REVIEW, RUN, EDIT] },
      deps.available,
    );
    this.removal = globalAdminRemoval(deps);
    this.switchAutoExtend = autoExtendSwitch(deps);
    const steps = [this.form.bind(this), this.review.bind(this), this.run.bind(this)];
    this.addDialog(new WaterfallDialog(`${BULK_DIALOG}.steps`, steps));
    this.initialDialogId = `${BULK_DIALOG}.steps`;
  }

  private async form(step: WaterfallStepContext) {
    const session = sessionOf(step.context);
    const { tr } = session;
    const title = tr.t('gdap.bulk.title');
    const rows = await liveAccessRows(this.deps, session);
    if (!Array.isArray(rows)) return this.finish(step, noticeCard(title, describeRefusal(rows, tr), 'attention'));
    if (!rows.length) return this.finish(step, noticeCard(title, tr.t('gdap.autoExtend.none')));
    const { form, error } = this.values<BulkRun>(step);
    const card = formCard(
      title,
      tr.t('gdap.bulk.text', { max: MAX_BULK_RELATIONSHIPS }),
      [
        choiceField(
          'operation',
          tr.t('gdap.bulk.operation'),
          Operation.options.map((op) => ({ value: op, title: tr.t(`gdap.bulk.op.${op}`) })),
          form?.operation || 'auto-extend-on',
        ),
        choiceField(
          'relationshipIds',
          tr.t('gdap.bulk.relationships'),
          rows.map(({ relationship, customer }) => ({
            value: relationship.id,
            title: `${customer.name}: ${adminRoleNames(liveAdminAccess(relationship)!.roles, tr)}`,
          })),
          form?.relationshipIds ?? '',
          { multiSelect: true, required: false },
        ),
      ],
      [button(tr.t('gdap.bulk.review'), REVIEW.verb, {}, 'positive')],
      error,
    );
    return this.askCard(step, card, [REVIEW], 'workflow.bulk.step.form');
  }

  private async review(step: WaterfallStepContext) {
    const session = sessionOf(step.context);
    const { tr } = session;
    const { data } = this.submission(step) as Submission<typeof BulkValues>;
    const values = this.values<BulkRun>(step);
    values.form = data;
    delete values.error;
    const operation = Operation.safeParse(data.operation);
    const ids = idsOf(data);
    if (!operation.success || ids.length < 1 || ids.length > MAX_BULK_RELATIONSHIPS) {
      values.error = tr.t('gdap.bulk.count', { max: MAX_BULK_RELATIONSHIPS });
      return this.again(step);
    }
    Object.assign(values, { operation: operation.data, ids });
    const facts = [];
    for (const id of ids) {
      const row = await this.rowOf(session, id);
      const access = row && liveAdminAccess(row.relationship);
      facts.push({
        title: row?.customer.name ?? tr.t('gdap.bulk.unknown'),
        value: access ? adminRoleNames(access.roles, tr) : tr.t('partner.roles.none'),
      });
    }
    const card = noticeCard(
      tr.t('gdap.bulk.confirmTitle', { operation: tr.t(`gdap.bulk.op.${operation.data}`) }),
      plural(tr, 'gdap.bulk.confirmText', ids.length),
      'warning',
      facts,
      [
        button(
          plural(tr, 'gdap.bulk.yes', ids.length),
          RUN.verb,
          { operation: operation.data, relationshipIds: ids.join(',') },
          operation.data === 'remove-global-admin' ? 'destructive' : 'positive',
        ),
        button(tr.t('partner.roles.edit'), EDIT.verb),
      ],
    );
    return this.askCard(step, card, [RUN, EDIT], 'workflow.bulk.step.confirm');
  }

  private async run(step: WaterfallStepContext) {
    const session = sessionOf(step.context);
    const { tr } = session;
    const submission = this.submission(step);
    if (isSubmitOf(submission, EDIT)) return this.again(step, 2);
    const { data } = submission as Submission<typeof BulkValues>;
    const { operation, ids = [] } = this.values<BulkRun>(step);
    if (!operation || data.operation !== operation || idsOf(data).join(',') !== ids.join(',')) {
      return this.finish(
        step,
        noticeCard(tr.t('gdap.bulk.title'), describeRefusal({ code: 'target-not-found' }, tr), 'attention'),
      );
    }
    const facts = [];
    let done = 0;
    for (const id of ids) {
      const row = await this.rowOf(session, id);
      // One by one: each is checked and committed on its own, and a failure is that row's outcome.
      const outcome = await this.runOne(session, operation, id, tr).catch((error: unknown) => {
        this.deps.logger.error('bulk operation failed', { operation, relationshipId: id, error: describeError(error) });
        return { done: false, text: tr.t('gdap.bulk.failed') };
      });
      if (outcome.done) done++;
      facts.push({ title: row?.customer.name ?? tr.t('gdap.bulk.unknown'), value: outcome.text });
    }
    const card = noticeCard(
      tr.t('gdap.bulk.summaryTitle', { operation: tr.t(`gdap.bulk.op.${operation}`) }),
      tr.t('gdap.bulk.summaryText', { done, total: ids.length }),
      done === ids.length ? 'good' : 'warning',
      facts,
    );
    return this.finish(step, card);
  }

  /** A relationship's customer name, only for the acting partner's own relationships. */
  private async rowOf(acting: Acting, id: string): Promise<LiveAccessRow | undefined> {
    const relationship = await this.deps.store.get('relationships', id);
    if (!relationship || relationship.partnerTenantId !== acting.org.tenantId) return undefined;
    const customer = await this.deps.store.get('organizations', relationship.customerTenantId);
    return customer ? { relationship, customer } : undefined;
  }

  private async runOne(acting: Acting, operation: Operation, id: string, tr: Translator) {
    const refused = (refusal: Refusal) => ({
      done: false,
      text: tr.t('gdap.bulk.refused', { why: describeRefusal(refusal, tr) }),
    });
    if (operation === 'remove-global-admin') {
      const sent = await this.removal.remove(acting, id, tr);
      if (!sent.ok) return refused(sent.refusal);
      const key = sent.value.existing ? 'gdap.bulk.gaAlreadyOpen' : 'gdap.bulk.gaSent';
      return { done: true, text: tr.t(key, { roles: adminRoleNames(sent.value.plan.remaining, tr) }) };
    }
    const on = operation === 'auto-extend-on';
    const switched = await this.switchAutoExtend(acting, id, on);
    if (!switched.ok) return refused(switched.refusal);
    return { done: true, text: tr.t(on ? 'gdap.bulk.autoExtendOn' : 'gdap.bulk.autoExtendOff') };
  }

  private async finish(step: WaterfallStepContext, card: CardAttachment) {
    await showCard(step.context, card);
    return step.endDialog();
  }
}

export const bulkWorkflow: WorkflowFactory = (deps) => ({
  commands: [workflowCommand('bulk', permission, BULK_DIALOG)],
  cardActions: [REVIEW, RUN, EDIT],
  dialogs: [new BulkDialog(deps)],
});
