import { daysBetween, daysLeft } from '../../domain/lifecycle.js';
import {
  INVITATION_VALIDITY_DAYS,
  RelationshipStatus,
  type Invitation,
  type Organization,
  type Relationship,
} from '../../domain/model.js';
import type { CollectionName, Collections, IndexName, Store, StoreReader } from '../../store/store.js';
import { FOREVER, sideGroup, stateSpan } from '../../store/ordered-indexes.js';
import type { Acting } from '../invitations/invitations.js';
import { ok, refuse, type Outcome } from '../outcome.js';
import { mayViewRelationships } from './status.js';

export const LIST_KINDS = ['pending', 'expiring', 'no-mca', 'by-state'] as const;
export type ListKind = (typeof LIST_KINDS)[number];

export const PAGE_SIZE = 5;
export const EXPIRING_WITHIN_DAYS = 30;
const DAY_MS = 86_400_000;

export interface Page<T> {
  items: T[];
  /** 1-based; a page past the end shows the last one, so a stale "Next" never shows an empty card. */
  page: number;
  pages: number;
  total: number;
  /** 1-based positions of the first and last item shown, for "6–10 of 12". */
  first: number;
  last: number;
}

/** Page `page` of `total` items (a page past the end is the last one). */
function pageAt(total: number, page: number, size: number): { current: number; pages: number } {
  const pages = Math.max(1, Math.ceil(total / size));
  return { pages, current: Math.min(Math.max(1, Math.floor(page) || 1), pages) };
}

export function paginate<T>(all: readonly T[], page: number, size = PAGE_SIZE): Page<T> {
  const pages = Math.max(1, Math.ceil(all.length / size));
  const current = Math.min(Math.max(1, Math.floor(page) || 1), pages);
  const items = all.slice((current - 1) * size, current * size);
  const first = items.length ? (current - 1) * size + 1 : 0;
  return { items, page: current, pages, total: all.length, first, last: first ? first + items.length - 1 : 0 };
}

export interface PendingRow {
  invitation: Invitation;
  counterpart: string;
  ageDays: number;
  daysLeft: number;
}
export interface RelationshipRow {
  relationship: Relationship;
  counterpart: Organization;
  /** Days until admin access ends (negative once past), when there is admin access. */
  daysLeft?: number;
}
/** One relationship whose customer has not accepted the MCA (a customer with several is on several rows). */
export interface NoMcaRow {
  relationship: Relationship;
  customer: Organization;
  /** Whose relationship it is, when the reader is the customer (a partner reads its own book). */
  partner?: Organization;
}

export type ListRows =
  | { kind: 'pending'; page: Page<PendingRow> }
  | { kind: 'expiring'; page: Page<RelationshipRow> }
  | { kind: 'no-mca'; page: Page<NoMcaRow> }
  | { kind: 'by-state'; state?: RelationshipStatus; page: Page<RelationshipRow> };

/** The helpdesk's lists, limited to the user's own organisation's relationships, one page at a time. */
export class RelationshipLists {
  constructor(
    private readonly store: StoreReader & Pick<Store, 'findPage'>,
    private readonly clock: () => Date,
  ) {}

  /**
   * One page of an ordered index (ordered-indexes.ts) for the user's side of the book between two sortable
   * parts, reading only that page's records; a page past the end is the last one, as `paginate` shows it.
   */
  private async orderedPage<C extends CollectionName>(
    acting: Acting,
    collection: C,
    index: IndexName<C>,
    span: { from: string; to: string },
    page: number,
  ): Promise<Page<Collections[C]>> {
    const group = sideGroup(acting.user.roles.side === 'partner' ? 'partner' : 'customer', acting.org.tenantId);
    const read = (n: number) =>
      this.store.findPage(collection, index, { group, ...span, offset: (n - 1) * PAGE_SIZE, limit: PAGE_SIZE });
    let found = await read(Math.max(1, Math.floor(page) || 1));
    const { current, pages } = pageAt(found.total, page, PAGE_SIZE);
    if (found.records.length === 0 && found.total > 0) found = await read(current);
    const first = found.records.length ? (current - 1) * PAGE_SIZE + 1 : 0;
    const last = first ? first + found.records.length - 1 : 0;
    return { items: found.records, page: current, pages, total: found.total, first, last };
  }

