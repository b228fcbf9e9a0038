import type { AuditEvent, Organization, Relationship } from '../../domain/model.js';
import { betweenKey, type StoreReader } from '../../store/store.js';
import type { Acting } from '../invitations/invitations.js';
import { ok, refuse, type Outcome } from '../outcome.js';
import { relationshipsNamed } from '../relationships/relationship-lookup.js';
import { findCounterpart, mayViewRelationships, type CounterpartMatch } from '../relationships/status.js';

export interface Timeline {
  /** What the timeline is about: one relationship or every relationship with one organisation. */
  subject:
    | { kind: 'relationship'; relationship: Relationship; counterpart: Organization }
    | { kind: 'organization'; org: Organization };
  /** Newest first. */
  events: AuditEvent[];
}

export type TimelineAnswer =
  { kind: 'timeline'; timeline: Timeline } | Extract<CounterpartMatch, { kind: 'did-you-mean' }>;

/**
 * Who did what, newest first. Only events that concern the user's own organisation and the other one are
 * shown, so nobody reads another partner's history with the same customer.
 */
export class TimelineService {
  constructor(private readonly store: StoreReader) {}

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
    const events = await this.store.findBy('auditEvents', 'target', `relationship/${relationship.id}`);
    return ok({
      kind: 'timeline',
      timeline: { subject: { kind: 'relationship', relationship, counterpart }, events: newestFirst(events) },
    });
  }

  async forOrganization(acting: Acting, org: Organization): Promise<Outcome<TimelineAnswer>> {
    const allowed = mayViewRelationships(acting);
    if (!allowed.ok) return allowed;
    const events = await this.store.findBy('auditEvents', 'between', betweenKey(acting.org.tenantId, org.tenantId));
    return ok({ kind: 'timeline', timeline: { subject: { kind: 'organization', org }, events: newestFirst(events) } });
  }
}

function newestFirst(events: AuditEvent[]): AuditEvent[] {
  return [...events].sort((a, b) => b.at.localeCompare(a.at) || b.id.localeCompare(a.id));
}
