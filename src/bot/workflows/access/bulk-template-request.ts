import { z } from 'zod';
import { button } from '../../../cards/button.js';
import { adminRoleNames, formatDate } from '../../../cards/format.js';
import { formCard, textField } from '../../../cards/form-card.js';
import { noticeCard } from '../../../cards/notice-card.js';
import { describeRefusal } from '../../../cards/refusal.js';
import type { CardAttachment } from '../../../cards/render.js';
import { draftEmail } from '../../../cards/request-card.js';
import type { AccessTemplate } from '../../../domain/access.js';
import { MAX_BULK_RELATIONSHIPS as MAX } from '../../../domain/gdap-policy.js';
import type { Organization } from '../../../domain/model.js';
import { plural, type Translator } from '../../../i18n/i18n.js';
import { describeError } from '../../../logging/logger.js';
import { AccessTemplateService, requestFromTemplate } from '../../../services/invitations/access-templates.js';
import { bulkEntries, resolveBulkCustomers, type BulkCustomer } from '../../../services/invitations/bulk-customers.js';
import { InvitationDelivery } from '../../../services/invitations/invitation-delivery.js';
import type { Acting } from '../../../services/invitations/invitations.js';
import { cardAction } from '../../card-actions.js';
import { partnerMay, recordTarget } from '../../permissions.js';
import type { WorkflowFactory } from '../../workflow-module.js';
import { invitationIssuer } from '../partner/issue.js';
import { ACCESS_VERBS } from './verbs.js';

// The same right as one request from a template: asking for admin roles, from one of the partner's templates.
const PERMISSION = partnerMay('include-delegated-admin', {
  target: recordTarget('accessTemplates', 'templateId', ['partner']),
});
const BulkValues = z.object({
  templateId: z.string().min(1).max(100),
  customers: z.string().max(10_000).default(''),
});
type BulkValues = z.infer<typeof BulkValues>;
type Line = { title: string; value: string; sent: boolean };

/**
 * "Request for several customers": one template, up to 25 customers the partner already deals with. A
 * confirmation lists them; then each request goes through the same issuer and rules as a single one and is
 * sent straight to that customer's admins, so a refusal is that customer's line and the others go on.
 */
