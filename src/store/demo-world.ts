import type { OrganizationKind, User } from '../domain/model.js';
import type { NewRecord, SeedData } from './store.js';
import { demoAccess } from './demo-access.js';
import { withCustomerMca } from '../domain/customer-mca.js';

/** Fixed tenant ids of the demo world, so playground configs and tests can name them. */
export const DEMO_TENANTS = {
  adatum: '5a1d0c3e-0001-4a6b-9d51-000000000001',
  litware: '5a1d0c3e-0002-4a6b-9d51-000000000002',
  proseware: '5a1d0c3e-0003-4a6b-9d51-000000000003',
  woodgrove: '5a1d0c3e-0004-4a6b-9d51-000000000004',
  relecloud: '5a1d0c3e-0005-4a6b-9d51-000000000005',
  contoso: 'c0a70500-0001-4e2f-8b1a-000000000001',
  fabrikam: 'c0a70500-0002-4e2f-8b1a-000000000002',
  northwind: 'c0a70500-0003-4e2f-8b1a-000000000003',
  tailspin: 'c0a70500-0004-4e2f-8b1a-000000000004',
  wingtip: 'c0a70500-0005-4e2f-8b1a-000000000005',
} as const;

const T = DEMO_TENANTS;
const DAY = 86_400_000;

type DemoUser = Omit<NewRecord<'users'>, 'createdAt'>;

function person(n: number, tenantId: string, name: string, email: string, roles: User['roles']): DemoUser {
  const id = `d3e0a000-0000-4000-8000-${String(n).padStart(12, '0')}`;
  return { id, aadObjectId: id, tenantId, name, email, roles };
}

const partner = (
  agent: 'admin-agent' | 'sales-agent' | 'helpdesk-agent' | 'none',
  admin: 'global-admin' | 'user-management-admin' | 'none',
) => ({ side: 'partner', agent, admin }) as const;
const customer = (...admin: ('global-admin' | 'billing-admin' | 'helpdesk-admin')[]) =>
  ({ side: 'customer', admin }) as const;

export const DEMO_USERS: DemoUser[] = [
  person(1, T.adatum, 'Alex Wilber', 'alex.wilber@adatum.com', partner('admin-agent', 'none')),
  person(2, T.adatum, 'Sam Sales', 'sam.sales@adatum.com', partner('sales-agent', 'none')),
  person(3, T.adatum, 'Hana Helpdesk', 'hana.helpdesk@adatum.com', partner('helpdesk-agent', 'none')),
  person(4, T.adatum, 'Grace Global', 'grace.global@adatum.com', partner('admin-agent', 'global-admin')),
  person(5, T.adatum, 'Umar Users', 'umar.users@adatum.com', partner('none', 'user-management-admin')),
  person(6, T.litware, 'Lidia Holloway', 'lidia@litwaresolutions.com', partner('sales-agent', 'global-admin')),
  person(7, T.proseware, 'Paul Provider', 'paul@prosewaredistribution.com', partner('admin-agent', 'global-admin')),
  person(8, T.woodgrove, 'Rita Reseller', 'rita@woodgroveit.com', partner('admin-agent', 'global-admin')),
  person(9, T.contoso, 'Carmen Navarro', 'carmen@contoso.com', customer('global-admin')),
  person(10, T.contoso, 'Bill Billing', 'bill@contoso.com', customer('billing-admin')),
  person(11, T.contoso, 'Helen Help', 'helen@contoso.com', customer('helpdesk-admin')),
  person(12, T.contoso, 'Omar Other', 'omar@contoso.com', customer()),
  person(13, T.fabrikam, 'Franz Becker', 'franz@fabrikam.us', customer('global-admin', 'billing-admin')),
  person(14, T.northwind, 'Nora Ng', 'nora@northwindtraders.us', customer('global-admin')),
  person(15, T.tailspin, 'Lucía Martín', 'lucia@tailspintoys.es', customer('global-admin')),
];

