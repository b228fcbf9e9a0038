// The generated world the benchmarks run against: the demo world (so its personas exist) grown to a given
// number of partner-customer relationships, each with its organisations, users, accepted invitation, MCA
// and audit trail, plus spare customers the write scenarios consume. Deterministic for a given size.
import { createHash } from 'node:crypto';
import type { AdminRoleId, Organization, RelationshipStatus } from '../src/domain/model.js';
import { DEMO_TENANTS, DEMO_USERS, demoWorld } from '../src/store/demo-world.js';
import type { NewRecord, SeedData } from '../src/store/store.js';

const DAY = 86_400_000;
/** Customers with partners, customers invited by Adatum, prospects for the journey: distinct names and domains. */
const CUSTOMER_LABELS: Record<string, { name: string; domain: string }> = {
  c0000000: { name: '', domain: 'customer' },
  d0000000: { name: 'Invited ', domain: 'invited' },
  e0000000: { name: 'Prospect ', domain: 'prospect' },
};
/** As many people of each kind (Adatum helpdesk agents, partner admin agents) as the highest load concurrency. */
const STAFF = 64;
const FIRST = ['Alpine', 'Blue', 'Cedar', 'Delta', 'Evergreen', 'Falcon', 'Granite', 'Harbor', 'Iris', 'Juniper'];
const SECOND = ['Logistics', 'Foods', 'Clinics', 'Legal', 'Motors', 'Studios', 'Energy', 'Textiles', 'Labs', 'Travel'];
const ROLE_SETS: AdminRoleId[][] = [
  ['helpdesk-administrator', 'license-administrator'],
  ['user-administrator', 'password-administrator'],
  ['global-reader', 'service-support-administrator'],
];

export interface BenchPerson {
  tenantId: string;
  aadObjectId: string;
}

export interface BenchWorld {
  seed: SeedData;
  /** Customers the status scenario asks about, by name (each has relationships with the asking partner). */
  statusTargets: string[];
  /** Customer admins that each hold one invitation awaiting Accept & Authorize. */
  pendingAccepts: { person: BenchPerson; invitationId: string }[];
  /** The customer with the longest history with Adatum, by domain: its timeline is the largest export. */
  busiestPairDomain: string;
  /** Customers with no partner yet, for the request → accept journey. */
  journeyCustomers: { person: BenchPerson; domain: string }[];
  /** Adatum helpdesk agents, one per load worker: concurrent turns come from different people, as in Teams. */
  helpdeskAgents: BenchPerson[];
  /** Admin agents of direct resellers other than Adatum, one per load worker, who send invitations. */
  adminAgents: BenchPerson[];
  /** Global admins of customers that have partners, with their organisation's name. */
  customerAdmins: { person: BenchPerson; name: string }[];
  /** Adatum's admin agents and global admins: each is told of every answer to Adatum's invitations. */
  invitationWatchers: BenchPerson[];
  counts: Record<string, number>;
}

