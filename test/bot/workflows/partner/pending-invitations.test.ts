import { PENDING_VERBS } from '../../../../src/bot/workflows/partner/pending-invitations.js';
import { PARTNER_VERBS } from '../../../../src/bot/workflows/partner/partner-admin.js';
import { REQUEST_VERBS } from '../../../../src/cards/request-card.js';
import type { AdminRoleId } from '../../../../src/domain/model.js';
import { useBotWorld } from '../../../support/bot-world.js';
import { buttonsOf, itemsOf } from '../../../support/card-items.js';
import { sendInvitation, WITH_ROLES } from '../../../support/invitations.js';
import { persona } from '../../../support/personas.js';

const alex = persona('alex');

/** Invitations to one customer that differ only in what they ask for. */
const ROLE_SETS: AdminRoleId[][] = [
  ['helpdesk-administrator'],
  ['user-administrator'],
  ['license-administrator'],
  ['exchange-administrator'],
  ['teams-administrator'],
  ['security-reader'],
  ['global-reader'],
];

describe('partner: pending invitations, each told apart and each reachable', () => {
  const chat = useBotWorld();

  async function inviteContoso(count: number): Promise<string[]> {
    const ids: string[] = [];
    for (const roles of ROLE_SETS.slice(0, count)) {
      ids.push(
        (await sendInvitation(chat.store, { ...WITH_ROLES, adminAccess: { ...WITH_ROLES.adminAccess!, roles } })).id,
      );
    }
    return ids;
  }

  it('four for the same customer: four headings that differ, each with its own Cancel and New link', async () => {
    const ids = await inviteContoso(4);
    const { cards } = await chat.harness(alex).sayWithCards('invitations');
    const items = itemsOf(cards[0]);
    expect(items.map((i) => i.heading)).toEqual([
      'Contoso Ltd · Reseller, Delegated administrator · Helpdesk Administrator · created 22 Nov 2026 10:00 UTC',
      'Contoso Ltd · Reseller, Delegated administrator · User Administrator · created 22 Nov 2026 10:00 UTC',
      'Contoso Ltd · Reseller, Delegated administrator · License Administrator · created 22 Nov 2026 10:00 UTC',
      'Contoso Ltd · Reseller, Delegated administrator · Exchange Administrator · created 22 Nov 2026 10:00 UTC',
    ]);
    for (const item of items) {
      expect(item.buttons.map((b) => b.title)).toEqual(['New link', 'Cancel invitation']);
    }
    const cancels = items.map((i) => i.buttons.find((b) => b.verb === PARTNER_VERBS.cancelConfirm)!.data.invitationId);
    expect(cancels.sort()).toEqual([...ids].sort());
    const newLinks = items.map((i) => i.buttons.find((b) => b.verb === REQUEST_VERBS.newLink)!.data.invitationId);
    expect(newLinks.sort()).toEqual([...ids].sort());
    // Fewer than a page: no paging buttons.
    expect(buttonsOf(cards[0])).toEqual([]);
  });

  it('the fourth is cancelled through its own button; the others stay open', async () => {
    const ids = await inviteContoso(4);
    const bot = chat.harness(alex);
    const { cards } = await bot.sayWithCards('invitations');
    const fourth = itemsOf(cards[0])[3]!;
    const cancel = fourth.buttons.find((b) => b.verb === PARTNER_VERBS.cancelConfirm)!;
    const confirm = await bot.click(cancel.verb, cancel.data);
    expect(confirm.text).toContain('Cancel the invitation to Contoso Ltd?');
    expect(confirm.text).toContain('Exchange Administrator');
    expect(confirm.text).toContain('by Alex Wilber, 22 Nov 2026 10:00 UTC');
    const done = await bot.click(PARTNER_VERBS.cancel, cancel.data);
    expect(done.text).toContain('The invitation to Contoso Ltd is cancelled.');
    expect(done.text).toContain('Exchange Administrator');
    const statuses = await Promise.all(ids.map(async (id) => (await chat.store.get('invitations', id))?.status));
    expect(statuses).toEqual(['approval-pending', 'approval-pending', 'approval-pending', 'cancelled']);
    const after = itemsOf((await bot.sayWithCards('invitations')).cards[0]).map((i) => i.heading);
    expect(after.join('\n')).not.toContain('Exchange Administrator');
    expect(after).toHaveLength(3);
  });

  it('seven: five on the first page, Next shows the other two, and every one has its own Cancel', async () => {
    const ids = await inviteContoso(7);
    const bot = chat.harness(alex);
    const { cards, text } = await bot.sayWithCards('invitations');
    expect(text).toContain('Showing 1–5 of 7 (page 1 of 2).');
    const first = itemsOf(cards[0]);
    expect(first).toHaveLength(5);
    const next = buttonsOf(cards[0]);
    expect(next.map((b) => b.title)).toEqual(['Next']);
    const second = await bot.click(next[0]!.verb, next[0]!.data);
    expect(second.text).toContain('Showing 6–7 of 7 (page 2 of 2).');
    expect(buttonsOf(second.card).map((b) => b.title)).toEqual(['Previous']);
    const reachable = [...first, ...itemsOf(second.card)].map(
      (i) => i.buttons.find((b) => b.verb === PARTNER_VERBS.cancelConfirm)!.data.invitationId,
    );
    expect(reachable.sort()).toEqual([...ids].sort());
  });

  it('in Spanish, each heading and button in Spanish', async () => {
    await inviteContoso(2);
    const { cards } = await chat.harness(alex, {}, 'es-ES').sayWithCards('invitaciones');
    const items = itemsOf(cards[0]);
    expect(items[0]!.heading).toBe(
      'Contoso Ltd · Revendedor, Administrador delegado · Administrador del departamento de soporte técnico · creada el 22 nov 2026 10:00 UTC',
    );
    expect(items[1]!.buttons.map((b) => b.title)).toEqual(['Vínculo nuevo', 'Cancelar invitación']);
  });

  it('the page verb refuses a helpdesk agent, who may not see invitations', async () => {
    await inviteContoso(1);
    const { text } = await chat.harness(persona('hana')).click(PENDING_VERBS.page, { page: 1 });
    expect(text).toContain('Not allowed');
    expect(text).not.toContain('Contoso Ltd');
  });

  it('one page is shown beside an open request form, which stays usable; nothing asks to leave it', async () => {
    await inviteContoso(2);
    const bot = chat.harness(alex);
    await bot.say('request relationship');
    const list = await bot.say('invitations');
    expect(list).toContain('Contoso Ltd · Reseller, Delegated administrator · Helpdesk Administrator');
    expect(list).not.toContain('Leave');
    const draft = await bot.click(REQUEST_VERBS.submit, { customer: 'fabrikam.us', relationship: 'reseller' });
    expect(draft.text).toContain('Invitation for Fabrikam Inc');
  });

  it('a longer list in the middle of a request asks whether to leave the request first', async () => {
    await inviteContoso(7);
    const bot = chat.harness(alex);
    await bot.say('request relationship');
    const asked = await bot.say('invitations');
    expect(asked).toContain('Leave requesting a reseller relationship?');
    expect(asked).not.toContain('Showing 1–5 of 7');
  });

  it("New link on a list's page: the draft is sent, and the list it came from still pages", async () => {
    await inviteContoso(7);
    const bot = chat.harness(alex);
    const { cards } = await bot.sayWithCards('invitations');
    const next = buttonsOf(cards[0])[0]!;
    const newLink = itemsOf(cards[0])[0]!.buttons.find((b) => b.verb === REQUEST_VERBS.newLink)!;
    const draft = await bot.click(newLink.verb, newLink.data);
    expect(draft.text).toContain('Invitation for Contoso Ltd');
    const link = /http:\/\/localhost:3978\/invite\/[A-Z2-7]{32}/.exec(draft.text)![0];
    const sent = await bot.click(REQUEST_VERBS.done, {
      invitationId: newLink.data.invitationId,
      token: link.split('/').pop(),
      subject: 'Your invitation, again',
      body: link,
    });
    expect(sent.text).toContain('Invitation sent to Contoso Ltd');
    // The list waited below the draft: its Next shows the other page, read afresh.
    const second = await bot.click(next.verb, next.data);
    expect(second.text).toContain('Showing 6–7 of 7 (page 2 of 2).');
  });
});
