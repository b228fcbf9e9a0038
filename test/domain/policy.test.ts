import {
  Organization,
  User,
  type AgentRole,
  type Cloud,
  type CustomerAdminRole,
  type PartnerAdminRole,
} from '../../src/domain/model.js';
import {
  allowedActions,
  decide,
  ROLE_TABLE_CUSTOMER,
  ROLE_TABLE_PARTNER,
  type Action,
  type CustomerAction,
  type PartnerAction,
  type PolicyTarget,
} from '../../src/domain/policy.js';
import { acceptancePortal, isWebMailAddress } from '../../src/domain/rules.js';

const NOW = '2024-05-01T09:00:00.000Z';
const RESELLER = 'tenant-reseller';
const PROVIDER = 'tenant-provider';
const CUSTOMER = 'tenant-customer';
const OTHER_PARTNER = 'tenant-other-partner';

function org(tenantId: string, overrides: Partial<Organization> = {}): Organization {
  return Organization.parse({
    id: tenantId,
    version: 1,
    tenantId,
    name: `Org ${tenantId}`,
    primaryDomain: `${tenantId}.example.com`,
    countryRegion: 'US',
    cloud: 'public',
    kind: 'customer',
    createdAt: NOW,
    ...overrides,
  });
}

const resellerOrg = (overrides: Partial<Organization> = {}) =>
  org(RESELLER, { kind: 'indirect-reseller', ...overrides });
const providerOrg = (overrides: Partial<Organization> = {}) =>
  org(PROVIDER, { kind: 'indirect-provider', ...overrides });
const customerOrg = (overrides: Partial<Organization> = {}) => org(CUSTOMER, { kind: 'customer', ...overrides });

function partnerUser(agent: AgentRole, admin: PartnerAdminRole, tenantId = RESELLER): User {
  return User.parse({
    id: `user-${agent}-${admin}`,
    version: 1,
    tenantId,
    aadObjectId: `aad-${agent}-${admin}`,
    name: `Partner ${agent} ${admin}`,
    email: 'someone@reseller.example.com',
    roles: { side: 'partner', agent, admin },
    createdAt: NOW,
  });
}

function customerUser(admin: CustomerAdminRole[], tenantId = CUSTOMER): User {
  return User.parse({
    id: `user-${admin.join('+') || 'other'}`,
    version: 1,
    tenantId,
    aadObjectId: `aad-${admin.join('+') || 'other'}`,
    name: `Customer ${admin.join(' ') || 'other'}`,
    email: 'someone@customer.example.com',
    roles: { side: 'customer', admin },
    createdAt: NOW,
  });
}

const partnerTarget = (overrides: Partial<PolicyTarget> = {}): PolicyTarget => ({
  actorOrg: resellerOrg(),
  ...overrides,
});
const customerTarget = (overrides: Partial<PolicyTarget> = {}): PolicyTarget => ({
  actorOrg: customerOrg(),
  partnerOrg: resellerOrg(),
  invitationCustomerTenantId: CUSTOMER,
  ...overrides,
});

const Y = true;
const N = false;

// The partner role table of domain.md, column for column, plus the enrolment row (rule 11).
const PARTNER_COLUMNS: { label: string; agent: AgentRole; admin: PartnerAdminRole; role: string }[] = [
  { label: 'admin agent', agent: 'admin-agent', admin: 'none', role: 'admin-agent' },
  { label: 'sales agent', agent: 'sales-agent', admin: 'none', role: 'sales-agent' },
  { label: 'helpdesk agent', agent: 'helpdesk-agent', admin: 'none', role: 'helpdesk-agent' },
  { label: 'global admin', agent: 'none', admin: 'global-admin', role: 'global-admin' },
  { label: 'user mgmt admin', agent: 'none', admin: 'user-management-admin', role: 'user-management-admin' },
];
const PARTNER_MATRIX: [PartnerAction, boolean[]][] = [
  ['request-reseller-relationship', [Y, Y, N, Y, N]],
  ['include-delegated-admin', [Y, N, N, Y, N]],
  ['act-on-behalf', [Y, N, N, Y, N]],
  ['view-customers', [Y, Y, Y, Y, N]],
  ['manage-leads', [Y, Y, N, Y, N]],
  ['manage-users', [N, N, N, Y, Y]],
  ['accept-indirect-provider', [N, N, N, Y, N]],
  ['enroll-indirect-reseller', [N, N, N, Y, N]],
  // GDAP day two (src/domain/access-policy.ts, each cell's Microsoft rule beside it there).
  ['manage-security-groups', [Y, N, N, Y, N]],
  ['assign-access', [Y, N, N, N, N]],
  ['manage-access-templates', [Y, N, N, Y, N]],
  // GDAP day two (src/domain/gdap-policy.ts): Microsoft's "Admin agent creates GDAP requests"; rule 8.
  ['manage-admin-relationships', [Y, N, N, Y, N]],
  ['answer-customer-requests', [Y, N, N, Y, N]],
];

