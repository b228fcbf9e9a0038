import type { CustomerRequest, CustomerRequestKind } from '../../domain/customer-request.js';
import type { AdminRoleId, Organization, Relationship } from '../../domain/model.js';
import { decide, type Action } from '../../domain/policy.js';
import { withRetry, type NewRecord, type Store, type Transaction } from '../../store/store.js';
import { randomUUID } from 'node:crypto';
import { audit } from '../audit.js';
import { actorOf, type Acting } from '../invitations/invitations.js';
import { ok, refuse, type Outcome } from '../outcome.js';
import { isLive, liveAdminAccess } from './relationship-admin.js';

export interface AskableRelationship {
  relationship: Relationship;
  partner: Organization;
}

export interface Ask {
  kind: CustomerRequestKind;
  roles: AdminRoleId[];
  note: string;
}

/** Told inside the transaction of the change, so every notification commits with it. */
export type RequestHook = (tx: Transaction, request: CustomerRequest) => Promise<void> | void;

/**
 * Rule 8 in chat: a customer's global admin asks its partner to end the relationship or to remove some admin
 * roles; the partner's admin agents act on it or decline it with a reason. The request is a record of its own,
 * so both sides see where it stands, and each step is an audit event of both organisations.
 */
export class CustomerRequests {
  constructor(
    private readonly store: Store,
    private readonly clock: () => Date,
  ) {}

  private allowed(acting: Acting, action: Action): Outcome<true> {
    const decision = decide(acting.user, action, { actorOrg: acting.org });
    return decision.allowed ? ok(true) : refuse(decision.reason, decision.params, decision.neededRoles);
  }

  /** The customer's live relationships with partners, by partner name. */
  async askable(acting: Acting): Promise<Outcome<AskableRelationship[]>> {
    const allowed = this.allowed(acting, 'ask-partner-for-change');
    if (!allowed.ok) return allowed;
    const rows: AskableRelationship[] = [];
    for (const relationship of await this.store.findBy('relationships', 'customer', acting.org.tenantId)) {
      if (!isLive(relationship)) continue;
      const partner = await this.store.get('organizations', relationship.partnerTenantId);
      if (partner) rows.push({ relationship, partner });
    }
    return ok(rows.sort((a, b) => a.partner.name.localeCompare(b.partner.name)));
  }

  async askableOne(acting: Acting, relationshipId: string): Promise<Outcome<AskableRelationship>> {
    const rows = await this.askable(acting);
    if (!rows.ok) return rows;
    const row = rows.value.find((r) => r.relationship.id === relationshipId);
    return row ? ok(row) : refuse('relationship-not-live');
  }

  async ask(acting: Acting, relationshipId: string, ask: Ask, told: RequestHook): Promise<Outcome<CustomerRequest>> {
    const found = await this.askableOne(acting, relationshipId);
    if (!found.ok) return found;
    const held = liveAdminAccess(found.value.relationship)?.roles ?? [];
    const roles = ask.kind === 'remove-roles' ? [...new Set(ask.roles)] : [];
    if (ask.kind === 'remove-roles') {
      if (!held.length) return refuse('no-admin-roles', { partner: found.value.partner.name });
      if (!roles.length || roles.some((r) => !held.includes(r))) return refuse('customer-request-roles');
    }
    return withRetry(this.store, async (tx) => {
      const open = (await tx.findBy('customerRequests', 'relationship', relationshipId)).find(
        (r) => r.status === 'open' && r.kind === ask.kind,
      );
      if (open) return refuse('customer-request-open', { partner: found.value.partner.name });
      const now = this.clock();
      const record: NewRecord<'customerRequests'> = {
        id: randomUUID(),
        relationshipId,
        partnerTenantId: found.value.relationship.partnerTenantId,
        customerTenantId: acting.org.tenantId,
        kind: ask.kind,
        roles,
        note: ask.note,
        status: 'open',
        createdBy: actorOf(acting),
        createdAt: now.toISOString(),
      };
      const saved = tx.insert('customerRequests', record);
      audit(tx, now, {
        actor: actorOf(acting),
        action: 'customer-request.created',
        target: { type: 'relationship', id: relationshipId },
        tenantIds: [saved.partnerTenantId, saved.customerTenantId],
        after: { kind: saved.kind, roles: saved.roles },
      });
      await told(tx, saved);
      return ok(saved);
    });
  }

  /** The partner's open requests, oldest first. */
  async open(acting: Acting): Promise<Outcome<CustomerRequest[]>> {
    const allowed = this.allowed(acting, 'answer-customer-requests');
    if (!allowed.ok) return allowed;
    const rows = (await this.store.findBy('customerRequests', 'partner', acting.org.tenantId)).filter(
      (r) => r.status === 'open',
    );
    return ok(rows.sort((a, b) => a.createdAt.localeCompare(b.createdAt)));
  }

  /** One request of the acting partner that is still open. */
  async get(acting: Acting, requestId: string): Promise<Outcome<CustomerRequest>> {
    const allowed = this.allowed(acting, 'answer-customer-requests');
    if (!allowed.ok) return allowed;
    const request = await this.store.get('customerRequests', requestId);
    if (!request || request.partnerTenantId !== acting.org.tenantId) return refuse('relationship-not-found');
    if (request.status !== 'open') return refuse('customer-request-answered', { name: request.decidedBy?.name ?? '' });
    return ok(request);
  }

  async decline(
    acting: Acting,
    requestId: string,
    reason: string,
    told: RequestHook,
  ): Promise<Outcome<CustomerRequest>> {
    const found = await this.get(acting, requestId);
    if (!found.ok) return found;
    const why = reason.trim();
    if (!why) return refuse('customer-request-reason');
    return withRetry(this.store, async (tx) => {
      const request = await tx.get('customerRequests', requestId);
      if (!request || request.status !== 'open')
        return refuse('customer-request-answered', { name: request?.decidedBy?.name ?? '' });
      const now = this.clock();
      const saved = tx.update('customerRequests', {
        ...request,
        status: 'declined',
        reason: why.slice(0, 500),
        decidedBy: { ...actorOf(acting), at: now.toISOString() },
      });
      audit(tx, now, {
        actor: actorOf(acting),
        action: 'customer-request.declined',
        target: { type: 'relationship', id: request.relationshipId },
        tenantIds: [request.partnerTenantId, request.customerTenantId],
        after: { kind: request.kind },
      });
      await told(tx, saved);
      return ok(saved);
    });
  }

  /**
   * Marks the request done inside the transaction of what the partner did about it (ending, or sending the
   * request for the remaining roles). Already answered meanwhile: left as it is.
   */
  async complete(
    tx: Transaction,
    acting: Acting,
    requestId: string,
    invitationId?: string,
  ): Promise<CustomerRequest | undefined> {
    const request = await tx.get('customerRequests', requestId);
    if (!request || request.status !== 'open') return undefined;
    const now = this.clock();
    const saved = tx.update('customerRequests', {
      ...request,
      status: 'done',
      decidedBy: { ...actorOf(acting), at: now.toISOString() },
      ...(invitationId ? { invitationId } : {}),
    });
    audit(tx, now, {
      actor: actorOf(acting),
      action: 'customer-request.done',
      target: { type: 'relationship', id: request.relationshipId },
      tenantIds: [request.partnerTenantId, request.customerTenantId],
      after: { kind: request.kind, ...(invitationId ? { invitationId } : {}) },
    });
    return saved;
  }
}