  async list(acting: Acting, kind: ListKind, page = 1, state?: string): Promise<Outcome<ListRows>> {
    const allowed = mayViewRelationships(acting);
    if (!allowed.ok) return allowed;
    const now = this.clock();
    switch (kind) {
      case 'pending':
        return ok({ kind, page: await this.pending(acting, now, page) });
      case 'expiring':
        return ok({ kind, page: await this.expiring(acting, now, page) });
      case 'no-mca':
        return ok({ kind, page: await this.withoutMca(acting, page) });
      case 'by-state': {
        if (state !== undefined && state !== '') {
          const parsed = RelationshipStatus.safeParse(state);
          if (!parsed.success) return refuse('helpdesk-unknown-state', { state });
          return ok({ kind, state: parsed.data, page: await this.byState(acting, now, page, parsed.data) });
        }
        return ok({ kind, page: await this.byState(acting, now, page) });
      }
    }
  }

  /** Oldest first: those closest to the end of their 90 days need attention first. */
  private async pending(acting: Acting, now: Date, page: number): Promise<Page<PendingRow>> {
    const found = await this.orderedPage(acting, 'invitations', 'openSince', { from: '', to: FOREVER }, page);
    const partnerSide = acting.user.roles.side === 'partner';
    const items: PendingRow[] = [];
    for (const invitation of found.items) {
      const otherId = partnerSide ? invitation.customerTenantId : invitation.partnerTenantId;
      const other = otherId ? await this.store.get('organizations', otherId) : undefined;
      items.push({
        invitation,
        counterpart: other?.name ?? invitation.customerDomain,
        ageDays: Math.min(INVITATION_VALIDITY_DAYS, Math.max(0, daysBetween(new Date(invitation.createdAt), now))),
        daysLeft: daysLeft(invitation, now),
      });
    }
    return { ...found, items };
  }

  /** Soonest end first, those already past included: admin access ending within EXPIRING_WITHIN_DAYS. */
  private async expiring(acting: Acting, now: Date, page: number): Promise<Page<RelationshipRow>> {
    const before = new Date(now.getTime() + EXPIRING_WITHIN_DAYS * DAY_MS - 1).toISOString();
    const found = await this.orderedPage(acting, 'relationships', 'accessEnds', { from: '', to: before }, page);
    const items = await this.withCounterparts(acting, found.items, (relationship, counterpart) => ({
      relationship,
      counterpart,
      daysLeft: daysBetween(now, new Date(relationship.adminAccess!.endAt)),
    }));
    return { ...found, items };
  }

  /**
   * In the order the relationships began (then by id): the withoutMca index, which holds the live and
   * approved relationships whose customer has not accepted the MCA, so a page reads its own records and
   * their counterparts only, however big the book.
   */
  private async withoutMca(acting: Acting, page: number): Promise<Page<NoMcaRow>> {
    const found = await this.orderedPage(acting, 'relationships', 'withoutMca', { from: '', to: FOREVER }, page);
    const partnerSide = acting.user.roles.side === 'partner';
    const items = await this.withCounterparts(acting, found.items, (relationship, other): NoMcaRow =>
      partnerSide ? { relationship, customer: other } : { relationship, customer: acting.org, partner: other },
    );
    return { ...found, items };
  }

  /**
   * In RelationshipStatus order, and within a state in the order they began (then by id): the byState
   * index's order, so a page reads its own records and their counterparts only, however big the book.
   */
  private async byState(
    acting: Acting,
    now: Date,
    page: number,
    state?: RelationshipStatus,
  ): Promise<Page<RelationshipRow>> {
    const found = await this.orderedPage(acting, 'relationships', 'byState', stateSpan(state), page);
    const items = await this.withCounterparts(acting, found.items, (relationship, counterpart) => {
      const access = relationship.adminAccess;
      return {
        relationship,
        counterpart,
        ...(access && !access.removedAt ? { daysLeft: daysBetween(now, new Date(access.endAt)) } : {}),
      };
    });
    return { ...found, items };
  }

  /** Each relationship of a page with the organisation on the other side of it; one whose organisation is gone is left out. */
  private async withCounterparts<T>(
    acting: Acting,
    relationships: Relationship[],
    row: (relationship: Relationship, counterpart: Organization) => T,
  ): Promise<T[]> {
    const partnerSide = acting.user.roles.side === 'partner';
    const rows: T[] = [];
    for (const relationship of relationships) {
      const counterpart = await this.store.get(
        'organizations',
        partnerSide ? relationship.customerTenantId : relationship.partnerTenantId,
      );
      if (counterpart) rows.push(row(relationship, counterpart));
    }
    return rows;
  }
}
