import { randomUUID } from 'node:crypto';
import type { CardAttachment } from '../../cards/render.js';

/**
 * The field of every button's data that names the dialog step a card belongs to. A step that ends, or moves on,
 * takes its ticket with it: the same card submitted again, or an old copy, no longer matches and changes nothing.
 */
export const FORM_TICKET = 'formTicket';

export function newTicket(): string {
  return randomUUID();
}

/** A copy of the card whose every Action.Execute (in action sets and show-cards too) carries the ticket. */
export function stampTicket(card: CardAttachment, ticket: string): CardAttachment {
  const stamp = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(stamp);
    if (!node || typeof node !== 'object') return node;
    const copy: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) copy[key] = stamp(value);
    if (copy.type === 'Action.Execute') {
      copy.data = { ...((copy.data as Record<string, unknown> | undefined) ?? {}), [FORM_TICKET]: ticket };
    }
    return copy;
  };
  return { ...card, content: stamp(card.content) as Record<string, unknown> };
}

export function ticketOf(data: Record<string, unknown> | undefined): string | undefined {
  const ticket = data?.[FORM_TICKET];
  return typeof ticket === 'string' ? ticket : undefined;
}

/** A button's data without the ticket: what its verb's schema parses (the ticket is the dialog's, not the form's). */
export function withoutTicket(data: Record<string, unknown>): Record<string, unknown> {
  const { [FORM_TICKET]: _ticket, ...rest } = data;
  return rest;
}
