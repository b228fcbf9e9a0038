import { mayBePartnerOfRecord, type PartnerOfRecord } from '../../domain/partner-of-record.js';
import type { Organization, Relationship } from '../../domain/model.js';
import { decide } from '../../domain/policy.js';
import { withRetry, type Store, type StoreReader, type Transaction } from '../../store/store.js';
import { audit } from '../audit.js';
import { actorOf, type Acting } from '../invitations/invitations.js';
import { ok, refuse, type Outcome } from '../outcome.js';

export interface Designated {
  partnerOfRecord: PartnerOfRecord;
  partner: Organization;
  /** The partner that was partner of record until now, if another one. */
  previous?: Organization;
}

/** Runs in the designating transaction, so the partners' notices commit with the change. */
export type DesignatedHook = (tx: Transaction, designated: Designated) => Promise<void> | void;

/** The customer's partner of record, or undefined. */
export function partnerOfRecordOf(store: StoreReader, customerTenantId: string): Promise<PartnerOfRecord | undefined> {
  return store.get('partnersOfRecord', customerTenantId);
}

/** Rule 13: a customer admin designates its partner of record, apart from its delegated admin partner. */
export class PartnerOfRecordService {
  constructor(
    private readonly store: Store,
    private readonly clock: () => Date,
  ) {}

  private allowed(acting: Acting): Outcome<true> {
    const decision = decide(acting.user, 'designate-partner-of-record', { actorOrg: acting.org });
    return decision.allowed ? ok(true) : refuse(decision.reason, decision.params, decision.neededRoles);
  }

  /** The partners the customer may designate (one row per partner), and the current partner of record. */
  async candidates(
    acting: Acting,
  ): Promise<Outcome<{ rows: { relationship: Relationship; partner: Organization }[]; current?: PartnerOfRecord }>> {
    const allowed = this.allowed(acting);
    if (!allowed.ok) return allowed;
    const rows = new Map<string, { relationship: Relationship; partner: Organization }>();
    for (const relationship of await this.store.findBy('relationships', 'customer', acting.org.tenantId)) {
      if (!mayBePartnerOfRecord(relationship) || rows.has(relationship.partnerTenantId)) continue;
      const partner = await this.store.get('organizations', relationship.partnerTenantId);
      if (partner) rows.set(partner.tenantId, { relationship, partner });
    }
    return ok({ rows: [...rows.values()], current: await partnerOfRecordOf(this.store, acting.org.tenantId) });
  }

  async designate(acting: Acting, relationshipId: string, onDesignated?: DesignatedHook): Promise<Outcome<Designated>> {
    const allowed = this.allowed(acting);
    if (!allowed.ok) return allowed;
    return withRetry(this.store, async (tx) => {
      const relationship = await tx.get('relationships', relationshipId);
      if (!relationship || relationship.customerTenantId !== acting.org.tenantId)
        return refuse('relationship-not-found');
      const partner = await tx.get('organizations', relationship.partnerTenantId);
      if (!partner || !mayBePartnerOfRecord(relationship))
        return refuse('partner-of-record-not-live', { partner: partner?.name ?? '' });
      const current = await tx.get('partnersOfRecord', acting.org.tenantId);
      if (current?.partnerTenantId === partner.tenantId)
        return refuse('partner-of-record-already', { partner: partner.name });
      const now = this.clock();
      const fields = {
        customerTenantId: acting.org.tenantId,
        partnerTenantId: partner.tenantId,
        designatedBy: { ...actorOf(acting), at: now.toISOString() },
      };
      const saved = current
        ? tx.update('partnersOfRecord', { ...current, ...fields })
        : tx.insert('partnersOfRecord', { id: acting.org.tenantId, ...fields });
      audit(tx, now, {
        actor: actorOf(acting),
        action: 'partner-of-record.designated',
        target: { type: 'organization', id: acting.org.tenantId },
        tenantIds: [acting.org.tenantId, partner.tenantId],
      });
      // A separate event for the partner it was: its timeline says it is no longer, without naming the new one.
      const previous = current ? await tx.get('organizations', current.partnerTenantId) : undefined;
      if (current) {
        audit(tx, now, {
          actor: actorOf(acting),
          action: 'partner-of-record.withdrawn',
          target: { type: 'organization', id: acting.org.tenantId },
          tenantIds: [acting.org.tenantId, current.partnerTenantId],
        });
      }
      const designated = { partnerOfRecord: saved, partner, ...(previous ? { previous } : {}) };
      await onDesignated?.(tx, designated);
      return ok(designated);
    });
  }
}
