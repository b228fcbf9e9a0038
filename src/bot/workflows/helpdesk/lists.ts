import { z } from 'zod';
import { HELPDESK_VERBS, listCard } from '../../../cards/helpdesk-cards.js';
import { noticeCard } from '../../../cards/notice-card.js';
import { describeRefusal } from '../../../cards/refusal.js';
import type { CardAttachment } from '../../../cards/render.js';
import { RelationshipStatus } from '../../../domain/model.js';
import { translator } from '../../../i18n/i18n.js';
import { LIST_KINDS, RelationshipLists, type ListKind } from '../../../services/relationships/relationship-lists.js';
import { foldText } from '../../../services/relationships/status.js';
import type { Store } from '../../../store/store.js';
import { cardAction, type CardActionHandler } from '../../card-actions.js';
import type { CommandHandler, CommandRegistration } from '../../command-handler.js';
import type { Session } from '../../session.js';
import { VIEW_RELATIONSHIPS } from '../../permissions.js';
import { command } from '../../command-handler.js';

/** "relationships active" or "relaciones vencida": a state in either language, by its label or its id. */
export function parseState(text: string): string {
  const wanted = foldText(text);
  if (!wanted) return '';
  for (const state of RelationshipStatus.options) {
    const names = [
      state,
      ...['en', 'es'].map((l) => foldText(translator(l as 'en' | 'es').t(`relationshipStatus.${state}`))),
    ];
    if (names.some((n) => n === wanted || n.replace(/a$/, 'o') === wanted.replace(/a$/, 'o'))) return state;
  }
  return text.trim();
}

/** Pending invitations, expiring access, customers without the MCA, relationships by state: paged in the card. */
export function listsFeature(store: Store, clock: () => Date) {
  const lists = new RelationshipLists(store, clock);

  async function show(session: Session, kind: ListKind, page: number, state?: string): Promise<CardAttachment> {
    const { tr } = session;
    const rows = await lists.list(session, kind, page, state);
    if (!rows.ok)
      return noticeCard(tr.t(`list.${kind}.title`, { state: '' }), describeRefusal(rows.refusal, tr), 'attention');
    return listCard({ rows: rows.value }, tr);
  }

  const showList =
    (kind: ListKind): CommandHandler =>
    async ({ context, session, args }) =>
      context.sendActivity({
        attachments: [await show(session, kind, 1, kind === 'by-state' ? parseState(args) : undefined)],
      });

  const commands: CommandRegistration[] = [
    command('pending', VIEW_RELATIONSHIPS, showList('pending')),
    command('expiring', VIEW_RELATIONSHIPS, showList('expiring')),
    command('no-mca', VIEW_RELATIONSHIPS, showList('no-mca')),
    command('relationships', VIEW_RELATIONSHIPS, showList('by-state')),
  ];
  const cardActions: CardActionHandler[] = [
    cardAction({
      verb: HELPDESK_VERBS.list,
      permission: VIEW_RELATIONSHIPS,
      data: z.object({
        list: z.enum(LIST_KINDS),
        page: z.coerce.number().int().min(1).max(10_000).default(1),
        state: z.string().max(40).default(''),
      }),
      handle: (_c, session, { list, page, state }) => show(session, list, page, state),
    }),
  ];
  return { commands, cardActions };
}
