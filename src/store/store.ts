import type {
  AgreementAcceptance,
  AuditEvent,
  Enrollment,
  Invitation,
  Lead,
  Organization,
  Relationship,
  User,
} from '../domain/model.js';
import type { PartnerOfRecord } from '../domain/partner-of-record.js';
import type { Purchase, Trial } from '../domain/offers.js';
import { foldText } from '../domain/text.js';
import { isListedPartner } from '../domain/rules.js';
import { identityKey, pairKey } from './record-keys.js';
import type { AccessAssignment, AccessTemplate, SecurityGroup } from '../domain/access.js';
import type { CustomerRequest } from '../domain/customer-request.js';
import type { ChangeInterest, ChangeListener } from './change-feed.js';
import { accessEnds, byState, openSince, withoutMca } from './ordered-indexes.js';
import { betweenSince, relationshipSince } from './audit-indexes.js';
import type {
  ConversationRecord,
  DownloadRecord,
  NotificationRecord,
  ProcessedActivity,
  ReminderRecord,
  StateRecord,
} from './runtime-records.js';

/** What the store holds, by collection. */
export interface Collections {
  organizations: Organization;
  users: User;
  invitations: Invitation;
  relationships: Relationship;
  agreements: AgreementAcceptance;
  leads: Lead;
  auditEvents: AuditEvent;
  enrollments: Enrollment;
  partnersOfRecord: PartnerOfRecord;
  trials: Trial;
  purchases: Purchase;
  conversations: ConversationRecord;
  state: StateRecord;
  activities: ProcessedActivity;
  notifications: NotificationRecord;
  reminders: ReminderRecord;
  downloads: DownloadRecord;
  securityGroups: SecurityGroup;
  accessAssignments: AccessAssignment;
  accessTemplates: AccessTemplate;
  customerRequests: CustomerRequest;
}
export type CollectionName = keyof Collections;

