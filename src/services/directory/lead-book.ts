import type { Lead, LeadStatus, Organization } from '../../domain/model.js';
import { decide } from '../../domain/policy.js';
import { withRetry, type Store } from '../../store/store.js';
import { audit } from '../audit.js';
import { actorOf, type Acting } from '../invitations/invitations.js';
import { ok, refuse, type Outcome } from '../outcome.js';

/** The partner side of leads: the contact requests customers sent, and what was done with them. */
export class LeadBook {
  constructor(
    private readonly store: Store,
    private readonly clock: () => Date,
  ) {}

  private allowed(acting: Acting): Outcome<true> {
    const decision = decide(acting.user, 'manage-leads', { actorOrg: acting.org });
    return decision.allowed ? ok(true) : refuse(decision.reason, decision.params, decision.neededRoles);
  }

  async list(acting: Acting): Promise<Outcome<{ lead: Lead; customer?: Organization }[]>> {
    const allowed = this.allowed(acting);
    if (!allowed.ok) return allowed;
    const leads = (await this.store.findBy('leads', 'partner', acting.org.tenantId)).sort((a, b) =>
      b.createdAt.localeCompare(a.createdAt),
    );
    const rows = [];
    for (const lead of leads)
      rows.push({ lead, customer: await this.store.get('organizations', lead.customerTenantId) });
    return ok(rows);
  }

  async mark(acting: Acting, leadId: string, status: Exclude<LeadStatus, 'new'>): Promise<Outcome<Lead>> {
    const allowed = this.allowed(acting);
    if (!allowed.ok) return allowed;
    return withRetry(this.store, async (tx) => {
      const lead = await tx.get('leads', leadId);
      if (!lead || lead.partnerTenantId !== acting.org.tenantId) return refuse('lead-not-found');
      if (lead.status === status) return ok(lead);
      if (lead.status === 'converted' || lead.status === 'declined')
        return refuse('lead-closed', { status: lead.status });
      const now = this.clock();
      const saved = tx.update('leads', { ...lead, status, updatedAt: now.toISOString() });
      audit(tx, now, {
        actor: actorOf(acting),
        action: `lead.${status}`,
        target: { type: 'lead', id: lead.id },
        tenantIds: [lead.partnerTenantId, lead.customerTenantId],
      });
      return ok(saved);
    });
  }
}
