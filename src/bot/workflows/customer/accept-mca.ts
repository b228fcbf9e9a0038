import { WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { z } from 'zod';
import { button } from '../../../cards/button.js';
import { choiceForm } from '../../../cards/choice-form.js';
import { formatDate } from '../../../cards/format.js';
import { MCA_URL } from '../../../cards/invitation-card.js';
import { noticeCard } from '../../../cards/notice-card.js';
import { describeRefusal } from '../../../cards/refusal.js';
import { CustomerAgreement } from '../../../services/invitations/customer-agreement.js';
import { McaNotice } from '../../../services/invitations/mca-notice.js';
import { showCard } from '../../dialogs/card-reply.js';
import { stepVerb } from '../../dialogs/step-verb.js';
import { WorkflowDialog } from '../../dialogs/workflow-dialog.js';
import { customerMay } from '../../permissions.js';
import { sessionOf } from '../../session.js';
import type { WorkflowDeps } from '../../workflow-module.js';

export const MCA_VERB = 'mca.accept';
export const ACCEPT_MCA_DIALOG = 'accept-mca';

export const MCA_ACCEPT = stepVerb({
  verb: MCA_VERB,
  permission: customerMay('accept-mca'),
  data: z.object({ confirmed: z.enum(['true', 'false']).default('false') }).passthrough(),
  workflow: 'accept-mca',
});

/**
 * "Accept" the Microsoft Customer Agreement alone (rule 6): the agreement with its box to tick, then Accept;
 * without the tick the same card comes back saying so. Once someone accepted it, it says who and when.
 */
export class AcceptMcaDialog extends WorkflowDialog {
  private readonly agreement: CustomerAgreement;

  constructor(deps: Pick<WorkflowDeps, 'store' | 'clock' | 'notifier' | 'config' | 'available'>) {
    super(
      { id: ACCEPT_MCA_DIALOG, title: 'workflow.accept-mca.title', command: 'accept-mca', verbs: [MCA_ACCEPT] },
      deps.available,
    );
    const notice = new McaNotice(deps.notifier, deps.config.defaultLanguage);
    this.agreement = new CustomerAgreement(deps.store, deps.clock, notice.accepted);
    this.addDialog(new WaterfallDialog(`${ACCEPT_MCA_DIALOG}.steps`, [this.ask.bind(this), this.accept.bind(this)]));
    this.initialDialogId = `${ACCEPT_MCA_DIALOG}.steps`;
  }

  private async ask(step: WaterfallStepContext) {
    const session = sessionOf(step.context);
    const { tr, org } = session;
    const current = await this.agreement.current(session);
    if (!current.ok || current.value) {
      const card = current.ok
        ? noticeCard(
            tr.t('mca.title'),
            describeRefusal(
              {
                code: 'mca-already-accepted',
                params: { name: current.value!.acceptedByName, at: current.value!.acceptedAt },
              },
              tr,
            ),
            'good',
          )
        : noticeCard(tr.t('mca.title'), describeRefusal(current.refusal, tr), 'attention');
      await showCard(step.context, card);
      return step.endDialog();
    }
    const card = choiceForm({
      title: tr.t('mca.title'),
      text: `${tr.t('mca.text', { org: org.name })}\n\n${MCA_URL}`,
      inputId: 'unused',
      label: '',
      requiredMessage: '',
      choices: [],
      confirmation: tr.t('mca.acknowledge', { org: org.name }),
      error: (step.values as { error?: string }).error,
      actions: [button(tr.t('mca.accept'), MCA_VERB, {}, 'positive')],
    });
    return this.askCard(step, card, [MCA_ACCEPT], 'workflow.accept-mca.step.agreement');
  }

  private async accept(step: WaterfallStepContext) {
    const session = sessionOf(step.context);
    const { tr } = session;
    const { confirmed } = this.submission(step).data as z.infer<typeof MCA_ACCEPT.data>;
    const accepted = await this.agreement.accept(session, confirmed === 'true');
    if (!accepted.ok) {
      if (accepted.refusal.code === 'mca-acknowledgement-required') {
        this.values<{ error: string }>(step).error = describeRefusal(accepted.refusal, tr);
        return this.again(step);
      }
      await showCard(step.context, noticeCard(tr.t('mca.title'), describeRefusal(accepted.refusal, tr), 'attention'));
      return step.endDialog();
    }
    const text = tr.t('mca.doneText', {
      name: accepted.value.acceptedByName,
      org: session.org.name,
      date: formatDate(accepted.value.acceptedAt, tr),
    });
    await showCard(step.context, noticeCard(tr.t('mca.doneTitle'), text, 'good'));
    return step.endDialog();
  }
}
