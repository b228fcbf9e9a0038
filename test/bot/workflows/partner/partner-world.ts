import { INVITATION_VALIDITY_DAYS } from '../../../../src/domain/model.js';
import { DEMO_TENANTS, demoWorld } from '../../../../src/store/demo-world.js';
import type { NewRecord, SeedData } from '../../../../src/store/store.js';
import { NOW } from '../../../support/world.js';
import { persona } from '../../../support/personas.js';

export const alex = persona('alex'); // Adatum admin agent
export const sam = persona('sam'); // Adatum sales agent
export const hana = persona('hana'); // Adatum helpdesk agent
export const grace = persona('grace'); // Adatum admin agent and global admin
export const carmen = persona('carmen'); // Contoso global admin
export const franz = persona('franz'); // Fabrikam global admin

const DAY = 86_400_000;
export const daysFromNow = (days: number) => new Date(NOW.getTime() + days * DAY).toISOString();

/** Adatum's relationship with Contoso (same country): reseller and delegated admin with two roles. */
export const ADATUM_CONTOSO = 'rel-adatum-contoso';

export function adatumContoso(): NewRecord<'relationships'> {
  return {
    id: ADATUM_CONTOSO,
    partnerTenantId: DEMO_TENANTS.adatum,
    customerTenantId: DEMO_TENANTS.contoso,
    types: ['reseller', 'delegated-admin'],
    adminAccess: {
      roles: ['helpdesk-administrator', 'license-administrator'],
      durationDays: 365,
      autoExtend: false,
      startAt: daysFromNow(-100),
      endAt: daysFromNow(265),
    },
    status: 'active',
    createdAt: daysFromNow(-100),
    updatedAt: daysFromNow(-100),
  };
}

/** An open invitation from Adatum created `ageDays` ago, as the request workflow would have stored it. */
export function adatumInvitation(
  id: string,
  ageDays: number,
  overrides: Partial<NewRecord<'invitations'>> = {},
): NewRecord<'invitations'> {
  const created = NOW.getTime() - ageDays * DAY;
  return {
    id,
    kind: 'reseller',
    partnerTenantId: DEMO_TENANTS.adatum,
    customerTenantId: DEMO_TENANTS.contoso,
    customerDomain: 'contoso.com',
    relationshipTypes: ['reseller'],
    adminAccess: null,
    services: [],
    tokenHash: 'a'.repeat(64),
    status: 'approval-pending',
    createdAt: new Date(created).toISOString(),
    sentAt: new Date(created).toISOString(),
    expiresAt: new Date(created + INVITATION_VALIDITY_DAYS * DAY).toISOString(),
    createdBy: { userId: alex.id, name: alex.name, tenantId: DEMO_TENANTS.adatum },
    fourEyes: { required: false },
    ...overrides,
  };
}

/** The demo world plus what a test adds. */
export function partnerWorld(extra: SeedData = {}): SeedData {
  const world = demoWorld(NOW);
  return {
    ...world,
    relationships: [...(world.relationships ?? []), ...(extra.relationships ?? [])],
    invitations: [...(world.invitations ?? []), ...(extra.invitations ?? [])],
    organizations: [...(world.organizations ?? []), ...(extra.organizations ?? [])],
    users: [...(world.users ?? []), ...(extra.users ?? [])],
  };
}
