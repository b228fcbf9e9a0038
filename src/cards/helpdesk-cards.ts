import type { AuditEvent } from '../domain/model.js';
import { plural, type Translator } from '../i18n/i18n.js';
import type { CanWeAnswer } from '../services/helpdesk/can-we.js';
import type { ListKind, ListRows, Page } from '../services/relationships/relationship-lists.js';
import type { Timeline } from '../services/helpdesk/timeline.js';
import { whoCanWords } from './who-can-words.js';
import { relationshipLabel } from '../services/relationships/relationship-names.js';
import { TASKS, type TaskDefinition } from '../services/helpdesk/task-roles.js';
import { typesWithRight } from '../domain/relationship-types.js';
import { typeMeaning } from './type-meaning.js';
import { describeAction, liveRelationshipTypes } from './audit-words.js';
import { button } from './button.js';
import { adminRoleNames, formatDate, formatDateTime, relationshipTypes } from './format.js';
import { trustedMarkdown } from './markdown.js';
import { noticeCard } from './notice-card.js';
import type { CardAttachment } from './render.js';
import { sectionsCard } from './sections-card.js';
import type { CardAction, Fact } from './templates.js';

export const HELPDESK_VERBS = {
  timeline: 'helpdesk.timeline',
  timelineChoose: 'helpdesk.timeline.choose',
  exportCsv: 'helpdesk.export',
  canWe: 'helpdesk.can-we',
} as const;

/** Each list's Previous/Next: a verb of its own, so an old page of one list names that list to type again. */
export const LIST_PAGE_VERBS: Record<ListKind, string> = {
  pending: 'helpdesk.list.pending',
  expiring: 'helpdesk.list.expiring',
  'no-mca': 'helpdesk.list.no-mca',
  'by-state': 'helpdesk.list.by-state',
};

/** The answer to "can we…": yes with the role and until when, or no with what to request. */
export function canWeCard(answer: Exclude<CanWeAnswer, { kind: 'did-you-mean' }>, tr: Translator): CardAttachment {
  const task = tr.t(`task.${answer.task.id}`);
  const least = leastFor(answer.task, tr);
  if (answer.kind === 'yes' && answer.type) {
    const type = tr.t(`relationshipType.${answer.type}`);
    return noticeCard(
      tr.t('canWe.yesTitle', { customer: answer.customer.name }),
      tr.t('canWe.yesByType', { task, type, customer: answer.customer.name, meaning: typeMeaning(answer.type, tr) }),
      'good',
      [
        { title: tr.t('canWe.task'), value: task },
        { title: tr.t('canWe.grantedByType'), value: type },
        { title: tr.t('status.since'), value: formatDate(answer.relationship.createdAt, tr) },
      ],
    );
  }
  if (answer.kind === 'yes') {
    const facts: Fact[] = [
      { title: tr.t('canWe.task'), value: task },
      { title: tr.t('canWe.grantedBy'), value: adminRoleNames(answer.role ? [answer.role] : [], tr) },
      { title: tr.t('canWe.until'), value: formatDate(answer.until!, tr) },
      { title: tr.t('status.autoExtend'), value: answer.autoExtend ? tr.t('common.yes') : tr.t('common.no') },
      { title: tr.t('canWe.leastRole'), value: least },
    ];
    const you = whoCanWords(answer, tr);
    if (you) facts.push(you.fact);
    const yes = tr.t('canWe.yesText', { task, customer: answer.customer.name, date: formatDate(answer.until!, tr) });
    return noticeCard(
      tr.t('canWe.yesTitle', { customer: answer.customer.name }),
      you ? `${yes} ${you.text}` : yes,
      !you || you.usable ? 'good' : 'warning',
      facts,
    );
  }
  const facts: Fact[] = [
    { title: tr.t('canWe.task'), value: task },
    {
      title: tr.t('canWe.held'),
      value: answer.heldRoles.length ? adminRoleNames(answer.heldRoles, tr) : tr.t('common.none'),
    },
    { title: tr.t('canWe.request'), value: least },
  ];
  return noticeCard(
    tr.t('canWe.noTitle', { customer: answer.customer.name }),
    tr.t(`canWe.no.${answer.reason}`, { task, customer: answer.customer.name, role: least }),
    'warning',
    facts,
  );
}

