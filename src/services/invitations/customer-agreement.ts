import { randomUUID } from 'node:crypto';
import type { AgreementAcceptance } from '../../domain/model.js';
import { decide } from '../../domain/policy.js';
import { withRetry, type Store, type Transaction } from '../../store/store.js';
import { audit } from '../audit.js';
import { actorOf, type Acting } from './invitations.js';
import { ok, refuse, type Outcome } from '../outcome.js';
import type { McaAcceptedHook } from './mca-notice.js';
import { settleCustomerMcaOf } from '../relationships/customer-mca.js';

export const MCA_VERSION = 'Microsoft Customer Agreement (2024-01)';

/** Records the organisation's MCA acceptance, once: returns undefined when it was already accepted. */
export async function recordMcaAcceptance(
  tx: Transaction,
  acting: Acting,
  now: Date,
): Promise<AgreementAcceptance | undefined> {
  const org = await tx.get('organizations', acting.org.tenantId);
  if (!org || org.mcaAcceptanceId) return undefined;
  const agreement = tx.insert('agreements', {
    id: randomUUID(),
    tenantId: org.tenantId,
    agreement: 'MCA',
    agreementVersion: MCA_VERSION,
    acceptedByUserId: acting.user.id,
    acceptedByName: acting.user.name,
    acceptedAt: now.toISOString(),
    primaryContact: { name: acting.user.name, email: acting.user.email },
  });
  // In the same transaction: the no-mca list pages through what the customer's relationships say.
  await settleCustomerMcaOf(tx, tx.update('organizations', { ...org, mcaAcceptanceId: agreement.id }));
  audit(tx, now, {
    actor: actorOf(acting),
    action: 'mca.accepted',
    target: { type: 'organization', id: org.tenantId },
    tenantIds: [org.tenantId],
    after: { version: MCA_VERSION },
  });
  return agreement;
}

/** "Accept" the MCA alone (rule 6), for an organisation that has a partner but has not signed it. */
export class CustomerAgreement {
  constructor(
    private readonly store: Store,
    private readonly clock: () => Date,
    private readonly onAccepted?: McaAcceptedHook,
  ) {}

  async current(acting: Acting): Promise<Outcome<AgreementAcceptance | undefined>> {
    const decision = decide(acting.user, 'accept-mca', { actorOrg: acting.org });
    if (!decision.allowed) return refuse(decision.reason, decision.params, decision.neededRoles);
    const org = await this.store.get('organizations', acting.org.tenantId);
    return ok(org?.mcaAcceptanceId ? await this.store.get('agreements', org.mcaAcceptanceId) : undefined);
  }

  async accept(acting: Acting, acknowledged: boolean): Promise<Outcome<AgreementAcceptance>> {
    const current = await this.current(acting);
    if (!current.ok) return current;
    if (current.value)
      return refuse('mca-already-accepted', { name: current.value.acceptedByName, at: current.value.acceptedAt });
    if (!acknowledged) return refuse('mca-acknowledgement-required');
    return withRetry(this.store, async (tx) => {
      const recorded = await recordMcaAcceptance(tx, acting, this.clock());
      if (recorded) {
        await this.onAccepted?.(tx, acting.org, recorded);
        return ok(recorded);
      }
      const org = await tx.get('organizations', acting.org.tenantId);
      const existing = org?.mcaAcceptanceId ? await tx.get('agreements', org.mcaAcceptanceId) : undefined;
      return refuse('mca-already-accepted', { name: existing?.acceptedByName ?? '?', at: existing?.acceptedAt ?? '' });
    });
  }
}