/** Ids shaped like the product's own (UUIDs), so memory per record is what it would be. */
const tenant = (prefix: string, n: number) => `${prefix}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const hash = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * `relationships` partner-customer relationships: customers hold two each (one in five with Adatum, the
 * demo partner whose helpdesk asks, so Adatum has a distributor's book); `spares` customers for each write
 * scenario.
 */
export function benchWorld(relationships: number, spares: number, now = new Date()): BenchWorld {
  const at = (days: number) => new Date(now.getTime() + days * DAY).toISOString();
  const seed = demoWorld(now);
  const organizations = seed.organizations!;
  const users = seed.users!;
  const invitations: NewRecord<'invitations'>[] = [];
  const rels = seed.relationships!;
  const agreements = seed.agreements!;
  const auditEvents = seed.auditEvents!;

  const partnerCount = Math.max(100, Math.round(relationships / 100));
  const partners: Organization['tenantId'][] = [];
  const adminAgents: BenchPerson[] = [];
  for (let p = 0; p < partnerCount; p++) {
    const id = tenant('b0000000', p);
    partners.push(id);
    const kind = p % 10 === 0 ? 'indirect-provider' : p % 10 === 1 ? 'indirect-reseller' : 'direct-reseller';
    organizations.push({
      id,
      tenantId: id,
      name: `${FIRST[p % 10]} ${SECOND[Math.floor(p / 10) % 10]} Partners ${p}`,
      primaryDomain: `partner${p}.example`,
      countryRegion: 'US',
      cloud: 'public',
      kind,
      mpnId: String(5_000_000 + p),
      createdAt: at(-900),
    });
    if (kind === 'direct-reseller' && adminAgents.length < STAFF) {
      adminAgents.push({ tenantId: id, aadObjectId: tenant('b1000000', p) });
    }
    users.push({
      id: tenant('b1000000', p),
      aadObjectId: tenant('b1000000', p),
      tenantId: id,
      name: `Agent ${p}`,
      email: `agent@partner${p}.example`,
      roles: { side: 'partner', agent: 'admin-agent', admin: 'global-admin' },
      createdAt: at(-900),
    });
  }

  const customer = (n: number, prefix: string) => {
    const id = tenant(prefix, n);
    const label = CUSTOMER_LABELS[prefix]!;
    const name = `${FIRST[n % 10]} ${SECOND[Math.floor(n / 10) % 10]} ${label.name}${n}`;
    const domain = `${label.domain}${n}.example`;
    organizations.push({
      id,
      tenantId: id,
      name,
      primaryDomain: domain,
      countryRegion: 'US',
      cloud: 'public',
      kind: 'customer',
      size: '51-250',
      createdAt: at(-800),
    });
    const admin = { tenantId: id, aadObjectId: tenant(`${prefix.slice(0, 2)}100000`, n) };
    users.push({
      id: admin.aadObjectId,
      ...admin,
      name: `Admin ${n}`,
      email: `admin@${domain}`,
      roles: { side: 'customer', admin: ['global-admin'] },
      createdAt: at(-800),
    });
    return { id, name, domain, admin };
  };

  const helpdeskAgents = Array.from({ length: STAFF }, (_, n) => {
    const person = { tenantId: DEMO_TENANTS.adatum, aadObjectId: tenant('b2000000', n) };
    users.push({
      id: person.aadObjectId,
      ...person,
      name: `Helpdesk Agent ${n}`,
      email: `helpdesk-agent.${n}@adatum.com`,
      roles: { side: 'partner', agent: 'helpdesk-agent', admin: 'none' },
      createdAt: at(-900),
    });
    return person;
  });
  const customerAdmins: BenchWorld['customerAdmins'] = [];
  const statusTargets: string[] = [];
  const customerCount = Math.ceil(relationships / 2);
  const STATUSES: RelationshipStatus[] = ['active', 'active', 'active', 'active', 'expiring', 'expired', 'terminated'];
  let made = 0;
  for (let c = 0; c < customerCount && made < relationships; c++) {
    const { id, name, admin } = customer(c, 'c0000000');
    const mcaId = tenant('a6000000', c);
    organizations[organizations.length - 1] = { ...organizations.at(-1)!, mcaAcceptanceId: mcaId };
    const adminUser = users.at(-1)!;
    agreements.push({
      id: mcaId,
      tenantId: id,
      agreement: 'MCA',
      agreementVersion: 'Microsoft Customer Agreement (2024-01)',
      acceptedByUserId: adminUser.id,
      acceptedByName: adminUser.name,
      acceptedAt: at(-700),
      primaryContact: { name: adminUser.name, email: adminUser.email },
    });
    if (customerAdmins.length < 1000) customerAdmins.push({ person: admin, name });
    const withAdatum = c % 5 === 0;
    if (withAdatum && statusTargets.length < 1000) statusTargets.push(name);
    const counterparts = [
      withAdatum ? DEMO_TENANTS.adatum : partners[c % partnerCount]!,
      partners[(c * 7 + 3) % partnerCount]!,
    ];
    for (const [k, partnerTenantId] of counterparts.entries()) {
      if (made++ >= relationships) break;
      const relId = tenant('a1000000', c * 2 + k);
      const invitationId = tenant('a2000000', c * 2 + k);
      const start = -600 + ((c * 13 + k) % 500);
      const status = STATUSES[(c + k) % STATUSES.length]!;
      const actor = { userId: `agent-of-${partnerTenantId}`, name: 'Partner agent', tenantId: partnerTenantId };
      const acceptedBy = { userId: admin.aadObjectId, name: adminUser.name, tenantId: id, at: at(start) };
      const roles = ROLE_SETS[c % ROLE_SETS.length]!;
      invitations.push({
        id: invitationId,
        kind: 'reseller',
        partnerTenantId,
        customerTenantId: id,
        customerDomain: adminUser.email.split('@')[1]!,
        relationshipTypes: ['reseller', 'delegated-admin'],
        adminAccess: { roles, durationDays: 730, autoExtend: k === 0 },
        services: [],
        tokenHash: hash(invitationId),
        status: 'accepted',
        createdAt: at(start - 3),
        sentAt: at(start - 3),
        expiresAt: at(start + 87),
        createdBy: actor,
        fourEyes: { required: false },
        decidedBy: acceptedBy,
      });
      rels.push({
        id: relId,
        partnerTenantId,
        customerTenantId: id,
        types: ['reseller', 'delegated-admin'],
        adminAccess: { roles, durationDays: 730, autoExtend: k === 0, startAt: at(start), endAt: at(start + 730) },
        status,
        invitationId,
        acceptedBy,
        createdAt: at(start),
        updatedAt: at(start),
        // Every bench customer accepted the MCA; said here so the store's open has nothing to settle.
        customerMcaMissing: false,
      });
      auditEvents.push(
        {
          id: tenant('a4000000', c * 2 + k),
          at: at(start - 3),
          actor,
          action: 'invitation.sent',
          target: { type: 'invitation', id: invitationId },
          tenantIds: [partnerTenantId, id],
        },
        {
          id: tenant('a5000000', c * 2 + k),
          at: at(start),
          actor: { userId: acceptedBy.userId, name: acceptedBy.name, tenantId: id },
          action: 'relationship.activated',
          target: { type: 'relationship', id: relId },
          tenantIds: [partnerTenantId, id],
          after: { types: ['reseller', 'delegated-admin'] },
        },
      );
    }
  }

  // Years of reminders and renewals between Adatum and its first customer: the busiest pair's timeline.
  const BUSIEST_EVENTS = 2000;
  for (let e = 0; e < BUSIEST_EVENTS; e++) {
    auditEvents.push({
      id: tenant('a7000000', e),
      at: at(-700 + e / 4),
      actor: null,
      action: 'relationship.reminder-30d',
      target: { type: 'relationship', id: tenant('a1000000', 0) },
      tenantIds: [DEMO_TENANTS.adatum, tenant('c0000000', 0)],
    });
  }

  const alex = DEMO_USERS[0]!;
  const pendingAccepts: BenchWorld['pendingAccepts'] = [];
  for (let s = 0; s < spares; s++) {
    const { id, domain, admin } = customer(s, 'd0000000');
    const invitationId = tenant('a3000000', s);
    invitations.push({
      id: invitationId,
      kind: 'reseller',
      partnerTenantId: DEMO_TENANTS.adatum,
      customerTenantId: id,
      customerDomain: domain,
      relationshipTypes: ['reseller', 'delegated-admin'],
      adminAccess: { roles: ROLE_SETS[0]!, durationDays: 365, autoExtend: true },
      services: [],
      tokenHash: hash(invitationId),
      status: 'approval-pending',
      createdAt: at(-1),
      sentAt: at(-1),
      expiresAt: at(89),
      createdBy: { userId: alex.id, name: alex.name, tenantId: alex.tenantId },
      fourEyes: { required: false },
    });
    pendingAccepts.push({ person: admin, invitationId });
  }
  const journeyCustomers: BenchWorld['journeyCustomers'] = [];
  for (let s = 0; s < spares; s++) {
    const { domain, admin } = customer(s, 'e0000000');
    journeyCustomers.push({ person: admin, domain });
  }

  seed.invitations = invitations;
  const counts = Object.fromEntries(Object.entries(seed).map(([name, records]) => [name, records?.length ?? 0]));
  const busiestPairDomain = 'customer0.example';
  return {
    seed,
    statusTargets,
    busiestPairDomain,
    pendingAccepts,
    journeyCustomers,
    helpdeskAgents,
    adminAgents,
    customerAdmins,
    invitationWatchers: DEMO_USERS.filter(
      (u) =>
        u.tenantId === DEMO_TENANTS.adatum &&
        u.roles.side === 'partner' &&
        (u.roles.agent === 'admin-agent' || u.roles.admin === 'global-admin'),
    ).map(({ tenantId, aadObjectId }) => ({ tenantId, aadObjectId })),
    counts,
  };
}
