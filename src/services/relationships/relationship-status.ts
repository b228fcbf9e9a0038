import type { AgreementAcceptance, AuditEvent, Invitation, Organization, Relationship } from '../../domain/model.js';
import type { PartnerOfRecord } from '../../domain/partner-of-record.js';
import { offerStatus, type OfferStatus } from './offer-status.js';
import { pairKey, type Store, type StoreReader } from '../../store/store.js';
import { newestEventOf } from '../audit.js';
import type { Acting } from '../invitations/invitations.js';
import { findCounterpart } from './status.js';
import { ok, type Outcome } from '../outcome.js';
import type { AccessAssignment, SecurityGroup } from '../../domain/access.js';
import { assignmentsOf } from './access-assignments.js';

export interface RelationshipStatus {
  counterpart: Organization;
  /** Only relationships between the user's organisation and the counterpart: never another partner's. */
  relationships: {
    relationship: Relationship;
    partner: Organization;
    customer: Organization;
    lastChange?: AuditEvent;
    /** The partner's access assignments on it; shown to the partner only (the groups are its own staff). */
    assignments: { assignment: AccessAssignment; group?: SecurityGroup }[];
  }[];
  pendingInvitations: Invitation[];
  /** Declined, cancelled or expired invitations, newest first: when and who closed each (the product, for an expiry). */
  closedInvitations: ClosedInvitation[];
  /** The MCA of whichever side is the customer. */
  mca: { customer: Organization; acceptance?: AgreementAcceptance }[];
  /** Rule 13: the customer's partner of record (null: none designated). */
  partnerOfRecord: PartnerOfRecord | null;
  offers: OfferStatus;
}

export interface ClosedInvitation {
  invitation: Invitation;
  outcome: 'declined' | 'cancelled' | 'expired' | 'rejected';
  at: string;
  /** Undefined when the product closed it (it lapsed). */
  by?: string;
}

const CLOSED = new Set(['declined', 'cancelled', 'expired']);
/** How many closed invitations a status shows: the story of the last few, not an archive (that is `timeline`). */
const CLOSED_SHOWN = 5;

export type StatusAnswer =
  { kind: 'status'; status: RelationshipStatus } | { kind: 'did-you-mean'; candidates: Organization[] };

/** "status contoso": what state every relationship between my organisation and another one is in, and why. */
export class RelationshipStatusService {
  constructor(private readonly store: StoreReader & Pick<Store, 'findPage'>) {}

  async status(acting: Acting, query: string): Promise<Outcome<StatusAnswer>> {
    const match = await findCounterpart(this.store, acting, query);
    if (!match.ok) return match;
    if (match.value.kind === 'did-you-mean') return ok({ kind: 'did-you-mean', candidates: match.value.candidates });
    return ok({ kind: 'status', status: await this.between(acting.org, match.value.org) });
  }

  private async between(mine: Organization, counterpart: Organization): Promise<RelationshipStatus> {
    const isBetween = (a: string, b: string) =>
      (a === mine.tenantId && b === counterpart.tenantId) || (a === counterpart.tenantId && b === mine.tenantId);
    const relationships = (
      await this.store.findBy('relationships', 'pair', pairKey(mine.tenantId, counterpart.tenantId))
    )
      .concat(await this.store.findBy('relationships', 'pair', pairKey(counterpart.tenantId, mine.tenantId)))
      .filter((r) => isBetween(r.partnerTenantId, r.customerTenantId));
    const orgOf = (tenantId: string) => (tenantId === mine.tenantId ? mine : counterpart);
    const rows = [];
    for (const relationship of relationships.sort((a, b) => b.createdAt.localeCompare(a.createdAt))) {
      const lastChange = await newestEventOf(this.store, relationship.id);
      rows.push({
        relationship,
        partner: orgOf(relationship.partnerTenantId),
        customer: orgOf(relationship.customerTenantId),
        ...(lastChange ? { lastChange } : {}),
        assignments:
          relationship.partnerTenantId === mine.tenantId ? await assignmentsOf(this.store, relationship.id) : [],
      });
    }
    // Through the customer side: a customer has a handful of invitations, a partner may have thousands.
    const candidates = new Map<string, Invitation>();
    for (const key of [mine.tenantId, counterpart.tenantId, counterpart.primaryDomain.toLowerCase()]) {
      for (const invitation of await this.store.findBy('invitations', 'customer', key)) {
        candidates.set(invitation.id, invitation);
      }
    }
    const between = [...candidates.values()].filter(
      (i) =>
        isBetween(i.partnerTenantId, i.customerTenantId ?? '') ||
        (i.partnerTenantId === mine.tenantId && i.customerDomain === counterpart.primaryDomain),
    );
    const pendingInvitations = between.filter((i) => i.status === 'created' || i.status === 'approval-pending');
    const closedInvitations = await this.closed(between.filter((i) => CLOSED.has(i.status)));
    const customers = [mine, counterpart].filter((o) => o.kind === 'customer');
    const mca = [];
    for (const customer of customers) {
      mca.push({
        customer,
        acceptance: customer.mcaAcceptanceId ? await this.store.get('agreements', customer.mcaAcceptanceId) : undefined,
      });
    }
    const partnerOfRecord = customers[0] ? await this.store.get('partnersOfRecord', customers[0].tenantId) : undefined;
    return {
      counterpart,
      relationships: rows,
      pendingInvitations,
      closedInvitations,
      mca,
      partnerOfRecord: partnerOfRecord ?? null,
      offers: await offerStatus(this.store, mine, counterpart),
    };
  }

  /** When and by whom each invitation was closed, from its audit trail (an answer also keeps `decidedBy`). */
  private async closed(invitations: Invitation[]): Promise<ClosedInvitation[]> {
    const rows: ClosedInvitation[] = [];
    for (const invitation of invitations) {
      const events = await this.store.findBy('auditEvents', 'target', `invitation/${invitation.id}`);
      const closing = events
        .filter((e) => e.action === `invitation.${invitation.status}`)
        .sort((a, b) => b.at.localeCompare(a.at))[0];
      // A request a second admin rejected was cancelled by that decision (four-eyes), not by the requester.
      const by =
        invitation.decidedBy ??
        invitation.fourEyes.rejectedBy ??
        (closing?.actor ? { name: closing.actor.name, at: closing.at } : undefined);
      // A lapse happened at the end of its 90 days, whenever the guardian noticed it.
      const at =
        invitation.status === 'expired' ? invitation.expiresAt : (by?.at ?? closing?.at ?? invitation.createdAt);
      const outcome = invitation.fourEyes.rejectedBy ? 'rejected' : (invitation.status as ClosedInvitation['outcome']);
      rows.push({ invitation, outcome, at, ...(by ? { by: by.name } : {}) });
    }
    return rows.sort((a, b) => b.at.localeCompare(a.at)).slice(0, CLOSED_SHOWN);
  }
}
