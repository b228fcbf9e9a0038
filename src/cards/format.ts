import { AdminRoleId, type RelationshipType } from '../domain/model.js';
import type { Translator } from '../i18n/i18n.js';

// Building an Intl formatter costs far more than using one (it was the largest cost of a status card).
const DAY_FORMATS = {
  en: new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }),
  es: new Intl.DateTimeFormat('es-ES', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }),
};
const TIME_FORMAT = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'UTC' });

/** A date as people read it in their language, in UTC so every viewer sees the same day. */
export function formatDate(iso: string | Date, tr: Translator): string {
  const date = typeof iso === 'string' ? new Date(iso) : iso;
  return DAY_FORMATS[tr.language === 'es' ? 'es' : 'en'].format(date);
}

export function formatDateTime(iso: string | Date, tr: Translator): string {
  const date = typeof iso === 'string' ? new Date(iso) : iso;
  return `${formatDate(date, tr)} ${TIME_FORMAT.format(date)} UTC`;
}

export function relationshipTypes(types: readonly RelationshipType[], tr: Translator): string {
  return types.map((type) => tr.t(`relationshipType.${type}`)).join(', ');
}

export function adminRoleNames(roles: readonly AdminRoleId[], tr: Translator): string {
  return roles.map((role) => tr.t(`adminRole.${role}.name`)).join(', ');
}

/** Every admin role a partner may ask for, as a choice: its name and what it can do. */
export function adminRoleChoices(tr: Translator): { value: AdminRoleId; title: string }[] {
  return AdminRoleId.options.map((role) => ({
    value: role,
    title: tr.t('request.roleChoice', {
      name: tr.t(`adminRole.${role}.name`),
      description: tr.t(`adminRole.${role}.description`),
    }),
  }));
}
