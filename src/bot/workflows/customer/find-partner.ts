import { beginWorkflow } from '../../dialogs/workflow-stack.js';
import { REQUEST_RELATIONSHIP_DIALOG, type RequestOptions } from '../partner/request-relationship.js';
import { z } from 'zod';
import { button } from '../../../cards/button.js';
import { choiceField, formCard, textField } from '../../../cards/form-card.js';
import { formatDate } from '../../../cards/format.js';
import { noticeCard } from '../../../cards/notice-card.js';
import { describeRefusal } from '../../../cards/refusal.js';
import { sectionsCard } from '../../../cards/sections-card.js';
import type { CardAttachment } from '../../../cards/render.js';
import { OrganizationSize } from '../../../domain/model.js';
import { plural, translator, type Translator } from '../../../i18n/i18n.js';
import {
  ContactForm,
  DirectorySearch,
  SearchForm,
  type PartnerMatch,
} from '../../../services/directory/directory-search.js';
import type { Acting } from '../../../services/invitations/invitations.js';
import { LeadBook } from '../../../services/directory/lead-book.js';
import { cardAction } from '../../card-actions.js';
import type { WorkflowFactory } from '../../workflow-module.js';
import { customerMay, partnerMay, recordTarget } from '../../permissions.js';
import { command } from '../../command-handler.js';

export const FIND_VERBS = {
  search: 'find.search',
  contact: 'find.contact',
  newSearch: 'find.new',
  markLead: 'lead.mark',
  inviteLead: 'lead.invite',
} as const;

/** "Find a partner" for customer admins, and "Leads" for the partner staff who manage them. */
export const findPartnerWorkflow: WorkflowFactory = ({ store, clock, notifier, config }) => {
  const directory = new DirectorySearch(store, clock);
  const leads = new LeadBook(store, clock);

  function searchForm(tr: Translator, values: Partial<SearchForm> = {}, error?: string): CardAttachment {
    return formCard(
      tr.t('find.title'),
      tr.t('find.text'),
      [
        textField('location', tr.t('find.location'), values.location ?? '', 'US'),
        choiceField(
          'size',
          tr.t('find.size'),
          [
            { title: tr.t('find.size.any'), value: '' },
            ...OrganizationSize.options.map((s) => ({ title: s, value: s })),
          ],
          values.size ?? '',
          { required: false },
        ),
        textField('keywords', tr.t('find.keywords'), values.keywords ?? '', 'security, teams'),
      ],
      [button(tr.t('find.search'), FIND_VERBS.search, {}, 'positive')],
      error,
    );
  }

  const why = (m: PartnerMatch, tr: Translator) =>
    [
      m.reasons.location ? tr.t('find.why.location', { location: m.reasons.location }) : '',
      m.reasons.size ? tr.t('find.why.size', { size: m.reasons.size }) : '',
      m.reasons.keywords.length ? tr.t('find.why.keywords', { keywords: m.reasons.keywords.join(', ') }) : '',
    ]
      .filter(Boolean)
      .join('; ');

  function resultsCard(
    acting: Acting,
    tr: Translator,
    matches: PartnerMatch[],
    search: SearchForm,
    values: Partial<ContactForm> = {},
    error?: string,
  ) {
    return formCard(
      tr.t('find.results'),
      tr.t('find.resultsText', { matches: plural(tr, 'count.partnersMatch', matches.length) }),
      [
        choiceField(
          'partners',
          tr.t('find.partners'),
          matches.map((m) => ({
            title: tr.t('find.match', { name: m.partner.name, why: why(m, tr) }),
            value: m.partner.tenantId,
          })),
          values.partners ?? '',
          { multiSelect: true, requiredMessage: describeRefusal({ code: 'contact-choose-partner' }, tr) },
        ),
        textField(
          'needs',
          tr.t('find.needs'),
          values.needs ?? '',
          '',
          describeRefusal({ code: 'contact-needs-required' }, tr),
        ),
        textField('contactName', tr.t('find.contactName'), values.contactName ?? acting.user.name),
        textField('contactEmail', tr.t('find.contactEmail'), values.contactEmail ?? acting.user.email),
        textField('contactPhone', tr.t('find.contactPhone'), values.contactPhone ?? ''),
      ],
      [
        button(tr.t('find.contact'), FIND_VERBS.contact, { ...search }, 'positive'),
        button(tr.t('find.newSearch'), FIND_VERBS.newSearch),
      ],
      error,
    );
  }

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
      command('find-partner', customerMay('find-partners'), async ({ context, session }) =>
        context.sendActivity({ attachments: [searchForm(session.tr)] }),
      ),
      command('leads', partnerMay('manage-leads'), async ({ context, session }) =>
        context.sendActivity({ attachments: [await leadsCard(session, session.tr)] }),
      ),
    ],
    cardActions: [
      cardAction({
        verb: FIND_VERBS.newSearch,
        permission: customerMay('find-partners'),
        data: z.object({}).passthrough(),
        handle: async (_c, s) => searchForm(s.tr),
      }),
      cardAction({
        verb: FIND_VERBS.search,
        permission: customerMay('find-partners'),
        data: SearchForm,
        async handle(_c, session, search) {
          const { tr } = session;
          const found = await directory.search(session, search);
          if (!found.ok) return searchForm(tr, search, describeRefusal(found.refusal, tr));
          if (found.value.length === 0) return searchForm(tr, search, tr.t('find.noResults'));
          return resultsCard(session, tr, found.value, search);
        },
      }),
      cardAction({
        verb: FIND_VERBS.contact,
        permission: customerMay('find-partners'),
        data: SearchForm.merge(ContactForm),
        async handle(_c, session, values) {
          const { tr } = session;
          const search = SearchForm.parse(values);
          const contacted = await directory.contact(session, values, (tx, lead, partner, staff) => {
            for (const person of staff) {
              const ptr = translator(person.language ?? config.defaultLanguage);
              const card = noticeCard(
                ptr.t('lead.notify.title', { customer: session.org.name }),
                ptr.t('lead.notify.text', { name: lead.contact.name, customer: session.org.name, needs: lead.needs }),
                'default',
                [],
                [button(ptr.t('command.leads.title'), FIND_VERBS.markLead, { leadId: lead.id, status: 'contacted' })],
              );
              notifier.enqueue(tx, person, 'lead.created', { card }, lead.id);
            }
          });
          if (!contacted.ok) {
            const found = await directory.search(session, search);
            return found.ok && found.value.length
              ? resultsCard(session, tr, found.value, search, values, describeRefusal(contacted.refusal, tr))
              : searchForm(tr, search, describeRefusal(contacted.refusal, tr));
          }
          return noticeCard(
            tr.t('find.sentTitle'),
            tr.t('find.sentText'),
            'good',
            contacted.value.map((p) => ({ title: p.name, value: p.listing?.contact.email ?? p.primaryDomain })),
          );
        },
      }),
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
  };
};
