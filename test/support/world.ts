import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Organization, User } from '../../src/domain/model.js';
import { openLowdbStore } from '../../src/store/lowdb-store.js';
import type { NewRecord, SeedData, Store } from '../../src/store/store.js';

export const NOW = new Date('2026-11-22T10:00:00.000Z');

export const TENANTS = {
  adatum: '11111111-0000-4000-8000-000000000001',
  contoso: '22222222-0000-4000-8000-000000000002',
} as const;

export function org(overrides: Partial<NewRecord<'organizations'>> & { tenantId: string }): NewRecord<'organizations'> {
  return {
    id: overrides.tenantId,
    name: 'Org',
    primaryDomain: 'org.example',
    countryRegion: 'US',
    cloud: 'public',
    kind: 'customer',
    createdAt: NOW.toISOString(),
    ...overrides,
  } as Omit<Organization, 'version'>;
}

export function user(
  overrides: Partial<NewRecord<'users'>> & { tenantId: string; aadObjectId: string },
): NewRecord<'users'> {
  return {
    id: overrides.aadObjectId,
    name: 'User',
    email: 'user@org.example',
    roles: { side: 'customer', admin: [] },
    createdAt: NOW.toISOString(),
    ...overrides,
  } as Omit<User, 'version'>;
}

export const PEOPLE: Record<'partnerAdminAgent' | 'customerGlobalAdmin', { tenantId: string; aadObjectId: string }> = {
  partnerAdminAgent: { tenantId: TENANTS.adatum, aadObjectId: 'aaaaaaaa-0000-4000-8000-000000000001' },
  customerGlobalAdmin: { tenantId: TENANTS.contoso, aadObjectId: 'cccccccc-0000-4000-8000-000000000001' },
};

export function smallWorld(): SeedData {
  return {
    organizations: [
      org({
        tenantId: TENANTS.adatum,
        name: 'Adatum Cloud Partners',
        primaryDomain: 'adatum.com',
        kind: 'direct-reseller',
      }),
      org({ tenantId: TENANTS.contoso, name: 'Contoso Ltd', primaryDomain: 'contoso.com' }),
    ],
    users: [
      user({
        ...PEOPLE.partnerAdminAgent,
        name: 'Alex Admin',
        email: 'alex@adatum.com',
        roles: { side: 'partner', agent: 'admin-agent', admin: 'none' },
      }),
      user({
        ...PEOPLE.customerGlobalAdmin,
        name: 'Carmen Global',
        email: 'carmen@contoso.com',
        roles: { side: 'customer', admin: ['global-admin'] },
      }),
    ],
  };
}

/** A store on a fresh temporary file; `dispose` closes it and removes the directory. */
export async function tempStore(
  seed: SeedData = smallWorld(),
): Promise<{ store: Store; file: string; dispose(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'partner-desk-test-'));
  const file = join(dir, 'store.json');
  const store = await openLowdbStore({ file, seed, now: () => NOW });
  return {
    store,
    file,
    dispose: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
