import { WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { button } from '../../../cards/button.js';
import { formCard, textField } from '../../../cards/form-card.js';
import { noticeCard } from '../../../cards/notice-card.js';
import { describeRefusal } from '../../../cards/refusal.js';
import type { CardAttachment } from '../../../cards/render.js';
import type { Translator } from '../../../i18n/i18n.js';
import type { Acting } from '../../../services/invitations/invitations.js';
import { NewCustomerService, NewCustomerValues } from '../../../services/invitations/new-customer.js';
import { workflowCommand } from '../../command-handler.js';
import { showCard } from '../../dialogs/card-reply.js';
import { stepVerb } from '../../dialogs/step-verb.js';
import { WorkflowDialog } from '../../dialogs/workflow-dialog.js';
import { partnerMay } from '../../permissions.js';
import { sessionOf } from '../../session.js';
import type { WorkflowDeps, WorkflowFactory } from '../../workflow-module.js';
import { PARTNER_VERBS } from './verbs.js';

export const NEW_CUSTOMER_DIALOG = 'new-customer';

const permission = partnerMay('request-reseller-relationship');
const SUBMIT = stepVerb({
  verb: PARTNER_VERBS.newCustomerSubmit,
  permission,
  data: NewCustomerValues,
  workflow: 'new-customer',
});

interface NewCustomerDialogValues {
  form: Partial<NewCustomerValues>;
  error: string;
}

function form(acting: Acting, tr: Translator, values: Partial<NewCustomerValues> = {}, error?: string): CardAttachment {
  const required = tr.t('partner.newCustomer.required');
  return formCard(
    tr.t('partner.newCustomer.title'),
    tr.t('partner.newCustomer.text'),
    [
      textField('name', tr.t('partner.newCustomer.name'), values.name ?? '', 'Alpine Ski House', required),
      textField('domain', tr.t('partner.newCustomer.domain'), values.domain ?? '', 'alpineskihouse.com', required),
      textField(
        'countryRegion',
        tr.t('partner.newCustomer.countryRegion'),
        values.countryRegion ?? acting.org.countryRegion,
        acting.org.countryRegion,
        required,
      ),
      textField('contactName', tr.t('partner.newCustomer.contactName'), values.contactName ?? '', '', required),
      textField('contactEmail', tr.t('partner.newCustomer.contactEmail'), values.contactEmail ?? '', '', required),
    ],
    [button(tr.t('partner.newCustomer.submit'), PARTNER_VERBS.newCustomerSubmit, {}, 'positive')],
    error,
  );
}

/**
 * "Add a new customer" (rule 9): one form, redrawn with what was typed and why until the organisation and its
 * reseller relationship are created at once.
 */
export class NewCustomerDialog extends WorkflowDialog {
  private readonly service: NewCustomerService;

  constructor(deps: WorkflowDeps) {
    super(
      { id: NEW_CUSTOMER_DIALOG, title: 'workflow.new-customer.title', command: 'new-customer', verbs: [SUBMIT] },
      deps.available,
    );
    this.service = new NewCustomerService(deps.store, deps.clock);
    this.addDialog(
      new WaterfallDialog(`${NEW_CUSTOMER_DIALOG}.steps`, [this.form.bind(this), this.submitted.bind(this)]),
    );
    this.initialDialogId = `${NEW_CUSTOMER_DIALOG}.steps`;
  }

  private async form(step: WaterfallStepContext) {
    const session = sessionOf(step.context);
    const { form: typed, error } = this.values<NewCustomerDialogValues>(step);
    const card = form(session, session.tr, typed, error);
    return this.askCard(step, card, [SUBMIT], 'workflow.new-customer.step.form');
  }

  private async submitted(step: WaterfallStepContext) {
    const session = sessionOf(step.context);
    const { tr } = session;
    const typed = this.submission(step).data as NewCustomerValues;
    const values = this.values<NewCustomerDialogValues>(step);
    values.form = typed;
    const added = await this.service.add(session, typed);
    if (!added.ok) {
      values.error = describeRefusal(added.refusal, tr);
      return this.again(step);
    }
    const { customer } = added.value;
    const done = noticeCard(
      tr.t('partner.newCustomer.doneTitle', { customer: customer.name }),
      tr.t('partner.newCustomer.doneText', { customer: customer.name }),
      'good',
      [
        { title: tr.t('partner.newCustomer.domain'), value: customer.primaryDomain },
        { title: tr.t('partner.newCustomer.countryRegion'), value: customer.countryRegion },
        { title: tr.t('invitation.types'), value: tr.t('relationshipType.reseller') },
        { title: tr.t('partner.newCustomer.state'), value: tr.t('relationshipStatus.active') },
      ],
    );
    await showCard(step.context, done);
    return step.endDialog({ customer: customer.tenantId });
  }
}

/** Rule 9's "Add a new customer": the command and its one-form dialog. */
export const partnerNewCustomerWorkflow: WorkflowFactory = (deps) => ({
  commands: [workflowCommand('new-customer', permission, NEW_CUSTOMER_DIALOG)],
  cardActions: [SUBMIT],
  dialogs: [new NewCustomerDialog(deps)],
});
