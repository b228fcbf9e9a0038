import { z } from 'zod';
import { noticeCard } from '../../../cards/notice-card.js';
import { describeRefusal } from '../../../cards/refusal.js';
import { formatDate } from '../../../cards/format.js';
import { AutoExtendService } from '../../../services/relationships/auto-extend.js';
import { AUTO_EXTEND_VERB } from '../../../services/relationships/expiry-guardian.js';
import type { Store } from '../../../store/store.js';
import { cardAction } from '../../card-actions.js';
import { partnerMay, recordTarget } from '../../permissions.js';

/** The "Turn on auto-extend" button of an expiry reminder; the final card has no button, a second click is "already on". */
export function autoExtendAction(store: Store, clock: () => Date) {
  const service = new AutoExtendService(store, clock);
  return cardAction({
    verb: AUTO_EXTEND_VERB,
    permission: partnerMay('include-delegated-admin', {
      target: recordTarget('relationships', 'relationshipId', ['partner']),
    }),
    data: z.object({ relationshipId: z.string().min(1).max(100) }),
    async handle(_c, session, { relationshipId }) {
      const { tr } = session;
      const done = await service.enable(session, relationshipId);
      if (!done.ok) return noticeCard(tr.t('guardian.autoExtend'), describeRefusal(done.refusal, tr), 'attention');
      const customer = (await store.get('organizations', done.value.customerTenantId))?.name ?? '';
      return noticeCard(
        tr.t('guardian.autoExtendDoneTitle'),
        tr.t('guardian.autoExtendDoneText', { customer, date: formatDate(done.value.adminAccess!.endAt, tr) }),
        'good',
      );
    },
  });
}
