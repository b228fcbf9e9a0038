import { useBotWorld } from '../../../support/bot-world.js';
import type { Person } from '../../../support/activities.js';
import { NOW } from '../../../support/world.js';
import { DEMO_TENANTS } from '../../../../src/store/demo-world.js';
import { INVITATION_VERBS } from '../../../../src/cards/invitation-card.js';
import { InvitationService, type InvitationRequest } from '../../../../src/services/invitations/invitations.js';
import { formatCode } from '../../../../src/services/invitations/invitation-token.js';
import type { Store } from '../../../../src/store/store.js';
import type { Invitation } from '../../../../src/domain/model.js';
import { MCA_VERB } from '../../../../src/bot/workflows/customer/accept-mca.js';
import { persona } from '../../../support/personas.js';
import { recordCommits } from '../../../support/commits.js';

const alex = persona('alex');
const carmen = persona('carmen');
const bill = persona('bill');
const helen = persona('helen');
const franz = persona('franz');

const WITH_ROLES: InvitationRequest = {
  kind: 'reseller',
  customer: { tenantId: DEMO_TENANTS.contoso },
  relationshipTypes: ['reseller', 'delegated-admin'],
  adminAccess: { roles: ['helpdesk-administrator'], durationDays: 90, autoExtend: false },
};
const RESELLER_ONLY: InvitationRequest = { ...WITH_ROLES, relationshipTypes: ['reseller'], adminAccess: null };