// The customer role table of domain.md, plus the enrolment row.
const CUSTOMER_COLUMNS: { label: string; admin: CustomerAdminRole[] }[] = [
  { label: 'global admin', admin: ['global-admin'] },
  { label: 'billing admin', admin: ['billing-admin'] },
  { label: 'helpdesk admin', admin: ['helpdesk-admin'] },
  { label: 'other users', admin: [] },
];
const CUSTOMER_MATRIX: [CustomerAction, boolean[]][] = [
  ['find-partners', [Y, Y, N, N]],
  ['accept-reseller-invitation', [Y, Y, N, N]],
  ['accept-mca', [Y, Y, N, N]],
  ['accept-admin-invitation', [Y, N, N, N]],
  ['remove-admin-roles', [Y, N, N, N]],
  ['view-partners', [Y, Y, Y, N]],
  // Rule 13, not in the reference's table: seed 000 has a Global or Billing admin manage partner relationships.
  ['designate-partner-of-record', [Y, Y, N, N]],
  ['enroll-indirect-reseller', [Y, N, N, N]],
  // Rule 8 and seed 001's "Remove roles": a global admin asks the partner to end or remove roles.
  ['ask-partner-for-change', [Y, N, N, N]],
];

const partnerCells = PARTNER_MATRIX.flatMap(([action, cells]) =>
  PARTNER_COLUMNS.map((column, i) => ({
    action,
    role: column.label,
    agent: column.agent,
    admin: column.admin,
    allowed: cells[i] === true,
    neededRoles: PARTNER_COLUMNS.filter((_, j) => cells[j] === true).map((c) => c.role),
  })),
);

const customerCells = CUSTOMER_MATRIX.flatMap(([action, cells]) =>
  CUSTOMER_COLUMNS.map((column, i) => ({
    action,
    role: column.label,
    admin: column.admin,
    allowed: cells[i] === true,
    neededRoles: CUSTOMER_COLUMNS.filter((_, j) => cells[j] === true).flatMap((c) => c.admin),
  })),
);

describe('partner role table', () => {
  it('has exactly the rows of the domain reference', () => {
    expect(Object.keys(ROLE_TABLE_PARTNER).sort()).toEqual(PARTNER_MATRIX.map(([action]) => action).sort());
  });

  it.each(partnerCells)('$action by $role: allowed=$allowed', ({ action, agent, admin, allowed, neededRoles }) => {
    const decision = decide(partnerUser(agent, admin), action, partnerTarget());
    if (allowed) expect(decision).toEqual({ allowed: true });
    else expect(decision).toEqual({ allowed: false, reason: 'role-required', neededRoles, params: { action } });
  });

  it.each(PARTNER_MATRIX)('%s is denied to a user with no agent and no admin role', (action) => {
    expect(decide(partnerUser('none', 'none'), action, partnerTarget())).toMatchObject({
      allowed: false,
      reason: 'role-required',
    });
  });

  it.each(PARTNER_COLUMNS)('allowedActions for $label lists its column', ({ agent, admin }) => {
    const column = PARTNER_COLUMNS.findIndex((c) => c.agent === agent && c.admin === admin);
    const expected = PARTNER_MATRIX.filter(([, cells]) => cells[column] === true).map(([action]) => action);
    expect(allowedActions(partnerUser(agent, admin))).toEqual(expected);
  });

  it('allowedActions is empty for a user with no role', () => {
    expect(allowedActions(partnerUser('none', 'none'))).toEqual([]);
  });
});

