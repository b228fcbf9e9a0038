import { WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { z } from 'zod';
import { button } from '../../../cards/button.js';
import { noticeCard } from '../../../cards/notice-card.js';
import { describeRefusal } from '../../../cards/refusal.js';
import { translator } from '../../../i18n/i18n.js';
import { ContactForm, DirectorySearch, SearchForm } from '../../../services/directory/directory-search.js';
import type { Session } from '../../session.js';
import { sessionOf } from '../../session.js';
import { showCard } from '../../dialogs/card-reply.js';
import { isSubmitOf, stepVerb } from '../../dialogs/step-verb.js';
import { WorkflowDialog } from '../../dialogs/workflow-dialog.js';
import { customerMay } from '../../permissions.js';
import type { WorkflowDeps } from '../../workflow-module.js';
import { FIND_VERBS, resultsCard, searchForm } from './find-partner-cards.js';
import { choicesOf } from '../../../domain/choice-list.js';

export const FIND_PARTNER_DIALOG = 'find-partner';

const permission = customerMay('find-partners');
const SEARCH = stepVerb({ verb: FIND_VERBS.search, permission, data: SearchForm, workflow: 'find-partner' });
const CONTACT = stepVerb({ verb: FIND_VERBS.contact, permission, data: ContactForm, workflow: 'find-partner' });
const NEW_SEARCH = stepVerb({
  verb: FIND_VERBS.newSearch,
  permission,
  data: z.object({}).passthrough(),
  workflow: 'find-partner',
});
export const FIND_STEP_VERBS = [SEARCH, CONTACT, NEW_SEARCH];

interface FindValues {
  search: SearchForm;
  searchError: string;
  contact: ContactForm;
  contactError: string;
}

/**
 * "Find a partner": the search form, the partners that matched (New search goes back to the form as it was
 * typed), then "Contact selected providers", which leaves a lead with each chosen partner and tells its lead
 * managers. Only partners this search found can be contacted, whatever the card's data says.
 */
export class FindPartnerDialog extends WorkflowDialog {
  private readonly directory: DirectorySearch;

  constructor(private readonly deps: Pick<WorkflowDeps, 'store' | 'clock' | 'notifier' | 'config' | 'available'>) {
    super(
      {
        id: FIND_PARTNER_DIALOG,
        title: 'workflow.find-partner.title',
        command: 'find-partner',
        verbs: FIND_STEP_VERBS,
      },
      deps.available,
    );
    this.directory = new DirectorySearch(deps.store, deps.clock);
    const steps = [this.search.bind(this), this.results.bind(this), this.contacted.bind(this)];
    this.addDialog(new WaterfallDialog(`${FIND_PARTNER_DIALOG}.steps`, steps));
    this.initialDialogId = `${FIND_PARTNER_DIALOG}.steps`;
  }

  private async search(step: WaterfallStepContext) {
    const { tr } = sessionOf(step.context);
    const { search, searchError } = this.values<FindValues>(step);
    return this.askCard(step, searchForm(tr, search, searchError), [SEARCH], 'workflow.find-partner.step.search');
  }

  private async results(step: WaterfallStepContext) {
    const session = sessionOf(step.context);
    const { tr } = session;
    const values = this.values<FindValues>(step);
    // Reached from the search form (a submission), or again to redraw the results with a contact error.
    const submission = step.result ? this.submission(step) : undefined;
    if (submission && isSubmitOf(submission, SEARCH)) {
      values.search = submission.data as SearchForm;
      delete values.searchError;
      delete values.contact;
      delete values.contactError;
    }
    const found = await this.matches(session, values.search ?? SearchForm.parse({}));
    if (!found.ok) {
      values.searchError = found.error;
      return this.again(step);
    }
    const card = resultsCard(session, tr, found.matches, values.contact, values.contactError);
    return this.askCard(step, card, [CONTACT, NEW_SEARCH], 'workflow.find-partner.step.results');
  }

  private async contacted(step: WaterfallStepContext) {
    const session = sessionOf(step.context);
    const { tr } = session;
    const submission = this.submission(step);
    const values = this.values<FindValues>(step);
    if (!isSubmitOf(submission, CONTACT)) return this.again(step, 2);
    const contact = submission.data as ContactForm;
    values.contact = contact;
    const refuse = (error: string) => {
      values.contactError = error;
      return this.again(step);
    };
    const found = await this.matches(session, values.search ?? SearchForm.parse({}));
    const offered = new Set(found.ok ? found.matches.map((m) => m.partner.tenantId) : []);
    const chosen = choicesOf(contact.partners);
    if (chosen.some((p) => !offered.has(p))) return refuse(describeRefusal({ code: 'contact-partner-unknown' }, tr));
    const contacted = await this.directory.contact(session, contact, (tx, lead, _partner, staff) => {
      for (const person of staff) {
        const ptr = translator(person.language ?? this.deps.config.defaultLanguage);
        const card = noticeCard(
          ptr.t('lead.notify.title', { customer: session.org.name }),
          ptr.t('lead.notify.text', { name: lead.contact.name, customer: session.org.name, needs: lead.needs }),
          'default',
          [],
          [button(ptr.t('command.leads.title'), FIND_VERBS.markLead, { leadId: lead.id, status: 'contacted' })],
        );
        this.deps.notifier.enqueue(tx, person, 'lead.created', { card }, lead.id);
      }
    });
    if (!contacted.ok) return refuse(describeRefusal(contacted.refusal, tr));
    const facts = contacted.value.map((p) => ({ title: p.name, value: p.listing?.contact.email ?? p.primaryDomain }));
    await showCard(step.context, noticeCard(tr.t('find.sentTitle'), tr.t('find.sentText'), 'good', facts));
    return step.endDialog({ contacted: contacted.value.map((p) => p.tenantId) });
  }

  /** The search's partners, or what to say on the search form instead. */
  private async matches(session: Session, search: SearchForm) {
    const { tr } = session;
    const found = await this.directory.search(session, search);
    if (!found.ok) return { ok: false as const, error: describeRefusal(found.refusal, tr) };
    if (found.value.length === 0) return { ok: false as const, error: tr.t('find.noResults') };
    return { ok: true as const, matches: found.value };
  }
}
