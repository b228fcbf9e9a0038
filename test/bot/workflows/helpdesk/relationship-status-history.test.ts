import { PARTNER_VERBS } from '../../../../src/bot/workflows/partner/partner-admin.js';
import { INVITATION_VERBS } from '../../../../src/cards/invitation-card.js';
import { MemoryLogger } from '../../../../src/logging/logger.js';
import { Notifier } from '../../../../src/services/outbox/notifications.js';
import { ExpiryGuardian } from '../../../../src/services/relationships/expiry-guardian.js';
import { useBotWorld } from '../../../support/bot-world.js';
import { sendInvitation, WITH_ROLES } from '../../../support/invitations.js';
import { persona } from '../../../support/personas.js';
import { NOW } from '../../../support/world.js';

const [alex, hana, carmen] = [persona('alex'), persona('hana'), persona('carmen')];
const DAY = 86_400_000;
const withRoles = (roles: ('user-administrator' | 'license-administrator')[]) => ({
  ...WITH_ROLES,
  adminAccess: { ...WITH_ROLES.adminAccess!, roles },
});

describe('status shows the whole story: invitations declined, cancelled or expired, with when and who', () => {
  const chat = useBotWorld();

  /** One invitation declined by Carmen, one cancelled by Alex, one lapsed (sent 91 days ago), and one still open. */
  async function story() {
    const declined = await sendInvitation(chat.store);
    await chat.harness(carmen).click(INVITATION_VERBS.decline, { invitationId: declined.id });
    const cancelled = await sendInvitation(chat.store, withRoles(['user-administrator']));
    const partner = chat.harness(alex);
    await partner.click(PARTNER_VERBS.cancelConfirm, { invitationId: cancelled.id }); // Cancel on the pending list
    await partner.click(PARTNER_VERBS.cancel, { invitationId: cancelled.id });
    await sendInvitation(chat.store, withRoles(['license-administrator']), new Date(NOW.getTime() - 91 * DAY));
    const logger = new MemoryLogger();
    const notifier = new Notifier(chat.store, { clock: () => NOW, logger });
    const report = await new ExpiryGuardian({
      store: chat.store,
      notifier,
      clock: () => NOW,
      defaultLanguage: 'en',
      logger,
    }).runOnce();
    expect(report.expired).toHaveLength(1);
    await sendInvitation(chat.store, { ...WITH_ROLES, relationshipTypes: ['reseller'], adminAccess: null });
  }

  it.each([
    ['a partner helpdesk agent', hana, 'status contoso'],
    ['the customer global admin', carmen, 'status adatum'],
  ])('%s sees each closed invitation with its outcome, when and who', async (_who, person, command) => {
    await story();
    const text = await chat.harness(person).say(command);
    for (const line of [
      'Invitations no longer open',
      'Reseller, Delegated administrator · Helpdesk Administrator · created 22 Nov 2026\nDeclined by Carmen Navarro on 22 Nov 2026',
      'Reseller, Delegated administrator · User Administrator · created 22 Nov 2026\nCancelled by Alex Wilber on 22 Nov 2026',
      'Reseller, Delegated administrator · License Administrator · created 23 Aug 2026\nExpired on 21 Nov 2026: not answered within 90 days',
    ]) {
      expect(text).toContain(line);
    }
    // The open one stays under pending, not among the closed.
    expect(text).toContain('Pending invitations');
    expect(text.split('Invitations no longer open')[1]).not.toContain('no admin roles');
  });

  it('in Spanish', async () => {
    await story();
    const text = await chat.harness(hana, {}, 'es-ES').say('estado contoso');
    expect(text).toContain('Invitaciones que ya no están abiertas');
    expect(text).toContain('Rechazada por Carmen Navarro el 22 nov 2026');
    expect(text).toContain('Cancelada por Alex Wilber el 22 nov 2026');
    expect(text).toContain('Caducada el 21 nov 2026: no se respondió en 90 días');
  });
});