describe('customer role table', () => {
  it('has exactly the rows of the domain reference', () => {
    expect(Object.keys(ROLE_TABLE_CUSTOMER).sort()).toEqual(CUSTOMER_MATRIX.map(([action]) => action).sort());
  });

  it.each(customerCells)('$action by $role: allowed=$allowed', ({ action, admin, allowed, neededRoles }) => {
    const decision = decide(customerUser(admin), action, customerTarget());
    if (allowed) {
      expect(decision).toEqual({ allowed: true });
      return;
    }
    // A billing admin may accept the reseller-only kind, so the refusal says that instead.
    const reason =
      action === 'accept-admin-invitation' && admin.includes('billing-admin')
        ? 'reseller-only-invitation-required'
        : 'role-required';
    expect(decision).toEqual({ allowed: false, reason, neededRoles, params: { action } });
  });

  it.each(CUSTOMER_COLUMNS)('allowedActions for $label lists its column', ({ label, admin }) => {
    const column = CUSTOMER_COLUMNS.findIndex((c) => c.label === label);
    const expected = CUSTOMER_MATRIX.filter(([, cells]) => cells[column] === true).map(([action]) => action);
    expect(allowedActions(customerUser(admin))).toEqual(expected);
  });
});

describe('several roles', () => {
  it.each([
    { agent: 'helpdesk-agent', admin: 'user-management-admin', action: 'view-customers', allowed: true },
    { agent: 'helpdesk-agent', admin: 'user-management-admin', action: 'manage-users', allowed: true },
    { agent: 'helpdesk-agent', admin: 'user-management-admin', action: 'manage-leads', allowed: false },
    { agent: 'sales-agent', admin: 'user-management-admin', action: 'request-reseller-relationship', allowed: true },
    { agent: 'sales-agent', admin: 'user-management-admin', action: 'include-delegated-admin', allowed: false },
    { agent: 'admin-agent', admin: 'user-management-admin', action: 'manage-users', allowed: true },
    { agent: 'admin-agent', admin: 'user-management-admin', action: 'accept-indirect-provider', allowed: false },
    { agent: 'admin-agent', admin: 'global-admin', action: 'accept-indirect-provider', allowed: true },
  ] as { agent: AgentRole; admin: PartnerAdminRole; action: PartnerAction; allowed: boolean }[])(
    'a partner $agent + $admin: $action allowed=$allowed',
    ({ agent, admin, action, allowed }) => {
      expect(decide(partnerUser(agent, admin), action, partnerTarget()).allowed).toBe(allowed);
    },
  );

  it('allowedActions is the union of the agent and admin roles', () => {
    expect(allowedActions(partnerUser('helpdesk-agent', 'user-management-admin'))).toEqual([
      'view-customers',
      'manage-users',
    ]);
    expect(allowedActions(partnerUser('sales-agent', 'user-management-admin'))).toEqual([
      'request-reseller-relationship',
      'view-customers',
      'manage-leads',
      'manage-users',
    ]);
  });

  it.each([
    { admin: ['billing-admin', 'helpdesk-admin'], action: 'view-partners', reason: undefined },
    { admin: ['billing-admin', 'helpdesk-admin'], action: 'accept-mca', reason: undefined },
    { admin: ['billing-admin', 'helpdesk-admin'], action: 'remove-admin-roles', reason: 'role-required' },
    {
      admin: ['billing-admin', 'helpdesk-admin'],
      action: 'accept-admin-invitation',
      reason: 'reseller-only-invitation-required',
    },
    { admin: ['helpdesk-admin', 'global-admin'], action: 'accept-admin-invitation', reason: undefined },
    { admin: ['helpdesk-admin', 'global-admin'], action: 'remove-admin-roles', reason: undefined },
  ] as { admin: CustomerAdminRole[]; action: CustomerAction; reason?: string }[])(
    'a customer $admin: $action → $reason',
    ({ admin, action, reason }) => {
      const decision = decide(customerUser(admin), action, customerTarget());
      if (reason === undefined) expect(decision).toEqual({ allowed: true });
      else expect(decision).toMatchObject({ allowed: false, reason });
    },
  );

  it('allowedActions for a billing + helpdesk admin', () => {
    expect(allowedActions(customerUser(['billing-admin', 'helpdesk-admin']))).toEqual([
      'find-partners',
      'accept-reseller-invitation',
      'accept-mca',
      'view-partners',
      'designate-partner-of-record',
    ]);
  });
});

