import type { AuditEvent, Organization, Relationship } from '../../domain/model.js';
import { pairGroup, relationshipGroup } from '../../store/audit-indexes.js';
import { FOREVER } from '../../store/ordered-indexes.js';
import { BATCH, giveWay } from '../../store/give-way.js';
import type { Store, StoreReader } from '../../store/store.js';
import type { Acting } from '../invitations/invitations.js';
import { ok, refuse, type Outcome } from '../outcome.js';
import { relationshipsNamed } from '../relationships/relationship-lookup.js';
import type { Page } from '../relationships/relationship-lists.js';
import { findCounterpart, mayViewRelationships, type CounterpartMatch } from '../relationships/status.js';

export interface Timeline {
  /** What the timeline is about: one relationship or every relationship with one organisation. */
  subject:
    | { kind: 'relationship'; relationship: Relationship; counterpart: Organization }
    | { kind: 'organization'; org: Organization };
  /** How many events it held when it was looked up. */
  total: number;
  /** Where its events are: one group of an ordered index of audit events (audit-indexes.ts), oldest first. */
  source: { index: 'betweenSince' | 'relationshipSince'; group: string };
}

export type TimelineAnswer =
  { kind: 'timeline'; timeline: Timeline } | Extract<CounterpartMatch, { kind: 'did-you-mean' }>;

/**
 * Who did what, newest first. Only events that concern the user's own organisation and the other one are
 * shown, so nobody reads another partner's history with the same customer.
 */
export class TimelineService {
  constructor(private readonly store: StoreReader & Pick<Store, 'findPage'>) {}

  async forQuery(acting: Acting, query: string): Promise<Outcome<TimelineAnswer>> {
    const id = query.trim();
    // Relationship ids look like "rel-…" or a GUID; a GUID could also be a tenant id, so names are tried next.
    if (id.startsWith('rel-')) return this.forRelationship(acting, id);
    if (/^[0-9a-f-]{36}$/i.test(id)) {
      const byId = await this.forRelationship(acting, id);
      if (byId.ok || byId.refusal.code !== 'relationship-not-found') return byId;
    }
    // A relationship's name is one relationship: its own history, not every one with that organisation.
    const allowed = mayViewRelationships(acting);
    if (!allowed.ok) return allowed;
    const named = await relationshipsNamed(this.store, acting, query);
    if (named.length === 1) return this.forRelationship(acting, named[0]!.id);
    const match = await findCounterpart(this.store, acting, query);
    if (!match.ok) return match;
    if (match.value.kind === 'did-you-mean') return ok(match.value);
    return this.forOrganization(acting, match.value.org);
  }

  async forRelationship(acting: Acting, relationshipId: string): Promise<Outcome<TimelineAnswer>> {
    const allowed = mayViewRelationships(acting);
    if (!allowed.ok) return allowed;
    // Read by id, then kept only when it is the user's own organisation's (as visibleRelationships would).
    const found = await this.store.get('relationships', relationshipId);
    const side = acting.user.roles.side === 'partner' ? found?.partnerTenantId : found?.customerTenantId;
    const relationship = side === acting.org.tenantId ? found : undefined;
    if (!relationship) return refuse('relationship-not-found');
    const otherId =
      relationship.partnerTenantId === acting.org.tenantId
        ? relationship.customerTenantId
        : relationship.partnerTenantId;
    const counterpart = await this.store.get('organizations', otherId);
    if (!counterpart) return refuse('relationship-not-found');
    const source = { index: 'relationshipSince', group: relationshipGroup(relationship.id) } as const;
    return ok({
      kind: 'timeline',
      timeline: {
        subject: { kind: 'relationship', relationship, counterpart },
        total: await this.count(source),
        source,
      },
    });
  }

  async forOrganization(acting: Acting, org: Organization): Promise<Outcome<TimelineAnswer>> {
    const allowed = mayViewRelationships(acting);
    if (!allowed.ok) return allowed;
    const source = { index: 'betweenSince', group: pairGroup(acting.org.tenantId, org.tenantId) } as const;
    return ok({
      kind: 'timeline',
      timeline: { subject: { kind: 'organization', org }, total: await this.count(source), source },
    });
  }

  /** Page `page` (newest first; one past the end is the last), reading that page's events only. */
  async page(timeline: Timeline, page: number, size: number): Promise<Page<AuditEvent>> {
    const { total } = timeline;
    const pages = Math.max(1, Math.ceil(total / size));
    const current = Math.min(Math.max(1, Math.floor(page) || 1), pages);
    // The index is oldest first: the newest page is its end.
    const end = Math.max(0, total - (current - 1) * size);
    const start = Math.max(0, total - current * size);
    const items = (await this.slice(timeline, start, end)).reverse();
    const first = items.length ? (current - 1) * size + 1 : 0;
    return { items, page: current, pages, total, first, last: first ? first + items.length - 1 : 0 };
  }

  /**
   * Every event the timeline held when looked up, newest first, BATCH at a time with the event loop given
   * back between batches. Positions count from the oldest, so an event recorded meanwhile (the newest) moves
   * none of them.
   */
  async *newestFirst(timeline: Timeline): AsyncGenerator<AuditEvent[]> {
    for (let end = timeline.total; end > 0; end -= BATCH) {
      if (end < timeline.total) await giveWay();
      const batch = await this.slice(timeline, Math.max(0, end - BATCH), end);
      if (batch.length) yield batch.reverse();
    }
  }

  /** Events `start`–`end` (exclusive) of the timeline, oldest first. */
  private async slice(timeline: Timeline, start: number, end: number): Promise<AuditEvent[]> {
    if (end <= start) return [];
    const { index, group } = timeline.source;
    const range = { group, from: '', to: FOREVER, offset: start, limit: end - start };
    return (await this.store.findPage('auditEvents', index, range)).records;
  }

  private async count(source: Timeline['source']): Promise<number> {
    const range = { group: source.group, from: '', to: FOREVER, offset: 0, limit: 0 };
    return (await this.store.findPage('auditEvents', source.index, range)).total;
  }
}