describe('Accept agreement & authorize partner', () => {
  const chat = useBotWorld();
  let store: Store;
  beforeEach(() => (store = chat.store));
  const as = (person: Person) => chat.harness(person);

  /** Adatum's admin agent sends Contoso an invitation; returns its id and token. */
  async function invite(request: InvitationRequest = WITH_ROLES): Promise<{ id: string; token: string }> {
    const service = new InvitationService(store, () => NOW, { fourEyes: false, singleDelegatedAdminPartner: false });
    const acting = {
      user: (await store.get('users', alex.id))!,
      org: (await store.get('organizations', DEMO_TENANTS.adatum))!,
    };
    const issued = await service.request(acting, request);
    if (!issued.ok || !issued.value.token) throw new Error(JSON.stringify(issued));
    await service.markSent(acting, issued.value.invitation.id, { subject: 's', body: 'b' });
    return { id: issued.value.invitation.id, token: issued.value.token };
  }
  const relationshipsOfContoso = async () =>
    (await store.findBy('relationships', 'customer', DEMO_TENANTS.contoso)).length;

  it('Accept & Authorize commits once for the acceptance and once for all its notifications together', async () => {
    const { id } = await invite();
    const bot = as(carmen);
    await bot.click(INVITATION_VERBS.refresh, { invitationId: id });
    const commits = recordCommits(store);
    const accepted = await bot.click(INVITATION_VERBS.accept, { invitationId: id, acknowledged: 'true' });
    expect(accepted.text).toContain('Invitation accepted');
    // The embedded store is this process's alone: the outbox claims in memory, so no claim commit.
    const [acceptance, record, ...more] = commits;
    expect(more).toEqual([]);
    // All or nothing: the answer, the MCA, the relationship, the audit trail and the messages owed.
    expect(new Set(acceptance)).toEqual(
      new Set(['invitations', 'agreements', 'organizations', 'relationships', 'auditEvents', 'notifications']),
    );
    const told = acceptance!.filter((c) => c === 'notifications').length;
    expect(record).toEqual(Array(told).fill('notifications'));
    // Each one's round is on record (those without a chat with the bot wait for one), none left claimed.
    const tried = (await store.all('notifications')).filter((n) => n.attempts === 1 && !n.claimedUntil);
    expect(tried).toHaveLength(told);
  });

  it('a global admin accepts: MCA recorded, relationship active, partner told, final card lists the partners', async () => {
    const { id } = await invite();
    const bot = as(carmen);
    const card = await bot.click(INVITATION_VERBS.refresh, { invitationId: id });
    for (const text of [
      'Accept agreement & authorize partner',
      'Adatum Cloud Partners',
      'Helpdesk Administrator',
      'Can reset passwords',
      '90 days',
      'Here in Teams: select Accept & Authorize below',
      'Read the Microsoft Customer Agreement before you accept.',
    ]) {
      expect(card.text).toContain(text);
    }
    const accepted = await bot.click(INVITATION_VERBS.accept, { invitationId: id, acknowledged: 'true' });
    expect(accepted.text).toContain('Invitation accepted');
    expect(accepted.text).toContain('The Microsoft Customer Agreement was accepted for Contoso Ltd by Carmen Navarro.');
    expect(accepted.text).toContain('Partners Contoso Ltd works with');
    expect(accepted.text).toContain('Litware Solutions');
    expect(JSON.stringify(accepted.card)).not.toContain('Action.Execute');
    const contoso = await store.get('organizations', DEMO_TENANTS.contoso);
    expect(contoso?.mcaAcceptanceId).toBeDefined();
    const relationship = (await store.findBy('relationships', 'customer', DEMO_TENANTS.contoso)).find(
      (r) => r.partnerTenantId === DEMO_TENANTS.adatum,
    );
    expect(relationship).toMatchObject({
      status: 'active',
      adminAccess: { roles: ['helpdesk-administrator'] },
      acceptedBy: { name: 'Carmen Navarro' },
    });
    const told = (await store.all('notifications'))
      .filter((n) => n.kind === 'invitation.accepted')
      .map((n) => n.aadObjectId);
    expect(told).toContain(alex.aadObjectId);

    const second = await as(bill).click(INVITATION_VERBS.accept, { invitationId: id, acknowledged: 'true' });
    expect(second.text).toContain('Carmen Navarro accepted the invitation from Adatum Cloud Partners');
    expect(await relationshipsOfContoso()).toBe(2);
  });

  it('an unticked acknowledgement is refused in the card, saving nothing', async () => {
    const { id } = await invite();
    const { text } = await as(carmen).click(INVITATION_VERBS.accept, { invitationId: id, acknowledged: 'false' });
    expect(text).toContain('Tick the acknowledgement first');
    expect(text).toContain('Accept & Authorize');
    expect((await store.get('invitations', id))?.status).toBe('approval-pending');
    expect(await relationshipsOfContoso()).toBe(1);
    expect((await store.get('organizations', DEMO_TENANTS.contoso))?.mcaAcceptanceId).toBeUndefined();
  });

  it.each<[string, Person, InvitationRequest, string]>([
    ['a billing admin, invitation with admin roles', bill, WITH_ROLES, 'only a global admin can accept it'],
    ['a helpdesk admin', helen, RESELLER_ONLY, 'This needs the role: Global admin or Billing admin.'],
    ['a user of another tenant', franz, WITH_ROLES, "I cannot find that, or it is not your organisation's"],
  ])('refuses %s, saving nothing', async (_name, person, request, message) => {
    const { id } = await invite(request);
    const { text } = await as(person).click(INVITATION_VERBS.accept, { invitationId: id, acknowledged: 'true' });
    expect(text).toContain(message);
    expect((await store.get('invitations', id))?.status).toBe('approval-pending');
    expect(await relationshipsOfContoso()).toBe(1);
  });

  it('a billing admin may accept a reseller-only invitation', async () => {
    const { id } = await invite(RESELLER_ONLY);
    expect((await as(bill).click(INVITATION_VERBS.accept, { invitationId: id, acknowledged: 'true' })).text).toContain(
      'Invitation accepted',
    );
  });

  it.each<[string, Partial<Invitation>, string]>([
    ['cancelled', { status: 'cancelled' }, 'The partner cancelled this invitation'],
    ['expired', { expiresAt: new Date(NOW.getTime() - 1000).toISOString() }, 'This invitation expired'],
  ])('an %s invitation says so and what to do', async (_name, change, message) => {
    const { id } = await invite();
    await store.transaction(
      async (tx) => void tx.update('invitations', { ...(await tx.get('invitations', id))!, ...change }),
    );
    const { text } = await as(carmen).click(INVITATION_VERBS.accept, { invitationId: id, acknowledged: 'true' });
    expect(text).toContain(message);
    expect(await relationshipsOfContoso()).toBe(1);
  });

  it('declining grants nothing and tells the partner (rule 7)', async () => {
    const { id } = await invite();
    const { text } = await as(carmen).click(INVITATION_VERBS.decline, { invitationId: id });
    expect(text).toContain('Carmen Navarro declined the invitation');
    expect(await relationshipsOfContoso()).toBe(1);
    expect(
      (await store.all('notifications')).some(
        (n) => n.kind === 'invitation.declined' && n.aadObjectId === alex.aadObjectId,
      ),
    ).toBe(true);
    expect(
      (await as(carmen).click(INVITATION_VERBS.accept, { invitationId: id, acknowledged: 'true' })).text,
    ).toContain('declined');
  });

  it.each([
    ['the code', (token: string) => `accept ${formatCode(token)}`],
    ['the link', (token: string) => `accept invitation http://localhost:3978/invite/${token}`],
  ])('opens the invitation from %s pasted in the chat', async (_name, command) => {
    const { token } = await invite();
    expect(await as(carmen).say(command(token))).toContain('Accept agreement & authorize partner');
  });

  it('asks for the code, and again when what was pasted is not one', async () => {
    const { token } = await invite();
    const bot = as(carmen);
    expect(await bot.say('accept invitation')).toContain('Paste the invitation link or its code');
    expect(await bot.say('hello')).toContain('That is not an invitation link or code');
    expect(await bot.say(formatCode(token))).toContain('Accept agreement & authorize partner');
  });

  it('while it waits for the code: where am i names the question, and a card clicked meanwhile changes nothing', async () => {
    await invite();
    const bot = as(carmen);
    await bot.say('accept invitation');
    expect(await bot.say('where am i')).toContain('You are in opening an invitation, at the invitation code');
    expect((await bot.click(MCA_VERB, { confirmed: 'true' })).text).toContain('This form is no longer active');
    expect(await store.findBy('agreements', 'tenant', carmen.tenantId)).toEqual([]);
    expect(await bot.say('ask partner')).toContain('at the invitation code');
  });

  it("replaces every other admin's copy of the card once one of them accepted", async () => {
    const carmenBot = as(carmen);
    const billBot = as(bill);
    await carmenBot.say('help'); // both have a conversation with the bot
    await billBot.say('help');
    const partner = as(alex);
    await partner.say('request relationship');
    await partner.click('request.submit', { customer: 'contoso.com', relationship: 'reseller', includeAdmin: 'false' });
    const [invitation] = await store.all('invitations');
    const link = `http://localhost:3978/invite/`;
    const draft = JSON.stringify((await partner.click('invitation.new-link', { invitationId: invitation!.id })).card);
    const token = /"token":"([A-Z2-7]{32})"/.exec(draft)![1]!;
    await partner.click('invitation.done', {
      invitationId: invitation!.id,
      token,
      subject: 's',
      body: `${link}${token}`,
    });
    await carmenBot.app.notifier.drain();
    expect(carmenBot.delivered.length + billBot.delivered.length + partner.delivered.length).toBeGreaterThanOrEqual(2);
    await carmenBot.click(INVITATION_VERBS.accept, { invitationId: invitation!.id, acknowledged: 'true' });
    await carmenBot.app.notifier.drain(); // the replacements are outbox work, delivered after the turn
    const toBill = carmenBot.updated.filter((u) => u.to === bill.aadObjectId);
    expect(toBill).toHaveLength(1);
    expect(JSON.stringify(toBill[0]!.message)).toContain(
      'Carmen Navarro accepted the invitation from Adatum Cloud Partners',
    );
    expect(JSON.stringify(toBill[0]!.message)).not.toContain('Action.Execute');
    expect(carmenBot.updated.filter((u) => u.to === carmen.aadObjectId)).toEqual([]);
  });

  it("answers Accept & Authorize while the connector hangs on the other admins' copies, and replaces them once it answers", async () => {
    const carmenBot = as(carmen);
    await carmenBot.say('help'); // both have a personal chat with the bot
    await as(bill).say('help');
    const { id } = await invite(RESELLER_ONLY);
    await store.transaction(async (tx) => {
      const invitation = (await tx.get('invitations', id))!;
      for (const admin of [carmen, bill]) {
        carmenBot.app.notifier.enqueue(tx, admin, 'invitation.received', { text: 'Accept?' }, invitation.id);
      }
    });
    await carmenBot.app.notifier.drain();
    const updated: string[] = [];
    let answerUpdate: () => void = () => undefined;
    let updateAsked: () => void = () => undefined;
    const asked = new Promise<void>((resolve) => (updateAsked = resolve));
    carmenBot.app.notifier.attach({
      deliver: async () => 'sent',
      update: (reference, activityId) =>
        new Promise<void>((resolve) => {
          answerUpdate = () => {
            updated.push(`${(reference.user as { aadObjectId?: string }).aadObjectId}:${activityId}`);
            resolve();
          };
          updateAsked();
        }),
    });
    carmenBot.deliverAfterEachTurn = false;
    const accepted = await carmenBot.click(INVITATION_VERBS.accept, { invitationId: id, acknowledged: 'true' });
    const draining = carmenBot.app.notifier.drain(); // what the server starts after every turn
    expect(accepted.text).toContain('Invitation accepted'); // the turn completed with the update still hanging
    const replacement = (await store.all('notifications')).find((n) => n.kind === 'update');
    expect(replacement).toMatchObject({ status: 'pending', aadObjectId: bill.aadObjectId });
    await asked; // the drain after the turn is waiting on the connector
    expect(updated).toEqual([]);
    answerUpdate();
    await draining;
    expect(updated).toEqual([`${bill.aadObjectId}:${replacement!.payload.activityId}`]);
    expect(await store.get('notifications', replacement!.id)).toMatchObject({ status: 'delivered' });
  });

  it('two admins accepting at the same moment: exactly one acceptance, both see the final state', async () => {
    const { id } = await invite(RESELLER_ONLY);
    const [first, second] = await Promise.all([
      as(carmen).click(INVITATION_VERBS.accept, { invitationId: id, acknowledged: 'true' }),
      as(bill).click(INVITATION_VERBS.accept, { invitationId: id, acknowledged: 'true' }),
    ]);
    const adatum = (await store.findBy('relationships', 'customer', DEMO_TENANTS.contoso)).filter(
      (r) => r.partnerTenantId === DEMO_TENANTS.adatum,
    );
    expect(adatum).toHaveLength(1);
    const accepted = (await store.all('auditEvents')).filter((e) => e.action === 'invitation.accepted');
    expect(accepted).toHaveLength(1);
    for (const answer of [first, second]) {
      expect(answer.text).toMatch(/Invitation accepted/);
      expect(JSON.stringify(answer.card)).not.toContain('Action.Execute');
    }
  });
});