/** Who a newcomer can be in local mode: one playground each. The first three are the core journey. */
export const DEMO_PERSONAS: { key: string; label: string; userId: string }[] = [
  { key: 'partner-admin-agent', label: 'Partner admin agent (Adatum)', userId: DEMO_USERS[0]!.id },
  { key: 'customer-global-admin', label: 'Customer global admin (Contoso)', userId: DEMO_USERS[8]!.id },
  { key: 'helpdesk-agent', label: 'Partner helpdesk agent (Adatum)', userId: DEMO_USERS[2]!.id },
  { key: 'partner-sales-agent', label: 'Partner sales agent (Adatum)', userId: DEMO_USERS[1]!.id },
  { key: 'provider-global-admin', label: 'Indirect provider global admin (Proseware)', userId: DEMO_USERS[6]!.id },
  { key: 'reseller-global-admin', label: 'Indirect reseller global admin (Woodgrove)', userId: DEMO_USERS[7]!.id },
  { key: 'customer-billing-admin', label: 'Customer billing admin (Contoso)', userId: DEMO_USERS[9]!.id },
  { key: 'customer-helpdesk-admin', label: 'Customer helpdesk admin (Contoso)', userId: DEMO_USERS[10]!.id },
  { key: 'partner-global-admin', label: 'Partner global admin (Adatum)', userId: DEMO_USERS[3]!.id },
  { key: 'spanish-customer-admin', label: 'Customer global admin (Tailspin, Spain)', userId: DEMO_USERS[14]!.id },
];

function organization(
  tenantId: string,
  name: string,
  primaryDomain: string,
  countryRegion: string,
  cloud: NewRecord<'organizations'>['cloud'],
  kind: OrganizationKind,
  extra: Partial<NewRecord<'organizations'>> = {},
): Omit<NewRecord<'organizations'>, 'createdAt'> {
  return { id: tenantId, tenantId, name, primaryDomain, countryRegion, cloud, kind, ...extra };
}

const listing = (
  locations: string[],
  sizes: NonNullable<NewRecord<'organizations'>['listing']>['sizes'],
  keywords: string[],
  description: string,
  contactName: string,
  email: string,
) => ({ locations, sizes, keywords, description, contact: { name: contactName, email } });