describe('tenant and side', () => {
  const globalPartner = partnerUser('admin-agent', 'global-admin');
  const globalCustomer = customerUser(['global-admin']);

  it.each([
    {
      name: 'partner user acting for another organisation',
      user: globalPartner,
      action: 'view-customers',
      target: partnerTarget({ actorOrg: providerOrg() }),
    },
    {
      name: 'customer user acting for another organisation',
      user: globalCustomer,
      action: 'view-partners',
      target: customerTarget({ actorOrg: customerOrg({ tenantId: 'tenant-elsewhere' }) }),
    },
    {
      name: 'invitation sent to another tenant',
      user: globalCustomer,
      action: 'accept-reseller-invitation',
      target: customerTarget({ invitationCustomerTenantId: 'tenant-elsewhere' }),
    },
    {
      name: 'admin invitation sent to another tenant',
      user: globalCustomer,
      action: 'accept-admin-invitation',
      target: customerTarget({ invitationCustomerTenantId: 'tenant-elsewhere' }),
    },
    {
      name: 'customer organisation other than the actor',
      user: globalCustomer,
      action: 'remove-admin-roles',
      target: customerTarget({ customerOrg: customerOrg({ tenantId: 'tenant-elsewhere' }) }),
    },
  ] as { name: string; user: User; action: Action; target: PolicyTarget }[])(
    '$name → wrong-tenant',
    ({ user, action, target }) => {
      expect(decide(user, action, target)).toEqual({ allowed: false, reason: 'wrong-tenant' });
    },
  );

  it('allows an invitation sent to the actor tenant, or not yet tied to a tenant', () => {
    expect(decide(globalCustomer, 'accept-admin-invitation', customerTarget())).toEqual({ allowed: true });
    expect(
      decide(globalCustomer, 'accept-admin-invitation', customerTarget({ invitationCustomerTenantId: undefined })),
    ).toEqual({ allowed: true });
  });

  it.each(CUSTOMER_MATRIX.filter(([action]) => action !== 'enroll-indirect-reseller'))(
    'a partner global admin doing %s → wrong-side',
    (action) => {
      expect(decide(globalPartner, action, partnerTarget())).toEqual({
        allowed: false,
        reason: 'wrong-side',
        params: { side: 'customer' },
      });
    },
  );

  it.each(PARTNER_MATRIX.filter(([action]) => action !== 'enroll-indirect-reseller'))(
    'a customer global admin doing %s → wrong-side',
    (action) => {
      expect(decide(globalCustomer, action, customerTarget())).toEqual({
        allowed: false,
        reason: 'wrong-side',
        params: { side: 'partner' },
      });
    },
  );

  it('refuses partner roles in an organisation recorded as a customer, and the reverse', () => {
    const partnerInCustomerOrg = partnerUser('admin-agent', 'global-admin', CUSTOMER);
    expect(decide(partnerInCustomerOrg, 'view-customers', { actorOrg: customerOrg() })).toMatchObject({
      reason: 'wrong-side',
    });
    const customerInPartnerOrg = customerUser(['global-admin'], RESELLER);
    expect(decide(customerInPartnerOrg, 'view-partners', { actorOrg: resellerOrg() })).toMatchObject({
      reason: 'wrong-side',
    });
  });

  it('lets a global admin of either side enrol as an indirect reseller', () => {
    expect(decide(globalPartner, 'enroll-indirect-reseller', partnerTarget())).toEqual({ allowed: true });
    expect(decide(globalCustomer, 'enroll-indirect-reseller', customerTarget())).toEqual({ allowed: true });
  });
});

