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
import { cardAction } from '../../card-actions.js';
import { command } from '../../command-handler.js';
import { partnerMay } from '../../permissions.js';
import type { WorkflowFactory } from '../../workflow-module.js';
import { DAY_TWO_VERBS as VERBS } from './day-two-verbs.js';
import { autoExtendSwitch, globalAdminRemoval, liveAccessRows, type LiveAccessRow } from './global-admin.js';

const MANAGE = 'manage-admin-relationships' as const;
const Operation = z.enum(['auto-extend-on', 'auto-extend-off', 'remove-global-admin']);
type Operation = z.infer<typeof Operation>;

const BulkValues = z.object({
  operation: z.string().max(40).default(''),
  relationshipIds: z.string().max(4000).default(''),
});
type BulkValues = z.infer<typeof BulkValues>;

const idsOf = (values: BulkValues) => [
  ...new Set(
    values.relationshipIds
      .split(',')
      .map((id) => id.trim())
      .filter(Boolean),
  ),
];

/**
 * Bulk work as Partner Center does it: auto-extend on or off ("extend"), or Global Administrator removed,
 * on up to 25 relationships at once. A confirmation lists them; each is then done and checked on its own,
 * so a refusal for one never stops the others, and one summary card gives the outcome of each.
 */
export const bulkWorkflow: WorkflowFactory = (deps) => {
  const removal = globalAdminRemoval(deps);
  const switchAutoExtend = autoExtendSwitch(deps);
  const title = (tr: Translator) => tr.t('gdap.bulk.title');

  async function form(acting: Acting, tr: Translator, values?: BulkValues, error?: string): Promise<CardAttachment> {
    const rows = await liveAccessRows(deps, acting);
    if (!Array.isArray(rows)) return noticeCard(title(tr), describeRefusal(rows, tr), 'attention');
    if (!rows.length) return noticeCard(title(tr), tr.t('gdap.autoExtend.none'));
    return formCard(
      title(tr),
      tr.t('gdap.bulk.text', { max: MAX_BULK_RELATIONSHIPS }),
      [
        choiceField(
          'operation',
          tr.t('gdap.bulk.operation'),
          Operation.options.map((op) => ({ value: op, title: tr.t(`gdap.bulk.op.${op}`) })),
          values?.operation ?? 'auto-extend-on',
        ),
        choiceField(
          'relationshipIds',
          tr.t('gdap.bulk.relationships'),
          rows.map(({ relationship, customer }) => ({
            value: relationship.id,
            title: `${customer.name}: ${adminRoleNames(liveAdminAccess(relationship)!.roles, tr)}`,
          })),
          values?.relationshipIds ?? '',
          { multiSelect: true, required: false },
        ),
      ],
      [button(tr.t('gdap.bulk.review'), VERBS.bulkReview, {}, 'positive')],
      error,
    );
  }

  /** The operation and the relationships, or what to fix in the form. */
  async function read(
    acting: Acting,
    tr: Translator,
    values: BulkValues,
  ): Promise<{ card: CardAttachment } | { operation: Operation; ids: string[] }> {
    const operation = Operation.safeParse(values.operation);
    const ids = idsOf(values);
    if (!operation.success || ids.length < 1 || ids.length > MAX_BULK_RELATIONSHIPS)
      return { card: await form(acting, tr, values, tr.t('gdap.bulk.count', { max: MAX_BULK_RELATIONSHIPS })) };
    return { operation: operation.data, ids };
  }

  /** A relationship's customer name, only for the acting partner's own relationships. */
  async function rowOf(acting: Acting, id: string): Promise<LiveAccessRow | undefined> {
    const relationship = await deps.store.get('relationships', id);
    if (!relationship || relationship.partnerTenantId !== acting.org.tenantId) return undefined;
    const customer = await deps.store.get('organizations', relationship.customerTenantId);
    return customer ? { relationship, customer } : undefined;
  }

  async function runOne(
    acting: Acting,
    operation: Operation,
    id: string,
    tr: Translator,
  ): Promise<{ done: boolean; text: string }> {
    const refused = (refusal: Refusal) => ({
      done: false,
      text: tr.t('gdap.bulk.refused', { why: describeRefusal(refusal, tr) }),
    });
    if (operation === 'remove-global-admin') {
      const sent = await removal.remove(acting, id, tr);
      if (!sent.ok) return refused(sent.refusal);
      const key = sent.value.existing ? 'gdap.bulk.gaAlreadyOpen' : 'gdap.bulk.gaSent';
      return { done: true, text: tr.t(key, { roles: adminRoleNames(sent.value.plan.remaining, tr) }) };
    }
    const on = operation === 'auto-extend-on';
    const switched = await switchAutoExtend(acting, id, on);
    if (!switched.ok) return refused(switched.refusal);
    return { done: true, text: tr.t(on ? 'gdap.bulk.autoExtendOn' : 'gdap.bulk.autoExtendOff') };
  }

  return {
    commands: [
      command('bulk', partnerMay(MANAGE), async ({ context, session }) =>
        context.sendActivity({ attachments: [await form(session, session.tr)] }),
      ),
    ],
    cardActions: [
      cardAction({
        verb: VERBS.bulkForm,
        permission: partnerMay(MANAGE),
        data: z.object({}).passthrough(),
        handle: async (_c, session) => form(session, session.tr),
      }),
      cardAction({
        verb: VERBS.bulkReview,
        permission: partnerMay(MANAGE),
        data: BulkValues,
        async handle(_c, session, values) {
          const { tr } = session;
          const read_ = await read(session, tr, values);
          if ('card' in read_) return read_.card;
          const facts = [];
          for (const id of read_.ids) {
            const row = await rowOf(session, id);
            const access = row && liveAdminAccess(row.relationship);
            facts.push({
              title: row?.customer.name ?? tr.t('gdap.bulk.unknown'),
              value: access ? adminRoleNames(access.roles, tr) : tr.t('partner.roles.none'),
            });
          }
          return noticeCard(
            tr.t('gdap.bulk.confirmTitle', { operation: tr.t(`gdap.bulk.op.${read_.operation}`) }),
            plural(tr, 'gdap.bulk.confirmText', read_.ids.length),
            'warning',
            facts,
            [
              button(
                plural(tr, 'gdap.bulk.yes', read_.ids.length),
                VERBS.bulkRun,
                { operation: read_.operation, relationshipIds: read_.ids.join(',') },
                read_.operation === 'remove-global-admin' ? 'destructive' : 'positive',
              ),
              button(tr.t('partner.roles.edit'), VERBS.bulkForm),
            ],
          );
        },
      }),
      cardAction({
        verb: VERBS.bulkRun,
        permission: partnerMay(MANAGE),
        data: BulkValues,
        async handle(_c, session, values) {
          const { tr } = session;
          const read_ = await read(session, tr, values);
          if ('card' in read_) return read_.card;
          const facts = [];
          let done = 0;
          for (const id of read_.ids) {
            const row = await rowOf(session, id);
            // One by one: each is checked and committed on its own, and a failure is that row's outcome.
            const outcome = await runOne(session, read_.operation, id, tr).catch((error: unknown) => {
              deps.logger.error('bulk operation failed', {
                operation: read_.operation,
                relationshipId: id,
                error: describeError(error),
              });
              return { done: false, text: tr.t('gdap.bulk.failed') };
            });
            if (outcome.done) done++;
            facts.push({ title: row?.customer.name ?? tr.t('gdap.bulk.unknown'), value: outcome.text });
          }
          return noticeCard(
            tr.t('gdap.bulk.summaryTitle', { operation: tr.t(`gdap.bulk.op.${read_.operation}`) }),
            tr.t('gdap.bulk.summaryText', { done, total: read_.ids.length }),
            done === read_.ids.length ? 'good' : 'warning',
            facts,
          );
        },
      }),
    ],
  };
};
