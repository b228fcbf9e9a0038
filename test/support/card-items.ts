import { unescapeMarkdown, visibleText } from './activities.js';

export interface CardButton {
  title: string;
  verb: string;
  data: Record<string, unknown>;
}

export interface CardItem {
  heading: string;
  /** Everything the item shows: heading, facts, its buttons' titles. */
  text: string;
  buttons: CardButton[];
}

const buttonOf = (a: Record<string, unknown>): CardButton => ({
  title: unescapeMarkdown(String(a.title)),
  verb: String(a.verb),
  data: (a.data ?? {}) as Record<string, unknown>,
});

function contentOf(card: unknown): Record<string, unknown> {
  const c = card as Record<string, unknown>;
  return (c && 'content' in c ? c.content : c) as Record<string, unknown>;
}

/** The items of a list card as a person sees them: each heading with its own buttons. */
export function itemsOf(card: unknown): CardItem[] {
  const body = (contentOf(card).body ?? []) as Record<string, unknown>[];
  return body
    .filter((e) => e.type === 'Container')
    .map((container) => {
      const items = container.items as Record<string, unknown>[];
      const set = items.find((i) => i.type === 'ActionSet');
      return {
        heading: unescapeMarkdown(String(items[0]?.text ?? '')),
        text: visibleText(container),
        buttons: ((set?.actions ?? []) as Record<string, unknown>[]).map(buttonOf),
      };
    });
}

/** The buttons at the bottom of a card (paging, Approve / Reject…). */
export function buttonsOf(card: unknown): CardButton[] {
  return ((contentOf(card).actions ?? []) as Record<string, unknown>[]).map(buttonOf);
}