export const bulkTemplateRequestWorkflow: WorkflowFactory = (deps) => {
  const { store, clock, notifier, config, logger } = deps;
  const templates = new AccessTemplateService(store, clock);
  const issuer = invitationIssuer(deps);
  const delivery = new InvitationDelivery(store, notifier, config.defaultLanguage, clock);
  const title = (t: AccessTemplate, tr: Translator) => tr.t('templates.bulk.title', { name: t.name });

  function form(t: AccessTemplate, tr: Translator, customers = '', error?: string): CardAttachment {
    return formCard(
      title(t, tr),
      tr.t('templates.bulk.text', { max: MAX, roles: adminRoleNames(t.roles, tr) }),
      [textField('customers', tr.t('templates.bulk.customers'), customers, tr.t('templates.bulk.placeholder'))],
      [button(tr.t('templates.bulk.review'), ACCESS_VERBS.templateBulkReview, { templateId: t.id }, 'positive')],
      error,
    );
  }

  /** The template and the resolved list, or the card to show instead (nothing is saved before the run). */
  async function read(
    acting: Acting,
    tr: Translator,
    values: BulkValues,
  ): Promise<{ card: CardAttachment } | { template: AccessTemplate; resolved: BulkCustomer[] }> {
    const found = await templates.get(acting, values.templateId);
    if (!found.ok)
      return { card: noticeCard(tr.t('templates.title'), describeRefusal(found.refusal, tr), 'attention') };
    const entries = bulkEntries(values.customers);
    if (entries.length < 1 || entries.length > MAX)
      return {
        card: form(
          found.value,
          tr,
          values.customers,
          tr.t('templates.bulk.count', { max: MAX, count: entries.length }),
        ),
      };
    return { template: found.value, resolved: await resolveBulkCustomers(store, acting.org, entries) };
  }

  const problemText = (c: Exclude<BulkCustomer, { customer: Organization }>, tr: Translator) =>
    tr.t('gdap.bulk.refused', { why: tr.t(`templates.bulk.problem.${c.problem}`, { names: c.names ?? '' }) });

  /** One customer's request: issued, then sent to its admins' Teams cards, or the reason it was not. */
  async function requestOne(acting: Acting, t: AccessTemplate, customer: Organization, tr: Translator) {
    const issued = await issuer.create(acting, requestFromTemplate(t, { tenantId: customer.tenantId }));
    if (!issued.ok)
      return { sent: false, value: tr.t('gdap.bulk.refused', { why: describeRefusal(issued.refusal, tr) }) };
    const { invitation, token } = issued.value;
    if (!token) {
      const since = formatDate(invitation.createdAt, tr);
      return { sent: false, value: tr.t('gdap.bulk.refused', { why: tr.t('templates.bulk.duplicate', { since }) }) };
    }
    // Four-eyes: the approvers were asked with the invitation; it goes out once one of them approves.
    if (invitation.fourEyes.required) return { sent: false, value: tr.t('templates.bulk.awaitingApproval') };
    const email = draftEmail(await issuer.view(acting, invitation, token), tr);
    let admins = 0;
    const sent = await issuer.invitations.markSent(acting, invitation.id, email, async (tx, saved) => {
      admins = await delivery.invitationSent(tx, saved);
    });
    if (!sent.ok) return { sent: false, value: tr.t('gdap.bulk.refused', { why: describeRefusal(sent.refusal, tr) }) };
    return {
      sent: true,
      value: admins
        ? tr.t('templates.bulk.sent', { admins: plural(tr, 'count.admins', admins) })
        : tr.t('templates.bulk.sentNoTeams'),
    };
  }

  async function run(acting: Acting, t: AccessTemplate, resolved: BulkCustomer[], tr: Translator) {
    const lines: Line[] = [];
    for (const c of resolved) {
      if (!('customer' in c)) {
        lines.push({ title: c.entry, value: problemText(c, tr), sent: false });
        continue;
      }
      // One by one: each request is checked and committed on its own, and a failure is that customer's line.
      const outcome = await requestOne(acting, t, c.customer, tr).catch((error: unknown) => {
        logger.error('bulk template request failed', {
          templateId: t.id,
          customerTenantId: c.customer.tenantId,
          error: describeError(error),
        });
        return { sent: false, value: tr.t('gdap.bulk.failed') };
      });
      lines.push({ title: c.customer.name, ...outcome });
    }
    return lines;
  }

  return {
    cardActions: [
      cardAction({
        verb: ACCESS_VERBS.templateBulkForm,
        permission: PERMISSION,
        data: BulkValues.pick({ templateId: true }),
        async handle(_c, session, { templateId }) {
          const found = await templates.get(session, templateId);
          if (!found.ok)
            return noticeCard(session.tr.t('templates.title'), describeRefusal(found.refusal, session.tr), 'attention');
          return form(found.value, session.tr);
        },
      }),
      cardAction({
        verb: ACCESS_VERBS.templateBulkReview,
        permission: PERMISSION,
        data: BulkValues,
        async handle(_c, session, values) {
          const { tr } = session;
          const read_ = await read(session, tr, values);
          if ('card' in read_) return read_.card;
          const { template: t, resolved } = read_;
          const ready = resolved.filter((c) => 'customer' in c).length;
          const facts = resolved.map((c) =>
            'customer' in c
              ? {
                  title: c.customer.name,
                  value: tr.t('templates.bulk.willRequest', { domain: c.customer.primaryDomain }),
                }
              : { title: c.entry, value: problemText(c, tr) },
          );
          const actions = [
            ...(ready
              ? [
                  button(
                    plural(tr, 'templates.bulk.yes', ready),
                    ACCESS_VERBS.templateBulkRun,
                    { templateId: t.id, customers: values.customers },
                    'positive',
                  ),
                ]
              : []),
            button(tr.t('templates.bulk.edit'), ACCESS_VERBS.templateBulkForm, { templateId: t.id }),
          ];
          const text = [
            ready ? plural(tr, 'templates.bulk.confirmText', ready) : tr.t('templates.bulk.noneReady'),
            ...(t.roles.includes('global-administrator') && config.fourEyes ? [tr.t('templates.bulk.fourEyes')] : []),
          ].join(' ');
          return noticeCard(tr.t('templates.bulk.confirmTitle', { name: t.name }), text, 'warning', facts, actions);
        },
      }),
      cardAction({
        verb: ACCESS_VERBS.templateBulkRun,
        permission: PERMISSION,
        data: BulkValues,
        async handle(_c, session, values) {
          const { tr } = session;
          // The list is read again: the button carries only what was typed, never a customer to trust.
          const read_ = await read(session, tr, values);
          if ('card' in read_) return read_.card;
          const lines = await run(session, read_.template, read_.resolved, tr);
          const done = lines.filter((l) => l.sent).length;
          return noticeCard(
            tr.t('templates.bulk.summaryTitle', { name: read_.template.name }),
            tr.t('gdap.bulk.summaryText', { done, total: lines.length }),
            done === lines.length ? 'good' : 'warning',
            lines.map(({ title: t, value }) => ({ title: t, value })),
          );
        },
      }),
    ],
  };
};
