import { DEMO_TENANTS } from '../../src/store/demo-world.js';
import { InvitationService, type InvitationRequest } from '../../src/services/invitations/invitations.js';
import type { Invitation } from '../../src/domain/model.js';
import type { Store } from '../../src/store/store.js';
import { NOW } from './world.js';
import { persona } from './personas.js';

export const WITH_ROLES: InvitationRequest = {
  kind: 'reseller',
  customer: { tenantId: DEMO_TENANTS.contoso },
  relationshipTypes: ['reseller', 'delegated-admin'],
  adminAccess: { roles: ['helpdesk-administrator'], durationDays: 90, autoExtend: false },
};

/** Adatum's admin agent (Alex) requests and sends an invitation; returns its id and its one-time token. */
export async function sendInvitation(
  store: Store,
  request: InvitationRequest = WITH_ROLES,
  now: Date = NOW,
): Promise<{ id: string; token: string }> {
  const service = new InvitationService(store, () => now, { fourEyes: false, singleDelegatedAdminPartner: false });
  const alex = persona('alex');
  const acting = {
    user: (await store.get('users', alex.id))!,
    org: (await store.get('organizations', DEMO_TENANTS.adatum))!,
  };
  const issued = await service.request(acting, request);
  if (!issued.ok || !issued.value.token) throw new Error(JSON.stringify(issued));
  const sent = await service.markSent(acting, issued.value.invitation.id, { subject: 's', body: 'b' });
  if (!sent.ok) throw new Error(JSON.stringify(sent));
  return { id: issued.value.invitation.id, token: issued.value.token };
}

/** Moves an invitation to a state directly in the store (answered, cancelled, expired…). */
export async function setInvitation(store: Store, id: string, change: Partial<Invitation>): Promise<void> {
  await store.transaction(async (tx) => {
    const invitation = (await tx.get('invitations', id))!;
    tx.update('invitations', { ...invitation, ...change });
  });
}
