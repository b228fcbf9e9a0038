/** The key of a partner–customer pair, in the indexes that find a pair's records. */
export function pairKey(partnerTenantId: string, customerTenantId: string): string {
  return `${partnerTenantId}/${customerTenantId}`;
}

/** The key of one person in one tenant: their user record and where to reach them. */
export function identityKey(tenantId: string, aadObjectId: string): string {
  return `${tenantId}/${aadObjectId}`;
}
