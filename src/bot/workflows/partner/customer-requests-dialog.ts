import { WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { z } from 'zod';
import { button } from '../../../cards/button.js';
import { formatDateTime } from '../../../cards/format.js';
import { noticeCard } from '../../../cards/notice-card.js';
import { describeRefusal } from '../../../cards/refusal.js';
import { sectionsCard } from '../../../cards/sections-card.js';
import type { CustomerRequest } from '../../../domain/customer-request.js';
import type { Refusal } from '../../../services/outcome.js';
import { CustomerRequests } from '../../../services/relationships/customer-requests.js';
import { showCard } from '../../dialogs/card-reply.js';
import { stepVerb, type Submission } from '../../dialogs/step-verb.js';
import { WorkflowDialog } from '../../dialogs/workflow-dialog.js';
import { partnerMay, recordTarget } from '../../permissions.js';
import { sessionOf } from '../../session.js';
import type { WorkflowDeps } from '../../workflow-module.js';
import { asked, requestCard } from './customer-request-card.js';
import { DAY_TWO_VERBS as VERBS } from './day-two-verbs.js';

export const CUSTOMER_REQUESTS_DIALOG = 'customer-requests';

/** "Open <customer>" on the list: that request's card, whose buttons answer it. */
export const OPEN = stepVerb({
  verb: VERBS.requestsList,
  permission: partnerMay('answer-customer-requests', {
    target: recordTarget('customerRequests', 'requestId', ['partner'], true),
  }),
  data: z.object({ requestId: z.string().max(100).default('') }),
  workflow: 'customer-requests',
});

/**
 * "Customer requests": the open requests of the partner's customers, and the card of the one opened. Acting on
 * it or declining it are the buttons of that card, the same card every admin agent got in Teams, so they answer
 * it whether or not this list is still open (src/bot/workflows/partner/customer-requests.ts).
 */
export class CustomerRequestsDialog extends WorkflowDialog {
  private readonly requests: CustomerRequests;

  constructor(private readonly deps: WorkflowDeps) {
    super(
      {
        id: CUSTOMER_REQUESTS_DIALOG,
        title: 'workflow.customer-requests.title',
        command: 'customer-requests',
        verbs: [OPEN],
      },
      deps.available,
    );
    this.requests = new CustomerRequests(deps.store, deps.clock);
    this.addDialog(
      new WaterfallDialog(`${CUSTOMER_REQUESTS_DIALOG}.steps`, [this.list.bind(this), this.open.bind(this)]),
    );
    this.initialDialogId = `${CUSTOMER_REQUESTS_DIALOG}.steps`;
  }

  private async list(step: WaterfallStepContext) {
    const session = sessionOf(step.context);
    const { tr } = session;
    const title = tr.t('gdap.request.listTitle');
    const open = await this.requests.open(session);
    if (!open.ok) return this.refused(step, open.refusal);
    if (!open.value.length) {
      await showCard(step.context, noticeCard(title, tr.t('gdap.request.none', { org: session.org.name })));
      return step.endDialog();
    }
    const rows = [];
    for (const request of open.value) rows.push({ request, customer: await this.customerName(request) });
    const card = sectionsCard(
      title,
      '',
      rows.map(({ request, customer }) => ({
        heading: customer,
        facts: [
          { title: tr.t('gdap.request.what'), value: asked(request, tr) },
          {
            title: tr.t('gdap.request.by'),
            value: `${request.createdBy.name}, ${formatDateTime(request.createdAt, tr)}`,
          },
        ],
      })),
      rows
        .slice(0, 5)
        .map(({ request, customer }) =>
          button(tr.t('gdap.request.open', { customer }), OPEN.verb, { requestId: request.id }),
        ),
    );
    return this.askCard(step, card, [OPEN], 'workflow.customer-requests.step.list');
  }

  private async open(step: WaterfallStepContext) {
    const session = sessionOf(step.context);
    const { data } = this.submission(step) as Submission<typeof OPEN.data>;
    if (!data.requestId) return this.again(step);
    const request = await this.requests.get(session, data.requestId);
    if (!request.ok) return this.refused(step, request.refusal);
    await showCard(step.context, requestCard(request.value, await this.customerName(request.value), session.tr));
    return step.endDialog({ opened: data.requestId });
  }

  private async refused(step: WaterfallStepContext, refusal: Refusal) {
    const { tr } = sessionOf(step.context);
    const card = noticeCard(tr.t('gdap.request.listTitle'), describeRefusal(refusal, tr), 'attention');
    await showCard(step.context, card);
    return step.endDialog();
  }

  private async customerName(request: CustomerRequest): Promise<string> {
    return (await this.deps.store.get('organizations', request.customerTenantId))?.name ?? '';
  }
}
