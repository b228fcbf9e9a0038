import { z } from 'zod';
import { button } from '../../../cards/button.js';
import { describeAction } from '../../../cards/audit-words.js';
import { downloadCard, HELPDESK_VERBS, timelineCard } from '../../../cards/helpdesk-cards.js';
import { noticeCard } from '../../../cards/notice-card.js';
import { describeRefusal } from '../../../cards/refusal.js';
import type { CardAttachment } from '../../../cards/render.js';
import type { Translator } from '../../../i18n/i18n.js';
import { toCsv } from '../../../services/helpdesk/csv.js';
import { DownloadTooLargeError, type DownloadTokens } from '../../../services/helpdesk/downloads.js';
import { paginate } from '../../../services/relationships/relationship-lists.js';
import { TimelineService, type Timeline } from '../../../services/helpdesk/timeline.js';
import type { Store } from '../../../store/store.js';
import { cardAction, type CardActionHandler } from '../../card-actions.js';
import type { CommandRegistration } from '../../command-handler.js';
import type { Session } from '../../session.js';
import { VIEW_RELATIONSHIPS } from '../../permissions.js';
import { command } from '../../command-handler.js';

const TIMELINE_PAGE_SIZE = 10;

/** Columns of the export; the header is in the user's language, the date in ISO so spreadsheets sort it. */
export function timelineCsv(timeline: Timeline, tr: Translator): string {
  const header = ['date', 'what', 'who', 'organisation', 'subject'].map((c) => tr.t(`timeline.csv.${c}`));
  const rows = timeline.events.map((e) => [
    e.at,
    describeAction(e, tr),
    e.actor?.name ?? tr.t('status.system'),
    e.actor?.tenantId ?? '',
    `${e.target.type}/${e.target.id}`,
  ]);
  return toCsv([header, ...rows]);
}

/** "timeline contoso": who did what, newest first; "Export CSV" gives a ten-minute download link. */
export function timelineFeature(store: Store, publicUrl: string, downloads: DownloadTokens) {
  const timelines = new TimelineService(store);

  async function show(session: Session, query: string, page: number): Promise<CardAttachment> {
    const { tr } = session;
    if (!query.trim()) return noticeCard(tr.t('command.timeline.title'), tr.t('timeline.usage'), 'default');
    const found = await timelines.forQuery(session, query);
    if (!found.ok) return noticeCard(tr.t('command.timeline.title'), describeRefusal(found.refusal, tr), 'attention');
    if (found.value.kind === 'did-you-mean') {
      return noticeCard(
        tr.t('status.didYouMean'),
        tr.t('status.didYouMeanText', { query }),
        'default',
        [],
        found.value.candidates.map((o) =>
          button(`${o.name} (${o.primaryDomain})`, HELPDESK_VERBS.timeline, { query: o.primaryDomain, page: 1 }),
        ),
      );
    }
    const { timeline } = found.value;
    return timelineCard(timeline, paginate(timeline.events, page, TIMELINE_PAGE_SIZE), query, tr);
  }

  async function exportCsv(session: Session, query: string): Promise<CardAttachment> {
    const { tr } = session;
    const found = await timelines.forQuery(session, query);
    if (!found.ok) return noticeCard(tr.t('timeline.exportTitle'), describeRefusal(found.refusal, tr), 'attention');
    if (found.value.kind !== 'timeline') return show(session, query, 1);
    const { timeline } = found.value;
    const name =
      timeline.subject.kind === 'relationship' ? timeline.subject.relationship.id : timeline.subject.org.primaryDomain;
    // A byte-order mark so spreadsheet programs read the names as UTF-8.
    const body = '\uFEFF' + timelineCsv(timeline, tr);
    let link;
    try {
      link = await downloads.issue(`${session.user.tenantId}/${session.user.aadObjectId}`, {
        filename: `timeline-${name}.csv`,
        contentType: 'text/csv; charset=utf-8',
        body,
      });
    } catch (error) {
      if (!(error instanceof DownloadTooLargeError)) throw error;
      return noticeCard(tr.t('timeline.exportTitle'), tr.t('timeline.exportTooLarge'), 'attention');
    }
    return downloadCard(`${publicUrl}/downloads/${link.token}`, link.expiresAt, timeline.events.length, tr);
  }

  const commands: CommandRegistration[] = [
    command('timeline', VIEW_RELATIONSHIPS, async ({ context, session, args }) =>
      context.sendActivity({ attachments: [await show(session, args, 1)] }),
    ),
  ];
  const Query = z.string().min(1).max(200);
  const cardActions: CardActionHandler[] = [
    cardAction({
      verb: HELPDESK_VERBS.timeline,
      permission: VIEW_RELATIONSHIPS,
      data: z.object({ query: Query, page: z.coerce.number().int().min(1).max(10_000).default(1) }),
      handle: (_c, session, { query, page }) => show(session, query, page),
    }),
    cardAction({
      verb: HELPDESK_VERBS.exportCsv,
      permission: VIEW_RELATIONSHIPS,
      data: z.object({ query: Query }),
      handle: (_c, session, { query }) => exportCsv(session, query),
    }),
  ];
  return { commands, cardActions };
}