describe('rule 1: same country or region', () => {
  const salesAgent = partnerUser('sales-agent', 'none');
  const globalCustomer = customerUser(['global-admin']);

  it.each([
    { partner: 'US', customer: 'US', allowed: true },
    { partner: 'ES', customer: 'es', allowed: true },
    { partner: 'US', customer: 'ES', allowed: false },
    { partner: 'MX', customer: 'US', allowed: false },
  ])('partner in $partner requests a customer in $customer: allowed=$allowed', ({ partner, customer, allowed }) => {
    const target = partnerTarget({
      actorOrg: resellerOrg({ countryRegion: partner }),
      customerOrg: customerOrg({ countryRegion: customer }),
    });
    const decision = decide(salesAgent, 'request-reseller-relationship', target);
    if (allowed) expect(decision).toEqual({ allowed: true });
    else
      expect(decision).toEqual({
        allowed: false,
        reason: 'region-mismatch',
        params: { partnerCountryRegion: partner, customerCountryRegion: customer },
      });
  });

  it('allows a request without a known customer (invited by domain)', () => {
    expect(decide(salesAgent, 'request-reseller-relationship', partnerTarget())).toEqual({ allowed: true });
  });

  it.each(['accept-reseller-invitation', 'accept-admin-invitation'] as CustomerAction[])(
    'is checked again when the customer does %s',
    (action) => {
      const abroad = customerTarget({ partnerOrg: resellerOrg({ countryRegion: 'FR' }) });
      expect(decide(globalCustomer, action, abroad)).toMatchObject({ allowed: false, reason: 'region-mismatch' });
      expect(decide(globalCustomer, action, customerTarget())).toEqual({ allowed: true });
    },
  );
});

describe('rule 2: admin privileges in national clouds', () => {
  it.each([
    { cloud: 'usgov', includesAdminAccess: false, allowed: false },
    { cloud: 'germany', includesAdminAccess: false, allowed: false },
    { cloud: 'usgov', includesAdminAccess: true, allowed: true },
    { cloud: 'germany', includesAdminAccess: true, allowed: true },
    { cloud: 'public', includesAdminAccess: false, allowed: true },
    { cloud: 'public', includesAdminAccess: true, allowed: true },
  ] as { cloud: Cloud; includesAdminAccess: boolean; allowed: boolean }[])(
    'an admin agent in $cloud, admin access $includesAdminAccess: allowed=$allowed',
    ({ cloud, includesAdminAccess, allowed }) => {
      const target = partnerTarget({ actorOrg: resellerOrg({ cloud }), includesAdminAccess });
      const decision = decide(partnerUser('admin-agent', 'none'), 'request-reseller-relationship', target);
      if (allowed) expect(decision).toEqual({ allowed: true });
      else
        expect(decision).toEqual({
          allowed: false,
          reason: 'admin-privileges-required-national-cloud',
          params: { cloud },
        });
    },
  );

  it('a sales agent may not include admin privileges in a request', () => {
    const target = partnerTarget({ includesAdminAccess: true });
    expect(decide(partnerUser('sales-agent', 'none'), 'request-reseller-relationship', target)).toEqual({
      allowed: false,
      reason: 'role-required',
      neededRoles: ['admin-agent', 'global-admin'],
      params: { action: 'include-delegated-admin' },
    });
  });

  it('so a sales agent in US Government cannot request at all', () => {
    const sales = partnerUser('sales-agent', 'none');
    const without = partnerTarget({ actorOrg: resellerOrg({ cloud: 'usgov' }), includesAdminAccess: false });
    expect(decide(sales, 'request-reseller-relationship', without)).toMatchObject({
      reason: 'admin-privileges-required-national-cloud',
    });
    expect(decide(sales, 'request-reseller-relationship', { ...without, includesAdminAccess: true })).toMatchObject({
      reason: 'role-required',
    });
  });
});

