import type { Invitation, Lead, Organization, Relationship } from '../../domain/model.js';
import { foldText } from '../../domain/text.js';
import type { StoreChange } from '../../store/change-feed.js';
import { BATCH, giveWay } from '../../store/give-way.js';
import type { Store, StoreReader } from '../../store/store.js';
import { NameIndex } from './name-index.js';
import { canSee, visibleOrganizations } from './visible-organizations.js';

/**
 * Terms held by all indexes together (about 150 bytes each): the least recently searched organisation's
 * index is dropped beyond it, and built again, in batches, when that organisation searches next.
 */
export const MAX_TERMS = 600_000;

interface Entry {
  acting: Organization;
  index: NameIndex;
  ready: Promise<void>;
  /** Organisations a commit may have made visible, or renamed: checked and indexed before the next search. */
  pending: Set<string>;
}

const named = (o: Organization) => ({
  tenantId: o.tenantId,
  name: foldText(o.name),
  domain: o.primaryDomain.toLowerCase(),
});

/**
 * One name index per acting organisation over the organisations it deals with, built on its first search
 * and kept up to date from the store's committed writes. An index may still hold an organisation that is no
 * longer visible (a removed record says nothing of whom it joined): callers check what a search finds.
 */
export class CounterpartIndexes {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly store: Store) {
    store.subscribe((change) => this.changed(change), {
      collections: ['relationships', 'leads', 'invitations', 'organizations'],
    });
  }

  /** The acting organisation's index, with every change committed so far applied. */
  async of(acting: Organization): Promise<NameIndex> {
    let entry = this.entries.get(acting.tenantId);
    if (entry) this.entries.delete(acting.tenantId);
    else entry = this.build(acting);
    this.entries.set(acting.tenantId, entry);
    await entry.ready;
    await this.applyPending(entry);
    this.evict();
    return entry.index;
  }

  /** An organisation found by a search that the acting one may not see (any more) is taken out. */
  forget(acting: Organization, tenantId: string): void {
    this.entries.get(acting.tenantId)?.index.remove(tenantId);
  }

  private build(acting: Organization): Entry {
    const index = new NameIndex();
    const entry: Entry = { acting, index, pending: new Set(), ready: Promise.resolve() };
    entry.ready = (async () => {
      let added = 0;
      for (const org of await visibleOrganizations(this.store, acting)) {
        index.put(named(org));
        if (++added % BATCH === 0) await giveWay();
      }
    })();
    // A failed build is not kept: the next search builds again (and this one reports the error).
    entry.ready.catch(() => this.entries.get(acting.tenantId) === entry && this.entries.delete(acting.tenantId));
    return entry;
  }

  private async applyPending(entry: Entry): Promise<void> {
    const ids = [...entry.pending];
    entry.pending.clear();
    for (const id of ids) {
      const org = await this.store.get('organizations', id);
      if (org && (await canSee(this.store, entry.acting, org))) entry.index.put(named(org));
      else entry.index.remove(id);
    }
  }

  private evict(): void {
    let terms = 0;
    for (const entry of this.entries.values()) terms += entry.index.termCount;
    for (const [id, entry] of this.entries) {
      if (terms <= MAX_TERMS || this.entries.size === 1) return;
      terms -= entry.index.termCount;
      this.entries.delete(id);
    }
  }

  /** Who a committed write may have made visible to whom; after missed writes, every index is built again. */
  private changed(change: StoreChange): void {
    if ('lost' in change) {
      this.entries.clear();
      return;
    }
    const { collection, id, record } = change;
    if (this.entries.size === 0 || record === null) return;
    const mark = (actingId: string | undefined, other: string | undefined) => {
      if (actingId && other) this.entries.get(actingId)?.pending.add(other);
    };
    if (collection === 'relationships' || collection === 'leads') {
      const r = record as unknown as Relationship | Lead;
      mark(r.partnerTenantId, r.customerTenantId);
      mark(r.customerTenantId, r.partnerTenantId);
    } else if (collection === 'invitations') {
      const i = record as unknown as Invitation;
      for (const inviting of [i.partnerTenantId, i.providerTenantId]) {
        mark(inviting, i.customerTenantId);
        mark(i.customerTenantId, inviting);
        mark(inviting, i.partnerTenantId === inviting ? i.providerTenantId : i.partnerTenantId);
      }
      // Invited by domain: the customer may not be known by tenant yet.
      for (const entry of this.entries.values()) {
        if (entry.acting.primaryDomain.toLowerCase() === i.customerDomain.toLowerCase()) {
          mark(entry.acting.tenantId, i.partnerTenantId);
          mark(entry.acting.tenantId, i.providerTenantId);
        }
      }
    } else if (collection === 'organizations') {
      // A renamed organisation, or a new one an invitation by domain may already name: each index checks it.
      for (const entry of this.entries.values()) if (entry.acting.tenantId !== id) entry.pending.add(id);
    }
  }
}

const byStore = new WeakMap<Store, CounterpartIndexes>();

/** The indexes of a store, made on first use and kept as long as the store is. */
export function counterpartIndexes(store: Store): CounterpartIndexes {
  let indexes = byStore.get(store);
  if (!indexes) byStore.set(store, (indexes = new CounterpartIndexes(store)));
  return indexes;
}

/** Enough organisations containing the text to tell "this one" from "which one" and to offer five. */
const ENOUGH_CONTAINING = 6;

/**
 * The organisations `acting` may see among which matchOrganization(query) finds its answer: every one at the
 * smallest spelling distance, or (when the text is inside names) the first few containing it. A reader that
 * is not the store itself (a transaction) has no index, and reads every visible organisation.
 */
export async function counterpartCandidates(
  store: StoreReader,
  acting: Organization,
  query: string,
): Promise<Organization[]> {
  if (!('subscribe' in store)) return visibleOrganizations(store, acting);
  const indexes = counterpartIndexes(store as Store);
  const maxDistance = Math.max(1, Math.floor(query.length / 3));
  for (;;) {
    const found = (await indexes.of(acting)).search(query, maxDistance);
    const orgs: Organization[] = [];
    let stale = false;
    for (const id of found.tenantIds) {
      const org = await store.get('organizations', id);
      if (org && (await canSee(store, acting, org))) orgs.push(org);
      else {
        indexes.forget(acting, id);
        stale = true;
      }
      if (found.kind === 'containing' && orgs.length >= ENOUGH_CONTAINING) break;
    }
    // Without the ones taken out, the closest may now be others: search again.
    if (!stale || (found.kind === 'containing' && orgs.length > 0)) return orgs;
  }
}