/** What to request for a task: its least-privileged role, or for a task no role is for, the type whose right it is. */
function leastFor(task: TaskDefinition, tr: Translator): string {
  if (task.least) return adminRoleNames([task.least], tr);
  const [type] = task.right ? typesWithRight(task.right) : [];
  return type ? tr.t('canWe.typeToRequest', { type: tr.t(`relationshipType.${type}`) }) : tr.t('common.none');
}

/** When the task was not understood: the tasks it knows, in the user's words. */
export function canWeHelpCard(text: string, tr: Translator): CardAttachment {
  const tasks = TASKS.map((t) => ({ title: tr.t(`task.${t.id}`), value: leastFor(t, tr) }));
  return noticeCard(tr.t('command.can-we.title'), text, 'default', tasks);
}

export interface ListView {
  rows: ListRows;
}

/** A list page: every item of this page, "6–10 of 12", and Previous/Next so nothing is cut silently. */
export function listCard({ rows }: ListView, tr: Translator): CardAttachment {
  const sections = sectionsOf(rows, tr);
  const { page } = rows;
  const title = tr.t(`list.${rows.kind}.title`, {
    state: rows.kind === 'by-state' && rows.state ? tr.t(`relationshipStatus.${rows.state}`) : '',
  });
  const text =
    page.total === 0
      ? tr.t(`list.${rows.kind}.empty`)
      : [
          tr.t('list.showing', {
            first: page.first,
            last: page.last,
            total: page.total,
            page: page.page,
            pages: page.pages,
          }),
          ...orderOf(rows, tr),
        ].join(' ');
  return sectionsCard(title, text, sections, pagerButtons(page, LIST_PAGE_VERBS[rows.kind], tr));
}

/** The order a list shows, said in words where the reader could not guess it (by-state is not by name). */
function orderOf(rows: ListRows, tr: Translator): string[] {
  if (rows.kind === 'no-mca') return [tr.t('list.no-mca.order')];
  if (rows.kind !== 'by-state') return [];
  return [tr.t(rows.state ? 'list.by-state.orderInState' : 'list.by-state.order')];
}

/** The list and its filter stay with the dialog step that shows the page; a button carries only its page. */
function pagerButtons(page: Page<unknown>, verb: string, tr: Translator): CardAction[] {
  const actions: CardAction[] = [];
  if (page.page > 1) actions.push(button(tr.t('list.previous'), verb, { page: page.page - 1 }));
  if (page.page < page.pages) actions.push(button(tr.t('list.next'), verb, { page: page.page + 1 }));
  return actions;
}

