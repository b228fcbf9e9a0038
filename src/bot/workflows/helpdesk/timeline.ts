import { WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { z } from 'zod';
import { downloadCard, HELPDESK_VERBS, timelineCard } from '../../../cards/helpdesk-cards.js';
import { noticeCard } from '../../../cards/notice-card.js';
import { describeRefusal } from '../../../cards/refusal.js';
import type { CardAttachment } from '../../../cards/render.js';
import { DownloadTooLargeError, type DownloadTokens } from '../../../services/helpdesk/downloads.js';
import { TimelineService } from '../../../services/helpdesk/timeline.js';
import { timelineCsv } from './timeline-csv.js';
import { readOnlyCommand } from './read-only-command.js';
import { showCard } from '../../dialogs/card-reply.js';
import { stepVerb } from '../../dialogs/step-verb.js';
import { WorkflowDialog } from '../../dialogs/workflow-dialog.js';
import { VIEW_RELATIONSHIPS } from '../../permissions.js';
import type { Session } from '../../session.js';
import { sessionOf } from '../../session.js';
import type { WorkflowDeps } from '../../workflow-module.js';
import { chosenOf, didYouMeanCard, offeredOf, type ChoiceValues } from './did-you-mean.js';

export const TIMELINE_DIALOG = 'timeline';
const TIMELINE_PAGE_SIZE = 10;

const CHOOSE = stepVerb({
  verb: HELPDESK_VERBS.timelineChoose,
  permission: VIEW_RELATIONSHIPS,
  data: z.object({ customer: z.string().min(1).max(200) }),
  workflow: 'timeline',
});
const PAGE = stepVerb({
  verb: HELPDESK_VERBS.timeline,
  permission: VIEW_RELATIONSHIPS,
  data: z.object({ page: z.coerce.number().int().min(1).max(10_000).default(1) }),
  workflow: 'timeline',
});
const EXPORT = stepVerb({
  verb: HELPDESK_VERBS.exportCsv,
  permission: VIEW_RELATIONSHIPS,
  data: z.object({}),
  workflow: 'timeline',
});

interface TimelineValues extends ChoiceValues {
  page: number;
}

/**
 * "timeline contoso": who did what, newest first, a page at a time; "did you mean" first when the name matches
 * several organisations; "Export CSV" ends it with a ten-minute download link. What the timeline is of is what
 * was typed (or chosen), kept with the dialog: the page buttons carry only the page.
 */
export class TimelineDialog extends WorkflowDialog {
  private readonly timelines: TimelineService;

  constructor(
    deps: WorkflowDeps,
    private readonly publicUrl: string,
    private readonly downloads: DownloadTokens,
  ) {
    super(
      {
        id: TIMELINE_DIALOG,
        title: 'workflow.timeline.title',
        command: 'timeline',
        verbs: [CHOOSE, PAGE, EXPORT],
        readOnly: true,
      },
      deps.available,
    );
    this.timelines = new TimelineService(deps.store);
    this.addDialog(new WaterfallDialog(`${TIMELINE_DIALOG}.steps`, [this.show.bind(this), this.clicked.bind(this)]));
    this.initialDialogId = `${TIMELINE_DIALOG}.steps`;
  }

  private query(step: WaterfallStepContext): string {
    return this.values<TimelineValues>(step).choice ?? (step.options as { args?: string } | undefined)?.args ?? '';
  }

  private async show(step: WaterfallStepContext) {
    const session = sessionOf(step.context);
    const { tr } = session;
    const values = this.values<TimelineValues>(step);
    const query = this.query(step);
    const end = async (card: CardAttachment) => {
      await showCard(step.context, card);
      return step.endDialog();
    };
    if (!query.trim()) return end(noticeCard(tr.t('command.timeline.title'), tr.t('timeline.usage'), 'default'));
    const found = await this.timelines.forQuery(session, query);
    if (!found.ok) {
      return end(noticeCard(tr.t('command.timeline.title'), describeRefusal(found.refusal, tr), 'attention'));
    }
    if (found.value.kind === 'did-you-mean') {
      values.offered = offeredOf(found.value.candidates);
      const card = didYouMeanCard(tr, tr.t('status.didYouMeanText', { query }), values.offered, CHOOSE.verb);
      return this.askCard(step, card, [CHOOSE], 'workflow.timeline.step.choice');
    }
    const { timeline } = found.value;
    const page = await this.timelines.page(timeline, values.page ?? 1, TIMELINE_PAGE_SIZE);
    const card = timelineCard(timeline, page, tr);
    // An empty timeline has no page to turn and nothing to export.
    if (page.total === 0) return end(card);
    return this.askCard(step, card, [PAGE, EXPORT], 'workflow.timeline.step.page');
  }

  private async clicked(step: WaterfallStepContext) {
    const submission = this.submission(step);
    const values = this.values<TimelineValues>(step);
    if (submission.verb === CHOOSE.verb) {
      const choice = chosenOf(values, (submission.data as z.infer<typeof CHOOSE.data>).customer);
      if (choice) values.choice = choice;
      return this.again(step);
    }
    if (submission.verb === PAGE.verb) {
      values.page = (submission.data as z.infer<typeof PAGE.data>).page;
      return this.again(step);
    }
    await showCard(step.context, await this.exportCsv(sessionOf(step.context), this.query(step)));
    return step.endDialog();
  }

  private async exportCsv(session: Session, query: string): Promise<CardAttachment> {
    const { tr } = session;
    const found = await this.timelines.forQuery(session, query);
    if (!found.ok) return noticeCard(tr.t('timeline.exportTitle'), describeRefusal(found.refusal, tr), 'attention');
    if (found.value.kind !== 'timeline')
      return noticeCard(tr.t('timeline.exportTitle'), tr.t('timeline.usage'), 'attention');
    const { timeline } = found.value;
    const name =
      timeline.subject.kind === 'relationship' ? timeline.subject.relationship.id : timeline.subject.org.primaryDomain;
    const tooLarge = () => noticeCard(tr.t('timeline.exportTitle'), tr.t('timeline.exportTooLarge'), 'attention');
    const csv = await timelineCsv(this.timelines.newestFirst(timeline), tr, this.downloads.maxChars);
    if (!csv) return tooLarge();
    let link;
    try {
      link = await this.downloads.issue(`${session.user.tenantId}/${session.user.aadObjectId}`, {
        filename: `timeline-${name}.csv`,
        contentType: 'text/csv; charset=utf-8',
        // A byte-order mark so spreadsheet programs read the names as UTF-8.
        body: '\uFEFF' + csv.text,
      });
    } catch (error) {
      if (!(error instanceof DownloadTooLargeError)) throw error;
      return tooLarge();
    }
    return downloadCard(`${this.publicUrl}/downloads/${link.token}`, link.expiresAt, csv.rows, tr);
  }
}

export function timelineFeature(deps: WorkflowDeps) {
  return {
    commands: [readOnlyCommand('timeline', VIEW_RELATIONSHIPS, TIMELINE_DIALOG)],
    cardActions: [CHOOSE, PAGE, EXPORT],
    dialogs: [new TimelineDialog(deps, deps.config.publicUrl, deps.downloads)],
  };
}
