import { INVITATION_VERBS } from '../../../src/cards/invitation-card.js';
import type { NotificationRecord } from '../../../src/store/runtime-records.js';
import { visibleText } from '../../support/activities.js';
import { useBotWorld } from '../../support/bot-world.js';
import { sendInvitation, WITH_ROLES } from '../../support/invitations.js';
import { persona } from '../../support/personas.js';

const [alex, grace, sam, carmen] = [persona('alex'), persona('grace'), persona('sam'), persona('carmen')];

/** Two invitations to Contoso that differ in what they ask: the notice must say which one was answered. */
const USER_ADMIN = {
  ...WITH_ROLES,
  adminAccess: { roles: ['user-administrator' as const], durationDays: 30, autoExtend: false },
};

describe('the partner is told which invitation was answered, once per person', () => {
  const chat = useBotWorld();
  const to = async (kind: string) => (await chat.store.all('notifications')).filter((n) => n.kind.startsWith(kind));

  it.each([
    ['accepts', INVITATION_VERBS.accept, 'invitation.accepted', 'Contoso Ltd accepted your invitation'],
    ['declines', INVITATION_VERBS.decline, 'invitation.declined', 'Contoso Ltd declined your invitation'],
  ])(
    'when the customer %s: one notice each for the sender and the admin agents, naming the invitation',
    async (_n, verb, kind, title) => {
      await sendInvitation(chat.store);
      const answered = await sendInvitation(chat.store, USER_ADMIN);
      await chat.harness(carmen).click(verb, { invitationId: answered.id, acknowledged: 'true' });
      const partnerSide = (await chat.store.all('notifications')).filter((n) => n.tenantId === alex.tenantId);
      // Alex sent it, Grace is an admin agent and global admin; Sam (sales agent) did not send it.
      expect(partnerSide.map((n) => [n.aadObjectId, n.kind]).sort()).toEqual(
        [alex, grace].map((p) => [p.aadObjectId, kind]).sort(),
      );
      expect(partnerSide.some((n) => n.aadObjectId === sam.aadObjectId)).toBe(false);
      const seen = visibleText((partnerSide[0] as NotificationRecord).payload);
      for (const words of [
        title,
        'Carmen Navarro',
        'Customer\nContoso Ltd',
        'Relationship\nReseller, Delegated administrator',
        'Admin roles\nUser Administrator',
        'Duration\n30 days',
        'Created\nby Alex Wilber, 22 Nov 2026 10:00 UTC',
      ]) {
        expect(seen).toContain(words);
      }
      expect(seen).not.toContain('Helpdesk Administrator');
    },
  );

  it('in Spanish for a partner who chose Spanish', async () => {
    await chat.store.transaction(async (tx) => {
      tx.update('users', { ...(await tx.get('users', alex.id))!, language: 'es' });
    });
    const { id } = await sendInvitation(chat.store, USER_ADMIN);
    await chat.harness(carmen).click(INVITATION_VERBS.accept, { invitationId: id, acknowledged: 'true' });
    const [notice] = (await to('invitation.accepted')).filter((n) => n.aadObjectId === alex.aadObjectId);
    const seen = visibleText(notice!.payload);
    expect(seen).toContain('Contoso Ltd aceptó su invitación');
    expect(seen).toContain('Roles de administrador\nAdministrador de usuarios');
    expect(seen).toContain('Creada\npor Alex Wilber, 22 nov 2026 10:00 UTC');
    expect(seen).toContain('Con ella, Contoso Ltd aceptó el Contrato de cliente de Microsoft');
  });
});