describe('rule 3: where the customer accepts', () => {
  it.each([
    { cloud: 'public', portal: 'microsoft-365-admin-center' },
    { cloud: 'usgov', portal: 'office-admin-portal' },
    { cloud: 'germany', portal: 'office-admin-portal' },
    { cloud: 'china', portal: null },
  ] as { cloud: Cloud; portal: string | null }[])('$cloud → $portal', ({ cloud, portal }) => {
    expect(acceptancePortal(cloud)).toBe(portal);
  });
});

describe('rule 4: not available to 21Vianet', () => {
  const china = { cloud: 'china' } as const;
  const globalPartner = partnerUser('admin-agent', 'global-admin');
  const globalCustomer = customerUser(['global-admin']);

  it.each([
    {
      name: 'partner in china',
      user: globalPartner,
      action: 'view-customers',
      target: partnerTarget({ actorOrg: resellerOrg(china) }),
    },
    {
      name: 'customer in china',
      user: globalPartner,
      action: 'request-reseller-relationship',
      target: partnerTarget({ customerOrg: customerOrg(china) }),
    },
    {
      name: 'provider in china',
      user: globalPartner,
      action: 'accept-indirect-provider',
      target: partnerTarget({ partnerOrg: providerOrg(china) }),
    },
    {
      name: 'role check comes after',
      user: partnerUser('helpdesk-agent', 'none'),
      action: 'manage-users',
      target: partnerTarget({ actorOrg: resellerOrg(china) }),
    },
    {
      name: 'customer admin in china',
      user: globalCustomer,
      action: 'find-partners',
      target: customerTarget({ actorOrg: customerOrg(china) }),
    },
    {
      name: 'inviting partner in china',
      user: globalCustomer,
      action: 'accept-reseller-invitation',
      target: customerTarget({ partnerOrg: resellerOrg(china) }),
    },
  ] as { name: string; user: User; action: Action; target: PolicyTarget }[])(
    '$name → not-available-21vianet',
    ({ user, action, target }) => {
      expect(decide(user, action, target)).toMatchObject({ allowed: false, reason: 'not-available-21vianet' });
    },
  );

  it.each(['public', 'usgov', 'germany'] as Cloud[])('allows the same in %s', (cloud) => {
    const target = partnerTarget({ actorOrg: resellerOrg({ cloud }), customerOrg: customerOrg({ cloud }) });
    expect(decide(globalPartner, 'view-customers', target)).toEqual({ allowed: true });
  });
});

describe('clouds are boundaries: same cloud only', () => {
  const adminAgent = partnerUser('admin-agent', 'none');
  const globalAdmin = partnerUser('none', 'global-admin');
  const globalCustomer = customerUser(['global-admin']);
  const CLOUDS: Cloud[] = ['public', 'usgov', 'germany'];
  const PAIRS = CLOUDS.flatMap((partner) => CLOUDS.map((customer) => ({ partner, customer })));

  it.each(PAIRS)('a $partner partner requests a $customer customer', ({ partner, customer }) => {
    const target = partnerTarget({
      actorOrg: resellerOrg({ cloud: partner }),
      customerOrg: customerOrg({ cloud: customer }),
      includesAdminAccess: true,
    });
    const decision = decide(adminAgent, 'request-reseller-relationship', target);
    if (partner === customer) expect(decision).toEqual({ allowed: true });
    else
      expect(decision).toEqual({
        allowed: false,
        reason: 'cloud-mismatch',
        params: { partnerCloud: partner, customerCloud: customer },
      });
  });

  it.each(PAIRS)('a $customer customer accepts a $partner partner', ({ partner, customer }) => {
    const target = customerTarget({
      actorOrg: customerOrg({ cloud: customer }),
      partnerOrg: resellerOrg({ cloud: partner }),
      includesAdminAccess: true,
    });
    const decision = decide(globalCustomer, 'accept-admin-invitation', target);
    if (partner === customer) expect(decision).toEqual({ allowed: true });
    else expect(decision).toMatchObject({ allowed: false, reason: 'cloud-mismatch' });
  });

  it.each(PAIRS)('a $customer reseller authorises a $partner provider', ({ partner, customer }) => {
    const target = partnerTarget({
      actorOrg: resellerOrg({ cloud: customer }),
      partnerOrg: providerOrg({ cloud: partner }),
    });
    const decision = decide(globalAdmin, 'accept-indirect-provider', target);
    if (partner === customer) expect(decision).toEqual({ allowed: true });
    else
      expect(decision).toEqual({
        allowed: false,
        reason: 'cloud-mismatch',
        params: { partnerCloud: partner, customerCloud: customer },
      });
  });

  it('names the cloud before the country: a US Government partner and a German public-cloud customer', () => {
    const target = partnerTarget({
      actorOrg: resellerOrg({ cloud: 'usgov', countryRegion: 'US' }),
      customerOrg: customerOrg({ cloud: 'public', countryRegion: 'DE' }),
      includesAdminAccess: true,
    });
    expect(decide(adminAgent, 'request-reseller-relationship', target)).toMatchObject({ reason: 'cloud-mismatch' });
  });

  it.each(CLOUDS)('21Vianet stays refused whatever the partner cloud (%s)', (cloud) => {
    const target = partnerTarget({
      actorOrg: resellerOrg({ cloud }),
      customerOrg: customerOrg({ cloud: 'china' }),
      includesAdminAccess: true,
    });
    expect(decide(adminAgent, 'request-reseller-relationship', target)).toMatchObject({
      reason: 'not-available-21vianet',
    });
  });
});

