import type { ZodError } from 'zod';
import type { Translator } from '../i18n/i18n.js';
import { noticeCard } from './notice-card.js';
import type { CardAttachment } from './render.js';

/**
 * A card action whose data failed its schema: which fields, in the user's language. Zod's own messages are
 * English and may quote what was sent, so only the field names (the product's own) are shown.
 */
export function badPayloadCard(tr: Translator, error: ZodError): CardAttachment {
  // A path can hold a key the sender chose (a record's key): only names shaped like the product's own are shown.
  const fields = [
    ...new Set(
      error.issues.map((issue) => issue.path.join('.')).filter((path) => /^[A-Za-z][A-Za-z0-9_.-]{0,39}$/.test(path)),
    ),
  ].slice(0, 8);
  const problem = fields.length
    ? tr.t('card.error.badFields', { fields: fields.join(', ') })
    : tr.t('card.error.badData');
  return noticeCard(tr.t('card.error.title'), tr.t('card.error.badPayload', { problem }), 'attention');
}
