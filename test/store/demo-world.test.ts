import { SCHEMAS } from '../../src/store/collections.js';
import { DEMO_PERSONAS, DEMO_TENANTS, demoWorld } from '../../src/store/demo-world.js';
import { AgentRole, CustomerAdminRole, PartnerAdminRole, User } from '../../src/domain/model.js';
import { decide } from '../../src/domain/policy.js';
import type { CollectionName } from '../../src/store/store.js';

const world = demoWorld(new Date('2026-11-22T10:00:00Z'));
const users = (world.users ?? []) as Omit<User, 'version'>[];
const orgs = world.organizations ?? [];
const partnerRoles = (agent: AgentRole, admin: PartnerAdminRole) => ({ side: 'partner', agent, admin }) as const;
const customerRoles = () => ({ side: 'customer', admin: [...CustomerAdminRole.options] }) as const;

describe('demo world', () => {
  it('every record is valid and every id unique', () => {
    for (const [name, records] of Object.entries(world)) {
      const ids = new Set<string>();
      for (const record of records as { id: string }[]) {
        expect(SCHEMAS[name as CollectionName].safeParse({ ...record, version: 1 }).error).toBeUndefined();
        expect(ids.has(record.id)).toBe(false);
        ids.add(record.id);
      }
    }
  });

  it('someone holds every role of both role tables', () => {
    const partnerRoles = users.flatMap((u) => (u.roles.side === 'partner' ? [u.roles.agent, u.roles.admin] : []));
    const customerRoles = users.flatMap((u) => (u.roles.side === 'customer' ? u.roles.admin : []));
    for (const role of [...AgentRole.options, ...PartnerAdminRole.options].filter((r) => r !== 'none')) {
      expect(partnerRoles).toContain(role);
    }
    for (const role of CustomerAdminRole.options) expect(customerRoles).toContain(role);
    expect(users.some((u) => u.roles.side === 'customer' && u.roles.admin.length === 0)).toBe(true);
  });

  it('has customers in several countries and clouds, and the four kinds of partner', () => {
    const customers = orgs.filter((o) => o.kind === 'customer');
    expect(new Set(customers.map((c) => c.countryRegion)).size).toBeGreaterThanOrEqual(3);
    expect(customers.some((c) => c.cloud === 'usgov')).toBe(true);
    const partners = orgs.filter((o) => o.kind !== 'customer');
    expect(partners).toHaveLength(5);
    expect(partners.map((p) => p.kind)).toEqual(expect.arrayContaining(['indirect-provider', 'indirect-reseller']));
    for (const p of partners) expect(p.listing).toBeDefined();
  });

  it('every reference points at an existing organisation or user', () => {
    const tenantIds = new Set(orgs.map((o) => o.tenantId));
    for (const u of users) expect(tenantIds.has(u.tenantId)).toBe(true);
    for (const r of world.relationships ?? []) {
      expect(tenantIds.has(r.partnerTenantId)).toBe(true);
      expect(tenantIds.has(r.customerTenantId)).toBe(true);
    }
    for (const p of DEMO_PERSONAS) expect(users.some((u) => u.id === p.userId)).toBe(true);
    expect(Object.values(DEMO_TENANTS).every((t) => tenantIds.has(t))).toBe(true);
  });

  it('Contoso has no relationship with Adatum yet, so the first journey can invite it', () => {
    expect(
      (world.relationships ?? []).some(
        (r) => r.partnerTenantId === DEMO_TENANTS.adatum && r.customerTenantId === DEMO_TENANTS.contoso,
      ),
    ).toBe(false);
  });
});

describe('the demo world obeys the rules it demonstrates', () => {
  const orgOf = (tenantId: string) => ({ ...orgs.find((o) => o.tenantId === tenantId)!, version: 1 });
  // Someone who holds every role of its side, so only the rules about the organisations can refuse.
  const everyPartnerRole = (tenantId: string) =>
    User.parse({
      ...users.find((u) => u.tenantId === tenantId)!,
      version: 1,
      roles: partnerRoles('admin-agent', 'global-admin'),
    });
  const everyCustomerRole = (tenantId: string) =>
    User.parse({ ...users.find((u) => u.tenantId === tenantId)!, version: 1, roles: customerRoles() });

  it.each((world.relationships ?? []).map((r) => [r.id, r] as const))('%s', (_id, relationship) => {
    const partner = orgOf(relationship.partnerTenantId);
    const customer = orgOf(relationship.customerTenantId);
    const includesAdminAccess = relationship.adminAccess !== null;
    if (relationship.types.includes('indirect-provider')) {
      expect(
        decide(everyPartnerRole(customer.tenantId), 'accept-indirect-provider', {
          actorOrg: customer,
          partnerOrg: partner,
        }),
      ).toEqual({ allowed: true });
      return;
    }
    const request = { actorOrg: partner, customerOrg: customer, includesAdminAccess };
    expect(decide(everyPartnerRole(partner.tenantId), 'request-reseller-relationship', request)).toEqual({
      allowed: true,
    });
    const acceptance = {
      actorOrg: customer,
      partnerOrg: partner,
      invitationCustomerTenantId: customer.tenantId,
      includesAdminAccess,
    };
    const action = includesAdminAccess ? 'accept-admin-invitation' : 'accept-reseller-invitation';
    expect(decide(everyCustomerRole(customer.tenantId), action, acceptance)).toEqual({ allowed: true });
  });
});
