import { hasKey, type Translator } from '../i18n/i18n.js';
import type { Refusal } from '../services/outcome.js';
import { formatDateTime } from './format.js';

/** A refusal in the user's words: what is wrong and, where a role would allow it, which one. */
export function describeRefusal(refusal: Refusal, tr: Translator): string {
  const params: Record<string, string> = { ...(refusal.params ?? {}) };
  if (params.action) params.action = translated(tr, `action.${params.action}`, params.action);
  for (const name of ['cloud', 'partnerCloud', 'customerCloud']) {
    const cloud = params[name];
    if (cloud) params[name] = translated(tr, `cloud.${cloud}`, cloud);
  }
  if (params.at && !Number.isNaN(Date.parse(params.at))) params.at = formatDateTime(params.at, tr);
  // A code without words (a new one, or one built from a validation message) still gets a sentence, not a crash.
  const key = hasKey(`refusal.${refusal.code}`) ? `refusal.${refusal.code}` : 'refusal.unknown';
  const text = tr.t(key, params);
  if (!refusal.neededRoles?.length) return text;
  const roles = refusal.neededRoles.map((r) => translated(tr, `role.${r}`, r)).join(tr.t('refusal.or'));
  return `${text} ${tr.t('refusal.neededRoles', { roles })}`;
}

function translated(tr: Translator, key: string, fallback: string): string {
  return hasKey(key) ? tr.t(key) : fallback;
}
