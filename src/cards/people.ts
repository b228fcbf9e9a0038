import type { Organization, User } from '../domain/model.js';
import type { Translator } from '../i18n/i18n.js';

/** A user's roles in words, e.g. "Admin agent, Global admin". */
export function describeRoles(user: User, tr: Translator): string {
  const roles =
    user.roles.side === 'partner' ? [user.roles.agent, user.roles.admin].filter((r) => r !== 'none') : user.roles.admin;
  return roles.length === 0 ? tr.t('role.none') : roles.map((r) => tr.t(`role.${r}`)).join(', ');
}

export function describeLocation(org: Organization, tr: Translator): string {
  return `${org.countryRegion} · ${tr.t(`cloud.${org.cloud}`)}`;
}
