import { INVITATION_VERBS } from '../../../../src/cards/invitation-card.js';
import { INBOX_VERBS } from '../../../../src/bot/workflows/customer/invitation-inbox.js';
import type { AdminRoleId } from '../../../../src/domain/model.js';
import { DEMO_TENANTS } from '../../../../src/store/demo-world.js';
import { useBotWorld } from '../../../support/bot-world.js';
import { buttonsOf, itemsOf } from '../../../support/card-items.js';
import { sendInvitation, setInvitation, WITH_ROLES } from '../../../support/invitations.js';
import { persona } from '../../../support/personas.js';
import { NOW } from '../../../support/world.js';
import { InvitationService } from '../../../../src/services/invitations/invitations.js';

const [carmen, bill, helen, omar, franz] = [
  persona('carmen'),
  persona('bill'),
  persona('helen'),
  persona('omar'),
  persona('franz'),
];
const RESELLER_ONLY = { ...WITH_ROLES, relationshipTypes: ['reseller' as const], adminAccess: null };
const withRoles = (roles: AdminRoleId[]) => ({ ...WITH_ROLES, adminAccess: { ...WITH_ROLES.adminAccess!, roles } });

describe("the customer's inbox: invitations waiting for their organisation", () => {
  const chat = useBotWorld();

  it('lists each waiting invitation with the partner, what it asks and days left; the button opens Accept & Authorize', async () => {
    const helpdesk = await sendInvitation(chat.store);
    const reseller = await sendInvitation(chat.store, RESELLER_ONLY, new Date(NOW.getTime() - 30 * 86_400_000));
    const bot = chat.harness(carmen);
    const { cards, text } = await bot.sayWithCards('invitations');
    expect(text).toContain('Invitations for Contoso Ltd');
    const items = itemsOf(cards[0]);
    // Soonest to lapse first: the one sent 30 days ago.
    expect(items.map((i) => i.heading)).toEqual([
      'Adatum Cloud Partners · Reseller · no admin roles · created 23 Oct 2026 10:00 UTC',
      'Adatum Cloud Partners · Reseller, Delegated administrator · Helpdesk Administrator · created 22 Nov 2026 10:00 UTC',
    ]);
    for (const words of [
      'Partner\nAdatum Cloud Partners',
      'Relationship\nReseller, Delegated administrator',
      'Admin roles\nHelpdesk Administrator',
      'Duration\n90 days',
      'Sent\nby Alex Wilber, 22 Nov 2026 10:00 UTC',
      'Answer before\n20 Feb 2027 (90 days left)',
    ]) {
      expect(items[1]!.text).toContain(words);
    }
    expect(items[0]!.text).toContain('Answer before\n21 Jan 2027 (60 days left)');
    expect(items[0]!.text).toContain('Admin roles\nno admin roles');
    expect(items.map((i) => i.buttons.map((b) => [b.title, b.data.invitationId]))).toEqual([
      [['Open Accept & Authorize', reseller.id]],
      [['Open Accept & Authorize', helpdesk.id]],
    ]);
    const open = items[1]!.buttons[0]!;
    expect(open.verb).toBe(INBOX_VERBS.open);
    const card = await bot.click(open.verb, open.data);
    expect(card.text).toContain('Accept agreement & authorize partner');
    expect(card.text).toContain('Helpdesk Administrator');
    expect(card.text).toContain('Accept & Authorize');
    // The card opened answers on its own, like the copy delivered in Teams.
    const accepted = await bot.click(INVITATION_VERBS.accept, { invitationId: helpdesk.id, acknowledged: 'true' });
    expect(accepted.text).toContain('Invitation accepted');
    // The list ended when an invitation was opened from it: its other button changes nothing.
    expect((await bot.click(open.verb, { invitationId: reseller.id })).text).toContain('This form is no longer active');
    expect((await chat.store.get('invitations', reseller.id))?.status).toBe('approval-pending');
  });

  it('lists only what the organisation can still answer: not unsent, answered, cancelled, expired or another customer’s', async () => {
    const waiting = await sendInvitation(chat.store);
    for (const [roles, change] of [
      [['user-administrator'], { status: 'declined' as const }],
      [['license-administrator'], { status: 'cancelled' as const }],
      [['exchange-administrator'], { status: 'expired' as const }],
      [['teams-administrator'], { expiresAt: new Date(NOW.getTime() - 1000).toISOString() }],
    ] as const) {
      await setInvitation(chat.store, (await sendInvitation(chat.store, withRoles([...roles]))).id, change);
    }
    // Created, never sent: the customer was never asked.
    const service = new InvitationService(chat.store, () => NOW, {
      fourEyes: false,
      singleDelegatedAdminPartner: false,
    });
    await service.request(
      {
        user: (await chat.store.get('users', persona('alex').id))!,
        org: (await chat.store.get('organizations', DEMO_TENANTS.adatum))!,
      },
      withRoles(['security-reader']),
    );
    const items = itemsOf((await chat.harness(carmen).sayWithCards('invitations')).cards[0]);
    expect(items.map((i) => i.buttons[0]!.data.invitationId)).toEqual([waiting.id]);
    // Fabrikam's admin sees none of Contoso's.
    expect(await chat.harness(franz).say('invitations')).toContain(
      'No invitation is waiting for an answer from Fabrikam Inc.',
    );
  });

  it('lists one sent to the domain before Partner Desk knew the organisation; opened, it is accepted and bound', async () => {
    // Sent by domain while nobody at Contoso used Partner Desk: no tenant on it, only the domain.
    const byDomain = await sendInvitation(chat.store, withRoles(['user-administrator']));
    await setInvitation(chat.store, byDomain.id, { customerTenantId: undefined, customerDomain: 'CONTOSO.com' });
    const elsewhere = await sendInvitation(chat.store, withRoles(['teams-administrator']));
    await setInvitation(chat.store, elsewhere.id, { customerTenantId: undefined, customerDomain: 'northwind.example' });
    const bot = chat.harness(carmen);
    const items = itemsOf((await bot.sayWithCards('invitations')).cards[0]);
    expect(items.map((i) => [i.heading.split(' · ')[2], i.buttons[0]!.data.invitationId])).toEqual([
      ['User Administrator', byDomain.id],
    ]);
    expect(await chat.harness(franz).say('invitations')).toContain(
      'No invitation is waiting for an answer from Fabrikam Inc.',
    );
    // Fabrikam's admin cannot open it with its id either.
    expect((await chat.harness(franz).click(INBOX_VERBS.open, { invitationId: byDomain.id })).text).not.toContain(
      'Accept agreement & authorize partner',
    );
    const card = await bot.click(items[0]!.buttons[0]!.verb, items[0]!.buttons[0]!.data);
    expect(card.text).toContain('Accept agreement & authorize partner');
    const accepted = await bot.click(INVITATION_VERBS.accept, { invitationId: byDomain.id, acknowledged: 'true' });
    expect(accepted.text).toContain('Invitation accepted');
    const saved = await chat.store.get('invitations', byDomain.id);
    expect([saved?.status, saved?.customerTenantId]).toEqual(['accepted', DEMO_TENANTS.contoso]);
  });

  it('a billing admin sees them too; a helpdesk admin and a user without admin role are refused', async () => {
    await sendInvitation(chat.store);
    expect(await chat.harness(bill).say('invitations')).toContain(
      'Adatum Cloud Partners · Reseller, Delegated administrator',
    );
    for (const person of [helen, omar]) {
      const text = await chat.harness(person).say('invitations');
      expect(text).toContain('Not allowed');
      expect(text).not.toContain('Adatum Cloud Partners ·');
    }
  });

  it('pages: six invitations, five on the first page and the sixth after Next', async () => {
    const roles: AdminRoleId[] = [
      'helpdesk-administrator',
      'user-administrator',
      'license-administrator',
      'exchange-administrator',
      'teams-administrator',
      'security-reader',
    ];
    const ids = [];
    for (const role of roles) ids.push((await sendInvitation(chat.store, withRoles([role]))).id);
    const bot = chat.harness(carmen);
    const { cards, text } = await bot.sayWithCards('invitations');
    expect(text).toContain('Showing 1–5 of 6 (page 1 of 2).');
    const [next] = buttonsOf(cards[0]);
    expect(next!.title).toBe('Next');
    const second = await bot.click(next!.verb, next!.data);
    const all = [...itemsOf(cards[0]), ...itemsOf(second.card)].map((i) => i.buttons[0]!.data.invitationId);
    expect(all.sort()).toEqual(ids.sort());
  });

  it('in Spanish', async () => {
    await sendInvitation(chat.store);
    const bot = chat.harness(carmen, {}, 'es-ES');
    const { cards, text } = await bot.sayWithCards('invitaciones');
    expect(text).toContain('Invitaciones para Contoso Ltd');
    const [item] = itemsOf(cards[0]);
    expect(item!.text).toContain('Responder antes de\n20 feb 2027 (quedan 90 días)');
    expect(item!.text).toContain('Enviada\npor Alex Wilber, 22 nov 2026 10:00 UTC');
    expect(item!.buttons[0]!.title).toBe('Abrir Aceptar & Autorizar');
    expect(await bot.say('ayuda')).toContain('Invitaciones que esperan la respuesta de su organización');
  });

  it('none waiting: says so; help lists the command for a customer admin in its own words', async () => {
    const bot = chat.harness(carmen);
    expect(await bot.say('invitations')).toContain('No invitation is waiting for an answer from Contoso Ltd.');
    const help = await bot.say('help');
    expect(help).toContain("Invitations waiting for your organisation's answer; open one to Accept & Authorize");
    expect(help).not.toContain('resend or cancel');
  });
});
