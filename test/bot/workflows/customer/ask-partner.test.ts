import { DAY_TWO_VERBS as VERBS } from '../../../../src/bot/workflows/partner/day-two-verbs.js';
import { REQUEST_RECEIVED } from '../../../../src/bot/workflows/partner/customer-requests.js';
import { visibleText, type Person } from '../../../support/activities.js';
import { useBotWorld } from '../../../support/bot-world.js';
import { persona } from '../../../support/personas.js';
import type { BotHarness } from '../../../support/bot-harness.js';
import { ADATUM_CONTOSO, adatumContoso, partnerWorld } from '../partner/partner-world.js';

const carmen = persona('carmen'); // Contoso global admin
const bill = persona('bill'); // Contoso billing admin
const helen = persona('helen'); // Contoso helpdesk admin
const omar = persona('omar'); // Contoso, no admin role
const lucia = persona('lucia'); // Tailspin global admin, Spanish

const ASK = {
  relationshipId: ADATUM_CONTOSO,
  kind: 'remove-roles',
  roles: 'license-administrator',
  note: 'We buy our licences directly now',
};

describe('Ask partner: a customer global admin asks to end the relationship or remove roles', () => {
  const world = useBotWorld(() => partnerWorld({ relationships: [adatumContoso()] }));
  /** Types 'ask partner' and picks Adatum, as a person does: the request form is open. */
  const atForm = async (bot: BotHarness) => {
    await bot.say('ask partner');
    return bot.click(VERBS.askForm, { relationshipId: ADATUM_CONTOSO });
  };

  it("records the request, sends it to the partner's admin agents and global admins only, and audits it", async () => {
    const bot = world.harness(carmen);
    const pick = await bot.say('ask partner');
    expect(pick).toContain('Adatum Cloud Partners: Reseller');
    const form = await bot.click(VERBS.askForm, { relationshipId: ADATUM_CONTOSO });
    expect(form.text).toContain(
      'Adatum Cloud Partners holds these admin roles: Helpdesk Administrator, License Administrator.',
    );

    const sent = await bot.click(VERBS.askSend, ASK);
    expect(sent.text).toContain('Request sent to Adatum Cloud Partners');
    const [request] = await world.store.all('customerRequests');
    expect(request).toMatchObject({
      relationshipId: ADATUM_CONTOSO,
      kind: 'remove-roles',
      roles: ['license-administrator'],
      status: 'open',
      note: ASK.note,
      createdBy: { name: carmen.name },
    });
    const cards = await world.store.findBy('notifications', 'subject', request!.id);
    const names = (await world.store.all('users'))
      .filter((u) => cards.some((n) => n.aadObjectId === u.aadObjectId && n.kind === REQUEST_RECEIVED))
      .map((u) => u.name)
      .sort();
    expect(names).toEqual([persona('alex').name, persona('grace').name].sort());
    const text = visibleText(cards[0]?.payload);
    expect(text).toContain('Request from Contoso Ltd');
    expect(text).toContain('To remove these admin roles: License Administrator.');
    expect(text).toContain(`Their message: ${ASK.note}`);
    expect((await world.store.all('auditEvents')).map((e) => e.action)).toContain('customer-request.created');

    const stale = await bot.click(VERBS.askSend, ASK);
    expect(stale.text).toContain('This form is no longer active');
    await atForm(bot);
    const again = await bot.click(VERBS.askSend, ASK);
    expect(again.text).toContain('You already have an open request of this kind with Adatum Cloud Partners');
    expect(await world.store.all('customerRequests')).toHaveLength(1);
  });

  it("closes every other agent's copy of the card once one answered, and tells the customer", async () => {
    const graceBot = world.harness(persona('grace'));
    const alexBot = world.harness(persona('alex'));
    const carmenBot = world.harness(carmen);
    for (const bot of [graceBot, alexBot, carmenBot]) await bot.say('help'); // each has a personal chat
    await atForm(carmenBot);
    await carmenBot.click(VERBS.askSend, ASK);
    await carmenBot.app.notifier.drain();
    const [request] = await world.store.all('customerRequests');
    const declined = await alexBot.click(VERBS.requestDecline, { requestId: request!.id, reason: 'Not before March' });
    expect(declined.text).toContain('Declined');
    await alexBot.app.notifier.drain(); // the replacements are outbox work, delivered after the turn
    const toGrace = alexBot.updated.filter((u) => u.to === persona('grace').aadObjectId);
    expect(toGrace).toHaveLength(1);
    expect(JSON.stringify(toGrace[0]!.message)).toContain(`Answered by ${persona('alex').name}.`);
    expect(JSON.stringify(toGrace[0]!.message)).not.toContain('Action.Execute');
    const toCarmen = alexBot.delivered.map((m) => visibleText(m.card));
    expect(toCarmen).toContainEqual(expect.stringContaining('declined: Not before March'));
  });

  it.each<[string, Partial<typeof ASK>, string]>([
    ['no role chosen', { roles: '' }, "Choose at least one of the partner's admin roles to remove."],
    ['a role the partner does not hold', { roles: 'global-administrator' }, "Choose at least one of the partner's"],
    ['no kind', { kind: 'something-else' }, 'Choose what to ask.'],
  ])('says what to fix for %s, in the form, saving nothing', async (_name, change, message) => {
    const bot = world.harness(carmen);
    await atForm(bot);
    const { text } = await bot.click(VERBS.askSend, { ...ASK, ...change });
    expect(text).toContain('What do you ask Adatum Cloud Partners?');
    expect(text).toContain(message);
    expect(await world.store.all('customerRequests')).toEqual([]);
  });

  it.each<[string, Person]>([
    ['a billing admin', bill],
    ['a helpdesk admin', helen],
    ['a user with no admin role', omar],
  ])('refuses %s, naming the global admin role, saving nothing', async (_name, person) => {
    const bot = world.harness(person);
    expect(await bot.say('ask partner')).toContain('This needs the role: Global admin.');
    const { text } = await bot.click(VERBS.askSend, ASK);
    expect(text).toContain('This needs the role: Global admin.');
    expect(await world.store.all('customerRequests')).toEqual([]);
    expect(await world.store.all('notifications')).toEqual([]);
  });

  it('speaks Spanish, addressing the reader as usted', async () => {
    const text = await world.harness(lucia, {}, 'es-ES').say('pedir al partner');
    expect(text).toContain('Pedir a un partner');
    expect(text).toMatch(/no tiene ninguna relación activa con un partner|Pida a un partner/);
  });
});