/** A realistic world to try every workflow with, dated relative to `now`. */
export function demoWorld(now: Date): SeedData {
  const at = (days: number) => new Date(now.getTime() + days * DAY).toISOString();
  const created = at(-400);
  const organizations = [
    organization(T.adatum, 'Adatum Cloud Partners', 'adatum.com', 'US', 'public', 'direct-reseller', {
      mpnId: '4410001',
      // Seed 004: so Adatum's trials and offers may include delegated administration (Litware's may not).
      delegatedAdminProgramme: 'cloud-essentials',
      listing: listing(
        ['US', 'Seattle', 'New York'],
        ['11-50', '51-250', '251-1000'],
        ['microsoft 365', 'security', 'teams', 'licensing'],
        'Microsoft 365 deployments, security hardening and Teams voice for mid-size companies.',
        'Adatum sales',
        'sales@adatum.com',
      ),
    }),
    organization(T.litware, 'Litware Solutions', 'litwaresolutions.com', 'US', 'public', 'direct-reseller', {
      mpnId: '4410002',
      listing: listing(
        ['US', 'Chicago'],
        ['1-10', '11-50', '51-250'],
        ['microsoft 365', 'azure', 'education', 'licensing'],
        'Small business and school IT: Microsoft 365, Azure and licensing advice.',
        'Litware desk',
        'hello@litwaresolutions.com',
      ),
    }),
    organization(
      T.proseware,
      'Proseware Distribution',
      'prosewaredistribution.com',
      'US',
      'public',
      'indirect-provider',
      {
        mpnId: '4410003',
        listing: listing(
          ['US'],
          ['251-1000', '1000+'],
          ['distribution', 'licensing', 'azure'],
          'Indirect provider (distributor) for Cloud Solution Provider resellers.',
          'Proseware partner team',
          'partners@prosewaredistribution.com',
        ),
      },
    ),
    organization(T.woodgrove, 'Woodgrove IT', 'woodgroveit.com', 'US', 'public', 'indirect-reseller', {
      mpnId: '4410004',
      listing: listing(
        ['US', 'Seattle'],
        ['1-10', '11-50'],
        ['microsoft 365', 'teams', 'security'],
        'Local IT partner for small offices: Microsoft 365 and Teams.',
        'Woodgrove IT',
        'help@woodgroveit.com',
      ),
    }),
    // Serves Spain, so Tailspin's admin (the Spanish persona) finds a partner in her own country (rule 1).
    organization(T.relecloud, 'Relecloud Iberia', 'relecloud.es', 'ES', 'public', 'direct-reseller', {
      mpnId: '4410005',
      listing: listing(
        ['ES', 'España', 'Madrid', 'Barcelona'],
        ['1-10', '11-50', '51-250'],
        ['microsoft 365', 'seguridad', 'correo', 'migración', 'security', 'email', 'migration'],
        'Microsoft 365 para pymes en España: migración de correo, seguridad y licencias.',
        'Soporte Relecloud',
        'soporte@relecloud.es',
      ),
    }),
    organization(T.contoso, 'Contoso Ltd', 'contoso.com', 'US', 'public', 'customer', { size: '51-250' }),
    // Adatum's customer, so in Adatum's country and cloud (rule 1, clouds are boundaries).
    organization(T.fabrikam, 'Fabrikam Inc', 'fabrikam.us', 'US', 'public', 'customer', {
      size: '251-1000',
      mcaAcceptanceId: 'mca-fabrikam',
    }),
    organization(T.northwind, 'Northwind Traders', 'northwindtraders.us', 'US', 'usgov', 'customer', { size: '1000+' }),
    organization(T.tailspin, 'Tailspin Toys', 'tailspintoys.es', 'ES', 'public', 'customer', { size: '11-50' }),
    organization(T.wingtip, 'Wingtip Toys China', 'wingtiptoys.cn', 'CN', 'china', 'customer', { size: '11-50' }),
  ].map((o) => ({ ...o, createdAt: created }));

  const franz = DEMO_USERS[12]!;
  const agreements = [
    {
      id: 'mca-fabrikam',
      tenantId: T.fabrikam,
      agreement: 'MCA' as const,
      agreementVersion: 'Microsoft Customer Agreement (2024-01)',
      acceptedByUserId: franz.id,
      acceptedByName: franz.name,
      acceptedAt: at(-200),
      primaryContact: { name: franz.name, email: franz.email },
    },
  ];

  const relationships: NewRecord<'relationships'>[] = [
    {
      id: 'rel-adatum-fabrikam',
      displayName: 'Fabrikam helpdesk',
      partnerTenantId: T.adatum,
      customerTenantId: T.fabrikam,
      types: ['reseller', 'delegated-admin'],
      adminAccess: {
        roles: ['helpdesk-administrator', 'license-administrator'],
        durationDays: 365,
        autoExtend: false,
        startAt: at(-345),
        endAt: at(20),
      },
      status: 'active',
      acceptedBy: { userId: franz.id, name: franz.name, tenantId: T.fabrikam, at: at(-345) },
      createdAt: at(-345),
      updatedAt: at(-345),
    },
    {
      id: 'rel-litware-contoso',
      partnerTenantId: T.litware,
      customerTenantId: T.contoso,
      types: ['reseller'],
      adminAccess: null,
      status: 'active',
      acceptedBy: { userId: DEMO_USERS[8]!.id, name: DEMO_USERS[8]!.name, tenantId: T.contoso, at: at(-120) },
      createdAt: at(-120),
      updatedAt: at(-120),
    },
  ];

  const auditEvents: NewRecord<'auditEvents'>[] = relationships.map((r) => ({
    id: `audit-${r.id}`,
    at: r.createdAt,
    actor: r.acceptedBy
      ? { userId: r.acceptedBy.userId, name: r.acceptedBy.name, tenantId: r.acceptedBy.tenantId }
      : null,
    action: 'relationship.activated',
    target: { type: 'relationship', id: r.id },
    tenantIds: [r.partnerTenantId, r.customerTenantId],
    after: { types: r.types },
  }));
  auditEvents.push({
    id: 'audit-mca-fabrikam',
    at: at(-200),
    actor: { userId: franz.id, name: franz.name, tenantId: T.fabrikam },
    action: 'mca.accepted',
    target: { type: 'organization', id: T.fabrikam },
    tenantIds: [T.fabrikam],
  });

  return {
    organizations,
    users: DEMO_USERS.map((u) => ({ ...u, createdAt: created })),
    agreements,
    relationships: relationships.map((r) =>
      withCustomerMca(
        r,
        organizations.find((o) => o.id === r.customerTenantId),
      ),
    ),
    auditEvents,
    ...demoAccess(at, { alex: DEMO_USERS[0]!, hana: DEMO_USERS[2]!, rita: DEMO_USERS[7]! }, T),
  };
}
