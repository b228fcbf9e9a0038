import { button } from '../../../cards/button.js';
import { formCard, textField } from '../../../cards/form-card.js';
import { adminRoleNames, formatDateTime } from '../../../cards/format.js';
import type { CustomerRequest } from '../../../domain/customer-request.js';
import type { Translator } from '../../../i18n/i18n.js';
import { DAY_TWO_VERBS as VERBS } from './day-two-verbs.js';

/** The notification kind of the card each admin agent gets when a customer asks. */
export const REQUEST_RECEIVED = 'customer-request.received';

/** What the customer asked, in the words of the reader. */
export function asked(request: CustomerRequest, tr: Translator): string {
  return request.kind === 'end-relationship'
    ? tr.t('gdap.request.askedEnd')
    : tr.t('gdap.request.askedRoles', { roles: adminRoleNames(request.roles, tr) });
}

/** The card a partner's admin agent answers: what was asked, by whom, the note, a reason box and two buttons. */
export function requestCard(request: CustomerRequest, customer: string, tr: Translator, error?: string) {
  const lines = [
    tr.t('gdap.request.cardText', { name: request.createdBy.name, at: formatDateTime(request.createdAt, tr) }),
    asked(request, tr),
    ...(request.note ? [tr.t('gdap.request.note', { note: request.note })] : []),
  ];
  return formCard(
    tr.t('gdap.request.cardTitle', { customer }),
    lines.join('\n\n'),
    [textField('reason', tr.t('gdap.request.reason'), '', tr.t('gdap.request.reasonHint'))],
    [
      button(
        tr.t(request.kind === 'end-relationship' ? 'gdap.request.doEnd' : 'gdap.request.doRoles'),
        VERBS.requestAct,
        { requestId: request.id },
        'destructive',
      ),
      button(tr.t('gdap.request.decline'), VERBS.requestDecline, { requestId: request.id }),
    ],
    error,
  );
}