describe('rule 10: indirect provider partnership', () => {
  const globalAdmin = partnerUser('none', 'global-admin');

  it('lets an indirect reseller accept an indirect provider', () => {
    expect(decide(globalAdmin, 'accept-indirect-provider', partnerTarget({ partnerOrg: providerOrg() }))).toEqual({
      allowed: true,
    });
  });

  it('refuses it to a direct reseller, or from an organisation that is not a provider', () => {
    const direct = partnerTarget({ actorOrg: resellerOrg({ kind: 'direct-reseller' }) });
    expect(decide(globalAdmin, 'accept-indirect-provider', direct)).toMatchObject({
      reason: 'wrong-organization-kind',
    });
    const fromCustomer = partnerTarget({ partnerOrg: customerOrg() });
    expect(decide(globalAdmin, 'accept-indirect-provider', fromCustomer)).toMatchObject({
      reason: 'wrong-organization-kind',
    });
  });
});

describe('rule 11: no web mail for the primary contact', () => {
  it.each([
    'ana@gmail.com',
    'ana@googlemail.com',
    'Ana@GMAIL.COM',
    'ana@yahoo.com',
    'ana@yahoo.co.uk',
    'ana@yahoo.es',
    'ana@ymail.com',
    'ana@icloud.com',
    'ana@me.com',
    'ana@mac.com',
    'ana@aol.com',
    'ana@outlook.com',
    'ana@outlook.es',
    'ana@hotmail.com',
    'ana@hotmail.co.uk',
    'ana@live.com',
    'ana@live.com.mx',
    'ana@msn.com',
  ])('%s is web mail', (email) => {
    expect(isWebMailAddress(email)).toBe(true);
  });

  it.each([
    'ana@contoso.com',
    'ana@live.contoso.com',
    'ana@outlook.example.org',
    'ana@gmail.com.contoso.com',
    'gmail.com@contoso.com',
    'ana@mail.fabrikam.es',
    'not-an-address',
  ])('%s is not web mail', (email) => {
    expect(isWebMailAddress(email)).toBe(false);
  });

  it.each([
    { user: partnerUser('none', 'global-admin'), target: partnerTarget() },
    { user: customerUser(['global-admin']), target: customerTarget() },
  ])('enrolment by a $user.roles.side global admin', ({ user, target }) => {
    expect(decide(user, 'enroll-indirect-reseller', { ...target, primaryContactEmail: 'Ana@Hotmail.com' })).toEqual({
      allowed: false,
      reason: 'webmail-not-allowed',
      params: { domain: 'hotmail.com' },
    });
    expect(decide(user, 'enroll-indirect-reseller', { ...target, primaryContactEmail: 'ana@contoso.com' })).toEqual({
      allowed: true,
    });
  });
});