/** Secondary indexes: each maps a record to the keys it is found under. Lookups through them never scan. */
export const INDEXES = {
  organizations: {
    domain: (o: Organization) => [o.primaryDomain.toLowerCase()],
    name: (o: Organization) => [foldText(o.name)],
    kind: (o: Organization) => [o.kind],
    listedPartner: (o: Organization) => (isListedPartner(o) ? ['listed'] : []),
  },
  users: {
    tenant: (u: User) => [u.tenantId],
    identity: (u: User) => [identityKey(u.tenantId, u.aadObjectId)],
    email: (u: User) => [u.email.toLowerCase()],
    /** A partner's admin agents and global admins by tenant: who hears of its invitations' answers. */
    partnerAdmins: (u: User) =>
      u.roles.side === 'partner' && (u.roles.agent === 'admin-agent' || u.roles.admin === 'global-admin')
        ? [u.tenantId]
        : [],
  },
  invitations: {
    tokenHash: (i: Invitation) => [i.tokenHash],
    status: (i: Invitation) => [i.status],
    partner: (i: Invitation) => [i.partnerTenantId, ...(i.providerTenantId ? [i.providerTenantId] : [])],
    customer: (i: Invitation) => [...(i.customerTenantId ? [i.customerTenantId] : []), i.customerDomain.toLowerCase()],
    /** Inviting side and invited customer together (by tenant, or by domain while the customer is unknown): "do these two know each other". */
    pair: (i: Invitation) =>
      [i.partnerTenantId, ...(i.providerTenantId ? [i.providerTenantId] : [])].map((p) =>
        pairKey(p, i.customerTenantId ?? i.customerDomain.toLowerCase()),
      ),
    /** The name of the relationship it asks for, per partner: names are unique among a partner's requests too. */
    name: (i: Invitation) => (i.displayName ? [pairKey(i.partnerTenantId, foldText(i.displayName))] : []),
    /** Ordered (see ordered-indexes.ts): open ones by side and creation time. */
    openSince,
  },
  relationships: {
    partner: (r: Relationship) => [r.partnerTenantId],
    customer: (r: Relationship) => [r.customerTenantId],
    status: (r: Relationship) => [r.status],
    /** Partner and customer together: what two organisations have with each other, without reading a partner's whole book. */
    pair: (r: Relationship) => [pairKey(r.partnerTenantId, r.customerTenantId)],
    /** Its GDAP name, folded: found by name from either side, unique per partner. */
    name: (r: Relationship) => (r.displayName ? [foldText(r.displayName)] : []),
    /** Ordered, by side (see ordered-indexes.ts): admin access by end, all by state, live ones without the MCA. */
    accessEnds,
    byState,
    withoutMca,
  },
  agreements: {
    tenant: (a: AgreementAcceptance) => [a.tenantId],
  },
  leads: {
    partner: (l: Lead) => [l.partnerTenantId],
    customer: (l: Lead) => [l.customerTenantId],
    status: (l: Lead) => [l.status],
    pair: (l: Lead) => [pairKey(l.partnerTenantId, l.customerTenantId)],
  },
  auditEvents: {
    target: (e: AuditEvent) => [`${e.target.type}/${e.target.id}`],
    tenant: (e: AuditEvent) => e.tenantIds,
    /** Ordered (see audit-indexes.ts): by pair and by relationship, one page of a timeline at a time. */
    betweenSince,
    relationshipSince,
  },
  enrollments: {
    tenant: (e: Enrollment) => [e.tenantId],
    status: (e: Enrollment) => [e.status],
  },
  /** Id: the customer's tenant id (one each). By partner: "whose partner of record are we". */
  partnersOfRecord: {
    partner: (p: PartnerOfRecord) => [p.partnerTenantId],
  },
  trials: {
    status: (t: Trial) => [t.status],
    pair: (t: Trial) => [pairKey(t.partnerTenantId, t.customerTenantId)],
    invitation: (t: Trial) => [t.invitationId],
  },
  purchases: {
    customer: (p: Purchase) => [p.customerTenantId],
    pair: (p: Purchase) => [pairKey(p.partnerTenantId, p.customerTenantId)],
  },
  conversations: {},
  state: {},
  activities: {
    /** The hour it was handled (ISO, to the hour): the ledger forgets old ids without reading the recent ones. */
    hour: (a: ProcessedActivity) => [a.at.slice(0, 13)],
  },
  notifications: {
    /** Pending ones by the minute they are due: a drain reads what is due, not every pending message. */
    due: (n: NotificationRecord) => (n.status === 'pending' ? [n.nextAttemptAt.slice(0, 16)] : []),
    recipient: (n: NotificationRecord) => (n.status === 'pending' ? [identityKey(n.tenantId, n.aadObjectId)] : []),
    /** The day a delivered or failed one settled, so old ones are forgotten without reading the rest. */
    settled: (n: NotificationRecord) =>
      n.status === 'pending' ? [] : [(n.deliveredAt ?? n.nextAttemptAt).slice(0, 10)],
    subject: (n: NotificationRecord) => (n.subjectId ? [n.subjectId] : []),
  },
  reminders: {
    subject: (r: ReminderRecord) => [r.subjectId],
  },
  downloads: {
    /** The hour it stops working (ISO, to the hour): the prune reads expired links, not live ones. */
    expires: (d: DownloadRecord) => [d.expiresAt.slice(0, 13)],
  },
  securityGroups: {
    partner: (g: SecurityGroup) => [g.partnerTenantId],
  },
  accessAssignments: {
    relationship: (a: AccessAssignment) => [a.relationshipId],
    group: (a: AccessAssignment) => [a.groupId],
  },
  accessTemplates: {
    partner: (t: AccessTemplate) => [t.partnerTenantId],
  },
  customerRequests: {
    partner: (r: CustomerRequest) => [r.partnerTenantId],
    relationship: (r: CustomerRequest) => [r.relationshipId],
  },
} as const satisfies { [C in CollectionName]: Record<string, (record: Collections[C]) => string[]> };

export type IndexName<C extends CollectionName> = keyof (typeof INDEXES)[C] & string;

export { identityKey, pairKey } from './record-keys.js';

/** A record as the caller hands it to `insert`: the store assigns the first version. */
export type NewRecord<C extends CollectionName> = Omit<Collections[C], 'version'>;

/** Records to load into an empty store (the demo world). */
export type SeedData = { [C in CollectionName]?: NewRecord<C>[] };

export interface StoreReader {
  get<C extends CollectionName>(collection: C, id: string): Promise<Collections[C] | undefined>;
  findBy<C extends CollectionName>(collection: C, index: IndexName<C>, key: string): Promise<Collections[C][]>;
  /** Every record of a collection; for lists and reports, not for lookups. */
  all<C extends CollectionName>(collection: C): Promise<Collections[C][]>;
  /** What findBy finds, a batch at a time with the event loop given back between batches: for a whole book. */
  scan<C extends CollectionName>(collection: C, index: IndexName<C>, key: string): AsyncIterable<Collections[C][]>;
}

