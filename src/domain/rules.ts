import type { Cloud, Organization } from './model.js';

/** Where a customer accepts a partner's invitation (rule 3). */
export type AcceptancePortal = 'microsoft-365-admin-center' | 'office-admin-portal';

/**
 * Rule 3. Returns null for 'china': partner features are not available to tenants operated by
 * 21Vianet (rule 4), so there is no portal to send the customer to.
 */
export function acceptancePortal(cloud: Cloud): AcceptancePortal | null {
  switch (cloud) {
    case 'public':
      return 'microsoft-365-admin-center';
    case 'usgov':
    case 'germany':
      return 'office-admin-portal';
    case 'china':
      return null;
  }
}

/** Rule 4: 21Vianet operates the 'china' cloud. */
export function isOperatedBy21Vianet(org: Organization | undefined): boolean {
  return org?.cloud === 'china';
}

/** Rule 2: partners in these national clouds cannot leave admin privileges out of a reseller request. */
export function adminPrivilegesRequired(cloud: Cloud): boolean {
  return cloud === 'usgov' || cloud === 'germany';
}

/**
 * Clouds are boundaries: Partner Center for a national cloud is a separate instance, so a partner
 * works only with organisations in its own cloud (public, US Government or Germany).
 */
export function sameCloud(a: Organization, b: Organization): boolean {
  return a.cloud === b.cloud;
}

/** Rule 1. Codes are ISO 3166-1 alpha-2, compared case-insensitively because imports are not always upper case. */
export function sameCountryRegion(a: Organization, b: Organization): boolean {
  return a.countryRegion.toUpperCase() === b.countryRegion.toUpperCase();
}

/**
 * Rule 13: the delegated admin partner the customer already has, other than `partnerTenantId`.
 * Without a known partner every existing delegated admin partner counts as another one.
 */
export function otherDelegatedAdminPartner(
  existingPartnerTenantIds: readonly string[] | undefined,
  partnerTenantId: string | undefined,
): string | undefined {
  return (existingPartnerTenantIds ?? []).find((id) => id !== partnerTenantId);
}

/** Web-mail domains matched exactly (rule 11: Gmail, Yahoo! Mail, iCloud Mail, AOL Mail, Outlook Mail). */
export const WEB_MAIL_DOMAINS: readonly string[] = [
  'gmail.com',
  'googlemail.com',
  'ymail.com',
  'rocketmail.com',
  'icloud.com',
  'me.com',
  'mac.com',
  'aim.com',
  'msn.com',
  'windowslive.com',
];

/**
 * Services that register the same name under many country domains (yahoo.co.uk, hotmail.es,
 * live.com.mx, outlook.fr, aol.de), so they are matched by their first label.
 */
export const WEB_MAIL_FAMILIES: readonly string[] = ['yahoo', 'hotmail', 'live', 'outlook', 'aol'];

/**
 * A country-code or generic suffix such as "com", "es", "co.uk", "com.mx". Requiring short labels
 * keeps company domains like live.contoso.com or outlook.example.org out of the families.
 */
function isPublicSuffixLike(labels: readonly string[]): boolean {
  return labels.length >= 1 && labels.length <= 2 && labels.every((label) => /^[a-z]{2,3}$/.test(label));
}

/** Rule 11: is the address at a web-mail service? Anything that is not an address is not web mail. */
export function isWebMailAddress(email: string): boolean {
  const at = email.lastIndexOf('@');
  if (at < 1) return false;
  const domain = email
    .slice(at + 1)
    .trim()
    .toLowerCase()
    .replace(/\.$/, '');
  if (WEB_MAIL_DOMAINS.includes(domain)) return true;
  const [first, ...rest] = domain.split('.');
  return first !== undefined && WEB_MAIL_FAMILIES.includes(first) && isPublicSuffixLike(rest);
}

/** Who "find a partner" can show: a partner with a directory listing, outside 21Vianet's cloud (rule 4). */
export function isListedPartner(org: Organization): boolean {
  return org.kind !== 'customer' && !!org.listing && !isOperatedBy21Vianet(org);
}
