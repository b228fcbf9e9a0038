import type { Language } from '../domain/model.js';
import { t } from '../i18n/i18n.js';
import { redactTokens, tokensIn } from '../services/invitations/invitation-token.js';

function* stringsOf(value: unknown): Generator<string> {
  if (typeof value === 'string') yield value;
  else if (Array.isArray(value)) for (const item of value) yield* stringsOf(item);
  else if (value && typeof value === 'object') for (const item of Object.values(value)) yield* stringsOf(item);
}

function redacted(value: unknown, tokens: ReadonlySet<string>): unknown {
  if (typeof value === 'string') return redactTokens(value, tokens);
  if (Array.isArray(value)) return value.map((item) => redacted(item, tokens));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, redacted(item, tokens)]));
  }
  return value;
}

/**
 * An invoke response as the activity ledger may keep it: every invitation token (link or code) replaced,
 * and the card saying why it is missing, since a re-delivery from the store shows this copy.
 */
export function redactedResponse(response: unknown, language: Language): unknown {
  const tokens = tokensIn(stringsOf(response));
  if (tokens.size === 0) return response;
  const copy = redacted(response, tokens) as { body?: { value?: { body?: unknown[] } } };
  const card = copy.body?.value;
  if (card && Array.isArray(card.body)) {
    card.body.push({ type: 'TextBlock', text: t(language, 'redelivery.codeHidden'), wrap: true, isSubtle: true });
  }
  return copy;
}
