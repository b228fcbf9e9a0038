import { beginWorkflow } from '../../dialogs/workflow-stack.js';
import { REQUEST_RELATIONSHIP_DIALOG, type RequestOptions } from '../partner/request-relationship.js';
import { z } from 'zod';
import { button } from '../../../cards/button.js';
import { formatDate } from '../../../cards/format.js';
import { noticeCard } from '../../../cards/notice-card.js';
import { describeRefusal } from '../../../cards/refusal.js';
import { sectionsCard } from '../../../cards/sections-card.js';
import type { CardAttachment } from '../../../cards/render.js';
import type { Translator } from '../../../i18n/i18n.js';
import type { Acting } from '../../../services/invitations/invitations.js';
import { LeadBook } from '../../../services/directory/lead-book.js';
import { cardAction } from '../../card-actions.js';
import type { WorkflowFactory } from '../../workflow-module.js';
import { customerMay, partnerMay, recordTarget } from '../../permissions.js';
import { command, workflowCommand } from '../../command-handler.js';
import { FIND_VERBS } from './find-partner-cards.js';
import { FIND_PARTNER_DIALOG, FIND_STEP_VERBS, FindPartnerDialog } from './find-partner-dialog.js';

export { FIND_VERBS };

/** "Find a partner" for customer admins (a dialog), and "Leads" for the partner staff who manage them. */
export const findPartnerWorkflow: WorkflowFactory = (deps) => {
  const leads = new LeadBook(deps.store, deps.clock);

  async function leadsCard(acting: Acting, tr: Translator): Promise<CardAttachment> {
    const listed = await leads.list(acting);
    if (!listed.ok) return noticeCard(tr.t('command.leads.title'), describeRefusal(listed.refusal, tr), 'attention');
    if (listed.value.length === 0)
      return noticeCard(tr.t('leads.title', { org: acting.org.name }), tr.t('leads.none', { org: acting.org.name }));
    const sections = listed.value.map(({ lead, customer }) => ({
      heading: tr.t('leads.heading', {
        customer: customer?.name ?? lead.customerTenantId,
        status: tr.t(`leadStatus.${lead.status}`),
      }),
      facts: [
        { title: tr.t('leads.needs'), value: lead.needs },
        {
          title: tr.t('leads.contact'),
          value: [lead.contact.name, lead.contact.email, lead.contact.phone].filter(Boolean).join(' · '),
        },
        { title: tr.t('leads.received'), value: formatDate(lead.createdAt, tr) },
      ],
    }));
    // Buttons for the two newest open leads keep the card within what Teams shows without overflow.
    const actions = listed.value
      .filter(({ lead }) => lead.status === 'new' || lead.status === 'contacted')
      .slice(0, 2)
      .flatMap(({ lead, customer }) => {
        const name = customer?.name ?? '';
        return [
          ...(lead.status === 'new'
            ? [
                button(tr.t('leads.contacted', { customer: name }), FIND_VERBS.markLead, {
                  leadId: lead.id,
                  status: 'contacted',
                }),
              ]
            : []),
          button(tr.t('leads.invite', { customer: name }), FIND_VERBS.inviteLead, { leadId: lead.id }, 'positive'),
          button(
            tr.t('leads.decline', { customer: name }),
            FIND_VERBS.markLead,
            { leadId: lead.id, status: 'declined' },
            'destructive',
          ),
        ];
      });
    return sectionsCard(tr.t('leads.title', { org: acting.org.name }), '', sections, actions);
  }

  return {
    commands: [
      workflowCommand('find-partner', customerMay('find-partners'), FIND_PARTNER_DIALOG),
      command('leads', partnerMay('manage-leads'), async ({ context, session }) =>
        context.sendActivity({ attachments: [await leadsCard(session, session.tr)] }),
      ),
    ],
    cardActions: [
      ...FIND_STEP_VERBS,
      cardAction({
        verb: FIND_VERBS.markLead,
        permission: partnerMay('manage-leads', { target: recordTarget('leads', 'leadId', ['partner']) }),
        data: z.object({ leadId: z.string().min(1).max(100), status: z.enum(['contacted', 'declined']) }),
        async handle(_c, session, { leadId, status }) {
          const { tr } = session;
          const marked = await leads.mark(session, leadId, status);
          if (!marked.ok)
            return noticeCard(tr.t('command.leads.title'), describeRefusal(marked.refusal, tr), 'attention');
          return leadsCard(session, tr);
        },
      }),
      cardAction({
        verb: FIND_VERBS.inviteLead,
        permission: partnerMay('manage-leads', { target: recordTarget('leads', 'leadId', ['partner']) }),
        data: z.object({ leadId: z.string().min(1).max(100) }),
        async handle(context, session, { leadId }) {
          const { tr } = session;
          const listed = await leads.list(session);
          if (!listed.ok)
            return noticeCard(tr.t('command.leads.title'), describeRefusal(listed.refusal, tr), 'attention');
          const row = listed.value.find((r) => r.lead.id === leadId);
          if (!row)
            return noticeCard(
              tr.t('command.leads.title'),
              describeRefusal({ code: 'lead-not-found' }, tr),
              'attention',
            );
          const values = { customer: row.customer?.primaryDomain ?? '', leadId };
          return beginWorkflow(context, REQUEST_RELATIONSHIP_DIALOG, { values } satisfies RequestOptions);
        },
      }),
    ],
    dialogs: [new FindPartnerDialog(deps)],
  };
};
