import { z } from 'zod';
import { button } from '../../../cards/button.js';
import { formCard, textField } from '../../../cards/form-card.js';
import { noticeCard } from '../../../cards/notice-card.js';
import { describeRefusal } from '../../../cards/refusal.js';
import type { CardAttachment } from '../../../cards/render.js';
import type { Translator } from '../../../i18n/i18n.js';
import type { Acting } from '../../../services/invitations/invitations.js';
import { NewCustomerService, NewCustomerValues } from '../../../services/invitations/new-customer.js';
import { cardAction } from '../../card-actions.js';
import type { WorkflowFactory } from '../../workflow-module.js';
import { PARTNER_VERBS } from './verbs.js';
import { partnerMay } from '../../permissions.js';

/** "Add a new customer" (rule 9): the organisation and the reseller relationship are created at once. */
export const partnerNewCustomerWorkflow: WorkflowFactory = ({ store, clock }) => {
  const service = new NewCustomerService(store, clock);

  function form(
    acting: Acting,
    tr: Translator,
    values: Partial<NewCustomerValues> = {},
    error?: string,
  ): CardAttachment {
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

  return {
    cardActions: [
      cardAction({
        verb: PARTNER_VERBS.newCustomerForm,
        permission: partnerMay('request-reseller-relationship'),
        data: z.object({}).passthrough(),
        handle: async (_c, session) => form(session, session.tr),
      }),
      cardAction({
        verb: PARTNER_VERBS.newCustomerSubmit,
        permission: partnerMay('request-reseller-relationship'),
        data: NewCustomerValues,
        async handle(_c, session, values) {
          const { tr } = session;
          const added = await service.add(session, values);
          if (!added.ok) return form(session, tr, values, describeRefusal(added.refusal, tr));
          const { customer } = added.value;
          return noticeCard(
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
        },
      }),
    ],
  };
};
