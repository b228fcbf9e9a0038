import { randomUUID } from 'node:crypto';
import { convertsTrial, trialEndsAt, type Purchase } from '../../domain/offers.js';
import type { ActorAt, Invitation } from '../../domain/model.js';
import { pairKey, type Transaction } from '../../store/store.js';
import { audit } from '../audit.js';

/**
 * What an accepted trial or purchase offer leaves behind, in the accepting transaction (rule 12): a trial with
 * its own start and end, or a purchase with its licence counts, which converts the partner's trials it covers.
 */
export async function recordOffer(tx: Transaction, invitation: Invitation, by: ActorAt, now: Date): Promise<void> {
  const customerTenantId = invitation.customerTenantId;
  if (!customerTenantId) return;
  const tenantIds = [invitation.partnerTenantId, customerTenantId];
  const actor = { userId: by.userId, name: by.name, tenantId: by.tenantId };
  if (invitation.kind === 'trial') {
    const trial = tx.insert('trials', {
      id: randomUUID(),
      invitationId: invitation.id,
      partnerTenantId: invitation.partnerTenantId,
      customerTenantId,
      services: invitation.services,
      status: 'active',
      startAt: now.toISOString(),
      endAt: trialEndsAt(now).toISOString(),
      acceptedBy: by,
    });
    audit(tx, now, { actor, action: 'trial.started', target: { type: 'trial', id: trial.id }, tenantIds });
    return;
  }
  if (invitation.kind !== 'purchase-offer') return;
  const services = invitation.services.filter((s): s is Purchase['services'][number] => s.licences !== undefined);
  const purchase = tx.insert('purchases', {
    id: randomUUID(),
    invitationId: invitation.id,
    partnerTenantId: invitation.partnerTenantId,
    customerTenantId,
    services,
    acceptedBy: by,
    purchasedAt: now.toISOString(),
  });
  audit(tx, now, {
    actor,
    action: 'purchase.recorded',
    target: { type: 'purchase', id: purchase.id },
    tenantIds,
    after: { services },
  });
  for (const trial of await tx.findBy('trials', 'pair', pairKey(invitation.partnerTenantId, customerTenantId))) {
    if (!convertsTrial(trial, purchase)) continue;
    tx.update('trials', { ...trial, status: 'converted', convertedAt: now.toISOString(), purchaseId: purchase.id });
    audit(tx, now, { actor, action: 'trial.converted', target: { type: 'trial', id: trial.id }, tenantIds });
  }
}