describe('rule 13: one delegated admin partner', () => {
  const adminAgent = partnerUser('admin-agent', 'none');
  const globalCustomer = customerUser(['global-admin']);
  const on = { singleDelegatedAdminPartner: true };
  const off = { singleDelegatedAdminPartner: false };

  it.each([
    {
      action: 'include-delegated-admin',
      includesAdminAccess: undefined,
      existing: [OTHER_PARTNER],
      settings: on,
      allowed: false,
    },
    {
      action: 'request-reseller-relationship',
      includesAdminAccess: true,
      existing: [OTHER_PARTNER],
      settings: on,
      allowed: false,
    },
    {
      action: 'include-delegated-admin',
      includesAdminAccess: undefined,
      existing: [RESELLER],
      settings: on,
      allowed: true,
    },
    { action: 'include-delegated-admin', includesAdminAccess: undefined, existing: [], settings: on, allowed: true },
    {
      action: 'include-delegated-admin',
      includesAdminAccess: undefined,
      existing: [OTHER_PARTNER],
      settings: off,
      allowed: true,
    },
    {
      action: 'include-delegated-admin',
      includesAdminAccess: undefined,
      existing: [OTHER_PARTNER],
      settings: undefined,
      allowed: true,
    },
    {
      action: 'request-reseller-relationship',
      includesAdminAccess: false,
      existing: [OTHER_PARTNER],
      settings: on,
      allowed: true,
    },
  ] as {
    action: PartnerAction;
    includesAdminAccess?: boolean;
    existing: string[];
    settings?: typeof on;
    allowed: boolean;
  }[])(
    'partner $action, admin $includesAdminAccess, existing $existing, $settings: allowed=$allowed',
    ({ action, includesAdminAccess, existing, settings, allowed }) => {
      const target = partnerTarget({ includesAdminAccess, customerDelegatedAdminPartnerTenantIds: existing });
      const decision = decide(adminAgent, action, target, settings);
      if (allowed) expect(decision).toEqual({ allowed: true });
      else
        expect(decision).toEqual({
          allowed: false,
          reason: 'delegated-admin-partner-exists',
          params: { partnerTenantId: OTHER_PARTNER },
        });
    },
  );

  it.each([
    { action: 'accept-admin-invitation', includesAdminAccess: true, existing: [OTHER_PARTNER], allowed: false },
    { action: 'accept-reseller-invitation', includesAdminAccess: true, existing: [OTHER_PARTNER], allowed: false },
    { action: 'accept-admin-invitation', includesAdminAccess: true, existing: [RESELLER], allowed: true },
    { action: 'accept-reseller-invitation', includesAdminAccess: false, existing: [OTHER_PARTNER], allowed: true },
  ] as { action: CustomerAction; includesAdminAccess: boolean; existing: string[]; allowed: boolean }[])(
    'customer $action, admin $includesAdminAccess, existing $existing: allowed=$allowed',
    ({ action, includesAdminAccess, existing, allowed }) => {
      const target = customerTarget({ includesAdminAccess, customerDelegatedAdminPartnerTenantIds: existing });
      expect(decide(globalCustomer, action, target, on).allowed).toBe(allowed);
    },
  );

  it('counts any existing delegated admin partner when the inviting partner is unknown', () => {
    const target = customerTarget({ partnerOrg: undefined, customerDelegatedAdminPartnerTenantIds: [RESELLER] });
    expect(decide(globalCustomer, 'accept-admin-invitation', target, on)).toMatchObject({
      reason: 'delegated-admin-partner-exists',
    });
  });
});

describe('an invitation that grants admin roles', () => {
  it('needs a global admin even when called a reseller invitation', () => {
    const target = customerTarget({ includesAdminAccess: true });
    expect(decide(customerUser(['billing-admin']), 'accept-reseller-invitation', target)).toEqual({
      allowed: false,
      reason: 'reseller-only-invitation-required',
      neededRoles: ['global-admin'],
      params: { action: 'accept-admin-invitation' },
    });
    expect(decide(customerUser(['global-admin']), 'accept-reseller-invitation', target)).toEqual({ allowed: true });
  });
});
