import type { Translator } from '../i18n/i18n.js';
import type { Refusal } from '../services/outcome.js';
import { formatDateTime } from './format.js';

/** A refusal in the user's words: what is wrong and, where a role would allow it, which one. */
export function describeRefusal(refusal: Refusal, tr: Translator): string {
  const params: Record<string, string> = { ...(refusal.params ?? {}) };
  if (params.action) params.action = tr.t(`action.${params.action}`);
  if (params.cloud) params.cloud = tr.t(`cloud.${params.cloud}`);
  if (params.at && !Number.isNaN(Date.parse(params.at))) params.at = formatDateTime(params.at, tr);
  const text = tr.t(`refusal.${refusal.code}`, params);
  if (!refusal.neededRoles?.length) return text;
  const roles = refusal.neededRoles.map((r) => tr.t(`role.${r}`)).join(tr.t('refusal.or'));
  return `${text} ${tr.t('refusal.neededRoles', { roles })}`;
}
