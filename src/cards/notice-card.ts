import type { Markdown } from './markdown.js';
import { renderCard, type CardAttachment } from './render.js';
import type { CardAction, Fact, NoticeCard } from './templates.js';

export function noticeCard(
  title: string,
  text: string | Markdown,
  tone: NoticeCard['tone'] = 'default',
  facts: Fact[] = [],
  actions: CardAction[] = [],
): CardAttachment {
  return renderCard('notice', { title, text, tone, facts, actions });
}
