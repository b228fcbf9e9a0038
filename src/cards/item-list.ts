import type { Page } from '../services/relationships/relationship-lists.js';
import type { Translator } from '../i18n/i18n.js';
import { button } from './button.js';
import { renderCard, type CardAttachment } from './render.js';
import type { CardAction, Fact } from './templates.js';

/** A list where each item carries its own buttons, so two items of the same customer are never confused. */
export interface ItemListCard {
  title: string;
  text: string;
  items: { heading: string; facts: Fact[]; actions: CardAction[] }[];
  /** Previous / Next. */
  actions: CardAction[];
}

/** One page of items with their own buttons, "Showing 6–10 of 12" and Previous/Next, so every item is reachable. */
export function itemListCard(
  title: string,
  intro: string,
  items: ItemListCard['items'],
  page: Page<unknown>,
  pageVerb: string,
  tr: Translator,
  pageData: Record<string, unknown> = {},
): CardAttachment {
  const showing =
    page.pages > 1
      ? tr.t('list.showing', {
          first: page.first,
          last: page.last,
          total: page.total,
          page: page.page,
          pages: page.pages,
        })
      : '';
  const actions: CardAction[] = [];
  if (page.page > 1) actions.push(button(tr.t('list.previous'), pageVerb, { ...pageData, page: page.page - 1 }));
  if (page.page < page.pages) actions.push(button(tr.t('list.next'), pageVerb, { ...pageData, page: page.page + 1 }));
  const text = [intro, showing].filter(Boolean).join(' ');
  return renderCard('item-list', { title, text, items, actions });
}
