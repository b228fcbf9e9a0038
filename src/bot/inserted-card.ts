import type { Activity } from 'botbuilder';

const CARD_TYPES = ['application/vnd.microsoft.card.', 'text/html'];

/**
 * A message that is only a card someone inserted, such as the status card from the message extension: Teams
 * posts the card as an attachment and its HTML as the text. It asks nothing of the bot, so it is not read as a
 * command (it would be answered "I did not understand" with the card's markup).
 */
export function isInsertedCard(activity: Partial<Activity>): boolean {
  const attachments = activity.attachments ?? [];
  if (!attachments.some((a) => CARD_TYPES.some((type) => (a.contentType ?? '').startsWith(type)))) return false;
  const text = (activity.text ?? '').trim();
  const typed = text
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .trim();
  return typed === '' || text.startsWith('<');
}
