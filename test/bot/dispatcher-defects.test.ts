import { REQUEST_VERBS } from '../../src/cards/request-card.js';
import { hashInvitationToken } from '../../src/services/invitations/invitation-token.js';
import { useBotWorld } from '../support/bot-world.js';
import { persona } from '../support/personas.js';

const alex = persona('alex'); // Adatum admin agent
const hana = persona('hana'); // Adatum helpdesk agent
const umar = persona('umar'); // Adatum user management admin
const carmen = persona('carmen'); // Contoso global admin

const RESELLER_ONLY = { customer: 'contoso.com', relationship: 'reseller', includeAdmin: 'false', durationDays: '180' };

describe('the defects the dispatcher closes', () => {
  const world = useBotWorld();

  /** Alex's draft invitation: its id, and the link the partner already copied into an email. */
  async function draft() {
    const partner = world.harness(alex);
    await partner.say('request relationship');
    const { text } = await partner.click(REQUEST_VERBS.submit, RESELLER_ONLY);
    const link = /http:\/\/localhost:3978\/invite\/[A-Z2-7]{32}/.exec(text)![0];
    const [invitation] = await world.store.findBy('invitations', 'tokenHash', hashInvitationToken(link)!);
    return { invitation: invitation!, link, token: link.split('/').pop()! };
  }

  it.each([
    ['a helpdesk agent', hana],
    ['a user management admin', umar],
  ])(
    '%s can neither renew a partner’s invitation link nor send it; the link already sent keeps working',
    async (_n, person) => {
      const { invitation, link, token } = await draft();
      const bot = world.harness(person);
      const renewed = await bot.click(REQUEST_VERBS.newLink, { invitationId: invitation.id });
      expect(renewed.text).toContain('Not allowed');
      expect(renewed.text).toContain('This needs the role: Admin agent or Sales agent or Global admin.');
      const sent = await bot.click(REQUEST_VERBS.done, {
        invitationId: invitation.id,
        token,
        subject: 's',
        body: link,
      });
      expect(sent.text).toContain('This needs the role: Admin agent or Sales agent or Global admin.');
      expect(await world.store.get('invitations', invitation.id)).toEqual(invitation);
    },
  );

  it('a customer admin cannot act on a partner’s invitation by its id', async () => {
    const { invitation } = await draft();
    const { text } = await world.harness(carmen).click(REQUEST_VERBS.newLink, { invitationId: invitation.id });
    expect(text).toContain('This is done by the other side');
    expect(await world.store.get('invitations', invitation.id)).toEqual(invitation);
  });

  it('private answers stay out of group chats and channels; help works anywhere', async () => {
    const bot = world.harness(carmen);
    for (const place of ['groupChat', 'channel'] as const) {
      const shown = await bot.sayIn(place, 'my partners');
      expect(shown).toContain('only in your personal chat with Partner Desk');
      expect(shown).not.toContain('Litware');
      expect(await bot.sayIn(place, 'help')).toContain('my partners');
      const welcome = await bot.sayIn(place, {
        type: 'conversationUpdate',
        membersAdded: [{ id: `29:${carmen.aadObjectId}`, name: 'Carmen' }],
      });
      expect(welcome).toContain('open a personal chat with Partner Desk');
      expect(welcome).not.toContain('Global admin');
    }
    expect(await bot.say('my partners')).toContain('Litware');
  });

  it.each([
    ['en-US', 'The card sent data I cannot use'],
    ['es-ES', 'confirmed'],
  ])('a malformed card payload gets a card naming the field, in the person’s language (%s)', async (locale, words) => {
    const bot = world.harness(carmen, {}, locale);
    const { text } = await bot.click('mca.accept', { confirmed: 'maybe', ['<b>' + 'x'.repeat(50)]: 1 });
    expect(text).toContain(words);
    expect(text).toContain('confirmed');
    expect(text).not.toContain('Invalid option');
    expect(text).not.toContain('<b>');
    expect((await world.store.get('organizations', carmen.tenantId))?.mcaAcceptanceId).toBeUndefined();
  });
});
