import { button } from '../../../cards/button.js';
import { choiceField, formCard, textField } from '../../../cards/form-card.js';
import { describeRefusal } from '../../../cards/refusal.js';
import type { CardAttachment } from '../../../cards/render.js';
import { OrganizationSize } from '../../../domain/model.js';
import { plural, type Translator } from '../../../i18n/i18n.js';
import type { ContactForm, PartnerMatch, SearchForm } from '../../../services/directory/directory-search.js';
import type { Acting } from '../../../services/invitations/invitations.js';

export const FIND_VERBS = {
  search: 'find.search',
  contact: 'find.contact',
  newSearch: 'find.new',
  markLead: 'lead.mark',
  inviteLead: 'lead.invite',
} as const;

/** The first page of "Find a partner": where, how big, which services. */
export function searchForm(tr: Translator, values: Partial<SearchForm> = {}, error?: string): CardAttachment {
  return formCard(
    tr.t('find.title'),
    tr.t('find.text'),
    [
      textField('location', tr.t('find.location'), values.location ?? '', 'US'),
      choiceField(
        'size',
        tr.t('find.size'),
        [{ title: tr.t('find.size.any'), value: '' }, ...OrganizationSize.options.map((s) => ({ title: s, value: s }))],
        values.size ?? '',
        { required: false },
      ),
      textField('keywords', tr.t('find.keywords'), values.keywords ?? '', 'security, teams'),
    ],
    [button(tr.t('find.search'), FIND_VERBS.search, {}, 'positive')],
    error,
  );
}

function why(m: PartnerMatch, tr: Translator): string {
  return [
    m.reasons.location ? tr.t('find.why.location', { location: m.reasons.location }) : '',
    m.reasons.size ? tr.t('find.why.size', { size: m.reasons.size }) : '',
    m.reasons.keywords.length ? tr.t('find.why.keywords', { keywords: m.reasons.keywords.join(', ') }) : '',
  ]
    .filter(Boolean)
    .join('; ');
}

/** The second page: the partners that matched, best first, and who the partners should contact. */
export function resultsCard(
  acting: Acting,
  tr: Translator,
  matches: PartnerMatch[],
  values: Partial<ContactForm> = {},
  error?: string,
): CardAttachment {
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
      button(tr.t('find.contact'), FIND_VERBS.contact, {}, 'positive'),
      // Back to the search, with what was typed in it.
      button(tr.t('find.newSearch'), FIND_VERBS.newSearch),
    ],
    error,
  );
}
