import { formatDate } from '../../../cards/format.js';
import { describeRefusal } from '../../../cards/refusal.js';
import { draftEmail } from '../../../cards/request-card.js';
import type { AccessTemplate } from '../../../domain/access.js';
import type { Organization } from '../../../domain/model.js';
import { plural, type Translator } from '../../../i18n/i18n.js';
import { describeError } from '../../../logging/logger.js';
import { requestFromTemplate } from '../../../services/invitations/access-templates.js';
import type { BulkCustomer } from '../../../services/invitations/bulk-customers.js';
import { InvitationDelivery } from '../../../services/invitations/invitation-delivery.js';
import type { Acting } from '../../../services/invitations/invitations.js';
import type { WorkflowDeps } from '../../workflow-module.js';
import type { InvitationIssuer } from '../partner/issue.js';

export type Line = { title: string; value: string; sent: boolean };

export const problemText = (c: Exclude<BulkCustomer, { customer: Organization }>, tr: Translator) =>
  tr.t('gdap.bulk.refused', { why: tr.t(`templates.bulk.problem.${c.problem}`, { names: c.names ?? '' }) });

/**
 * Sends one template's request to each resolved customer, one by one, through the same issuer and rules as a
 * single request, straight to that customer's admins: a refusal or a failure is that customer's line only.
 */
export function bulkTemplateRun(
  deps: Pick<WorkflowDeps, 'store' | 'notifier' | 'config' | 'clock' | 'logger'>,
  issuer: InvitationIssuer,
) {
  const { store, notifier, config, clock, logger } = deps;
  const delivery = new InvitationDelivery(store, notifier, config.defaultLanguage, clock);

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

  return async function run(acting: Acting, t: AccessTemplate, resolved: BulkCustomer[], tr: Translator) {
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
  };
}
