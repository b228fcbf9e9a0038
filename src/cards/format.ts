import type { AdminRoleId, RelationshipType } from '../domain/model.js';
import type { Translator } from '../i18n/i18n.js';

/** A date as people read it in their language, in UTC so every viewer sees the same day. */
export function formatDate(iso: string | Date, tr: Translator): string {
  const date = typeof iso === 'string' ? new Date(iso) : iso;
  return new Intl.DateTimeFormat(tr.language === 'es' ? 'es-ES' : 'en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(date);
}

export function formatDateTime(iso: string | Date, tr: Translator): string {
  const date = typeof iso === 'string' ? new Date(iso) : iso;
  const time = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'UTC' }).format(date);
  return `${formatDate(date, tr)} ${time} UTC`;
}

export function relationshipTypes(types: readonly RelationshipType[], tr: Translator): string {
  return types.map((type) => tr.t(`relationshipType.${type}`)).join(', ');
}

export function adminRoleNames(roles: readonly AdminRoleId[], tr: Translator): string {
  return roles.map((role) => tr.t(`adminRole.${role}.name`)).join(', ');
}
