import { DEMO_TENANTS, demoWorld } from '../../../src/store/demo-world.js';
import type { NewRecord, SeedData } from '../../../src/store/store.js';
import { org } from '../../support/world.js';
import { persona } from '../../support/personas.js';

const DAY = 86_400_000;
const T = DEMO_TENANTS;
const alex = persona('alex');

export const at = (now: Date, days: number) => new Date(now.getTime() + days * DAY).toISOString();

/** An open invitation from Adatum, `ageDays` old, to a customer not yet known (by domain). */
export function pendingInvitation(now: Date, n: number, ageDays: number): NewRecord<'invitations'> {
  return {
    id: `inv-pending-${String(n).padStart(2, '0')}`,
    kind: 'reseller',
    partnerTenantId: T.adatum,
    customerDomain: `prospect-${String(n).padStart(2, '0')}.example`,
    relationshipTypes: ['reseller'],
    adminAccess: null,
    services: [],
    tokenHash: String(n).padStart(64, 'a'),
    status: 'approval-pending',
    createdAt: at(now, -ageDays),
    sentAt: at(now, -ageDays),
    expiresAt: at(now, 90 - ageDays),
    createdBy: { userId: alex.id, name: alex.name, tenantId: T.adatum },
    fourEyes: { required: false },
  };
}

/** Extra Adatum customers whose admin access ends 3, 6, 9… days from now. */
export function expiringCustomers(now: Date, count: number): SeedData {
  const organizations: NewRecord<'organizations'>[] = [];
  const relationships: NewRecord<'relationships'>[] = [];
  for (let n = 1; n <= count; n++) {
    const tenantId = `e0000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
    organizations.push(org({ tenantId, name: `Expiring Customer ${n}`, primaryDomain: `expiring-${n}.example` }));
    relationships.push({
      id: `rel-expiring-${n}`,
      partnerTenantId: T.adatum,
      customerTenantId: tenantId,
      types: ['delegated-admin'],
      adminAccess: {
        roles: ['helpdesk-administrator'],
        durationDays: 60,
        autoExtend: false,
        startAt: at(now, -60 + n * 3),
        endAt: at(now, n * 3),
      },
      status: 'active',
      createdAt: at(now, -60 + n * 3),
      updatedAt: at(now, -60 + n * 3),
    });
  }
  return { organizations, relationships };
}

/** The demo world plus `extra` records. */
export function worldWith(now: Date, ...extras: SeedData[]): SeedData {
  const world = demoWorld(now) as Record<string, unknown[]>;
  for (const extra of extras) {
    for (const [name, records] of Object.entries(extra)) world[name] = [...(world[name] ?? []), ...(records ?? [])];
  }
  return world as SeedData;
}

/** Open invitations from Adatum to known customers: what makes them organisations Adatum deals with. */
export function adatumInvited(now: Date, ...customerTenantIds: string[]): SeedData {
  const invitations = customerTenantIds.map((customerTenantId, n) => ({
    ...pendingInvitation(now, 90 + n, 2),
    id: `inv-known-${customerTenantId}`,
    customerTenantId,
    customerDomain: `known-${n}.example`,
  }));
  return { invitations };
}

/** Leads: these customers contacted the partner through "Find a partner", so it deals with them. */
export function contactedBy(now: Date, partnerTenantId: string, ...customerTenantIds: string[]): SeedData {
  const leads = customerTenantIds.map((customerTenantId) => ({
    id: `lead-${partnerTenantId}-${customerTenantId}`,
    customerTenantId,
    partnerTenantId,
    needs: 'Licences for the whole office, please.',
    contact: { name: 'Office manager', email: 'office@example.com' },
    status: 'new' as const,
    createdBy: { userId: 'someone', name: 'Office manager', tenantId: customerTenantId },
    createdAt: at(now, -3),
    updatedAt: at(now, -3),
  }));
  return { leads };
}
