import { hasKey, type Translator } from '../i18n/i18n.js';
import type { Refusal } from '../services/outcome.js';
import { formatDateTime } from './format.js';

// A `status` parameter is a record's state code: which words it has depends on what the refusal is about.
const STATUS_WORDS: readonly [prefix: string, keys: string][] = [
  ['invitation-', 'invitationStatus'],
  ['lead-', 'leadStatus'],
];

/** A refusal in the user's words: what is wrong and, where a role would allow it, which one. */
export function describeRefusal(refusal: Refusal, tr: Translator): string {
  const params: Record<string, string> = { ...(refusal.params ?? {}) };
  // Mid-sentence an action reads in lower case ("do not let you find and contact partners"), unlike its heading.
  if (params.action) params.action = translated(tr, `actionPhrase.${params.action}`, params.action);
  if (params.kind) params.kind = translated(tr, `kind.${params.kind}`, params.kind);
  const statusWords = STATUS_WORDS.find(([prefix]) => refusal.code.startsWith(prefix))?.[1];
  if (params.status && statusWords) params.status = translated(tr, `${statusWords}.${params.status}`, params.status);
  for (const name of ['cloud', 'partnerCloud', 'customerCloud']) {
    const cloud = params[name];
    if (cloud) params[name] = translated(tr, `cloud.${cloud}`, cloud);
  }
  if (params.types) {
    params.types = params.types
      .split(',')
      .map((type) => translated(tr, `relationshipType.${type}`, type))
      .join(', ');
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