/**
 * One unit of change. Reads see the committed state plus this transaction's own writes.
 * Writes are checked at commit: `update` and `remove` must carry the version that was read.
 */
export interface Transaction extends StoreReader {
  insert<C extends CollectionName>(collection: C, record: NewRecord<C>): Collections[C];
  update<C extends CollectionName>(collection: C, record: Collections[C]): Collections[C];
  remove<C extends CollectionName>(collection: C, record: Collections[C]): void;
}

/**
 * The repository every layer uses. Implementations: the embedded lowdb file (default) and,
 * later, PostgreSQL for several bot instances. Records returned are copies: changing one changes nothing.
 */
export interface Store extends StoreReader {
  /**
   * Runs `work` and commits its writes atomically and durably, or none of them.
   * Rejects with ConflictError when a record it wrote changed since it was read (or an inserted id exists).
   */
  transaction<T>(work: (tx: Transaction) => Promise<T> | T): Promise<T>;
  /** Calls `listener` with every committed write (or those `interest` names), after it is durable; returns the way to stop. */
  subscribe(listener: ChangeListener, interest?: ChangeInterest): () => void;
  /**
   * Optional, for engines whose indexes are ordered (PostgreSQL): the records with an `index` key between
   * `from` and `to` inclusive, in one query. Callers without it read key by key.
   */
  findRange?<C extends CollectionName>(
    collection: C,
    index: IndexName<C>,
    from: string,
    to: string,
  ): Promise<Collections[C][]>;
  /** One page of an ordered index (ordered-indexes.ts): `group`'s records whose sortable part lies `from`–`to`
   *  (inclusive; an ISO time, or as the index defines it), in that order then by id, `offset` records in,
   *  with how many there are in all. Reads the page's records only. */
  findPage<C extends CollectionName>(
    collection: C,
    index: IndexName<C>,
    range: { group: string; from: string; to: string; offset: number; limit: number },
  ): Promise<{ total: number; records: Collections[C][] }>;
  /**
   * Optional, for stores several instances share (PostgreSQL): runs `work` holding a lock named `key` that
   * every instance on the same database respects; released when `work` settles or the instance dies.
   */
  withLock?<T>(key: string, work: () => Promise<T>): Promise<T>;
  /** Resolves when the store can answer (for /healthz). */
  ping(): Promise<void>;
  /** Waits for writes in flight, then releases the file. */
  close(): Promise<void>;
}

export class ConflictError extends Error {
  override readonly name = 'ConflictError';
  constructor(
    readonly collection: CollectionName,
    readonly id: string,
    readonly reason: 'version' | 'exists' | 'missing',
  ) {
    super(`conflict on ${collection}/${id}: ${reason}`);
  }
}

/** The data file is unreadable or invalid; the program must stop and leave it as it is. */
export class StoreFileError extends Error {
  override readonly name = 'StoreFileError';
  constructor(
    readonly file: string,
    readonly problem: string,
  ) {
    super(`The data file ${file} cannot be used: ${problem}. It was left untouched; fix or move it, then start again.`);
  }
}

const UNAVAILABLE_CODES = new Set(['ENOSPC', 'EDQUOT', 'EROFS', 'EIO']);

/**
 * A commit could not be made durable because the disk is full, read-only or failing. Nothing of it was
 * kept; the store is as it was before, and a later commit works once the disk does.
 */
export class StorageUnavailableError extends Error {
  override readonly name = 'StorageUnavailableError';
  constructor(
    readonly code: string,
    options?: { cause?: unknown },
  ) {
    super(`The store cannot save changes: its disk reports ${code}`, options);
  }

  /** The error as a StorageUnavailableError when it is one of the disk's own failures; otherwise unchanged. */
  static from(error: unknown): unknown {
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    return code && UNAVAILABLE_CODES.has(code) ? new StorageUnavailableError(code, { cause: error }) : error;
  }
}

/** Runs a read-modify-write transaction again when it lost a race, a bounded number of times. */
export async function withRetry<T>(store: Store, work: (tx: Transaction) => Promise<T> | T, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await store.transaction(work);
    } catch (error) {
      if (!(error instanceof ConflictError) || attempt >= attempts) throw error;
    }
  }
}
