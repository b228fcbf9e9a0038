import { z } from 'zod';
import { noticeCard } from '../../../cards/notice-card.js';
import { describeRefusal } from '../../../cards/refusal.js';
import { formatDate } from '../../../cards/format.js';
import { AUTO_EXTEND_VERB } from '../../../services/relationships/expiry-guardian.js';
import { cardAction } from '../../card-actions.js';
import { partnerMay, recordTarget } from '../../permissions.js';
import type { WorkflowDeps } from '../../workflow-module.js';
import { autoExtendSwitch } from '../partner/global-admin.js';

/**
 * The "Turn on auto-extend" button of an expiry reminder; the final card has no button, a second click is
 * "already on". The customer's admins are told, as for any switch of auto-extend.
 */
export function autoExtendAction(deps: WorkflowDeps) {
  const switchAutoExtend = autoExtendSwitch(deps);
  return cardAction({
    verb: AUTO_EXTEND_VERB,
    permission: partnerMay('include-delegated-admin', {
      target: recordTarget('relationships', 'relationshipId', ['partner']),
    }),
    data: z.object({ relationshipId: z.string().min(1).max(100) }),
    async handle(_c, session, { relationshipId }) {
      const { tr } = session;
      const done = await switchAutoExtend(session, relationshipId, true);
      if (!done.ok) return noticeCard(tr.t('guardian.autoExtend'), describeRefusal(done.refusal, tr), 'attention');
      const customer = (await deps.store.get('organizations', done.value.customerTenantId))?.name ?? '';
      return noticeCard(
        tr.t('guardian.autoExtendDoneTitle'),
        tr.t('guardian.autoExtendDoneText', { customer, date: formatDate(done.value.adminAccess!.endAt, tr) }),
        'good',
      );
    },
  });
}