function sectionsOf(rows: ListRows, tr: Translator): { heading: string; facts: Fact[] }[] {
  switch (rows.kind) {
    case 'pending':
      return rows.page.items.map(({ invitation: i, counterpart, ageDays, daysLeft }) => ({
        heading: counterpart,
        facts: [
          { title: tr.t('status.types'), value: relationshipTypes(i.relationshipTypes, tr) },
          {
            title: tr.t('list.age'),
            value: tr.t('list.ageValue', { age: plural(tr, 'count.daysOld', ageDays), left: daysLeft }),
          },
          { title: tr.t('status.state'), value: tr.t(`invitationStatus.${i.status}`) },
          { title: tr.t('list.expires'), value: formatDate(i.expiresAt, tr) },
        ],
      }));
    case 'no-mca':
      return rows.page.items.map(({ relationship: r, customer, partner }) => ({
        heading: `${customer.name} (${customer.primaryDomain})`,
        facts: [
          { title: tr.t('status.mcaHeading'), value: tr.t('status.mcaMissing') },
          ...(partner ? [{ title: tr.t('list.no-mca.partner'), value: partner.name }] : []),
          ...(r.displayName ? [{ title: tr.t('status.name'), value: r.displayName }] : []),
          { title: tr.t('status.types'), value: relationshipTypes(liveRelationshipTypes(r), tr) },
          { title: tr.t('status.state'), value: tr.t(`relationshipStatus.${r.status}`) },
          { title: tr.t('status.since'), value: formatDate(r.createdAt, tr) },
        ],
      }));
    case 'expiring':
    case 'by-state':
      return rows.page.items.map(({ relationship: r, counterpart, daysLeft }) => {
        const facts: Fact[] = [
          ...(r.displayName ? [{ title: tr.t('status.name'), value: r.displayName }] : []),
          { title: tr.t('status.state'), value: tr.t(`relationshipStatus.${r.status}`) },
          { title: tr.t('status.types'), value: relationshipTypes(liveRelationshipTypes(r), tr) },
        ];
        const access = r.adminAccess;
        if (access && !access.removedAt) {
          facts.push(
            { title: tr.t('status.roles'), value: adminRoleNames(access.roles, tr) },
            {
              title: tr.t('status.ends'),
              value: tr.t('status.endsIn', {
                date: formatDate(access.endAt, tr),
                daysLeft: plural(tr, 'count.daysLeft', Math.max(0, daysLeft ?? 0)),
              }),
            },
            { title: tr.t('status.autoExtend'), value: access.autoExtend ? tr.t('common.yes') : tr.t('common.no') },
          );
        } else facts.push({ title: tr.t('status.roles'), value: tr.t('status.noRoles') });
        return { heading: counterpart.name, facts };
      });
  }
}

/** Newest first, with who did what; a page at a time, and a button for the CSV export. Never a link or token. */
export function timelineCard(timeline: Timeline, page: Page<AuditEvent>, tr: Translator): CardAttachment {
  const subject = timeline.subject;
  // A relationship's timeline is titled with its name, so two relationships with one customer are told apart.
  const name =
    subject.kind === 'relationship'
      ? relationshipLabel(subject.relationship, subject.counterpart.name)
      : subject.org.name;
  const facts: Fact[] = page.items.map((e) => ({
    title: formatDateTime(e.at, tr),
    value: tr.t('timeline.line', { action: describeAction(e, tr), name: e.actor?.name ?? tr.t('status.system') }),
  }));
  const text =
    page.total === 0
      ? tr.t('timeline.empty', { org: name })
      : tr.t('list.showing', {
          first: page.first,
          last: page.last,
          total: page.total,
          page: page.page,
          pages: page.pages,
        });
  // What the timeline is of stays with the dialog step showing it: the buttons carry only the page.
  const actions: CardAction[] = [];
  if (page.page > 1) actions.push(button(tr.t('list.previous'), HELPDESK_VERBS.timeline, { page: page.page - 1 }));
  if (page.page < page.pages) actions.push(button(tr.t('list.next'), HELPDESK_VERBS.timeline, { page: page.page + 1 }));
  if (page.total > 0) actions.push(button(tr.t('timeline.export'), HELPDESK_VERBS.exportCsv, {}));
  return sectionsCard(
    tr.t('timeline.title', { org: name }),
    text,
    facts.length ? [{ heading: tr.t('timeline.heading'), facts }] : [],
    actions,
  );
}

/** The CSV is ready: a link that works for ten minutes. */
export function downloadCard(url: string, expiresAt: Date, count: number, tr: Translator): CardAttachment {
  return noticeCard(
    tr.t('timeline.exportTitle'),
    // The one markdown text the product writes: the link is its own, made for this download.
    trustedMarkdown(
      tr.t('timeline.exportText', {
        url,
        events: plural(tr, 'count.events', count),
        at: formatDateTime(expiresAt, tr),
      }),
    ),
    'good',
  );
}
