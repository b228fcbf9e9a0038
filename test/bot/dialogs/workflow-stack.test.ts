import { REQUEST_VERBS } from '../../../src/cards/request-card.js';
import { SWITCH_VERBS } from '../../../src/bot/workflow-switch.js';
import { BotHarness } from '../../support/bot-harness.js';
import { useBotWorld } from '../../support/bot-world.js';
import { buttonsOf } from '../../support/card-items.js';
import { persona } from '../../support/personas.js';

const alex = persona('alex'); // Adatum admin agent

const RESELLER = { customer: 'contoso.com', relationship: 'reseller', includeAdmin: 'false' };

/** The conversation's dialog stack as the whole app runs it: interruptions, stale cards, leaving, resuming. */
describe('the workflow stack', () => {
  const world = useBotWorld();
  const invitations = async () => (await world.store.all('invitations')).length;

  it('where am i names the workflow and the step, in both languages', async () => {
    const bot = world.harness(alex);
    expect(await bot.say('where am i')).toContain('You are not in the middle of any workflow');
    await bot.say('request relationship');
    expect(await bot.say('where am i')).toContain('You are in requesting a reseller relationship, at the request form');
    await bot.click(REQUEST_VERBS.submit, RESELLER);
    expect(await bot.say('where am i')).toContain('You are in requesting a reseller relationship, at the draft email');
    const es = world.harness(alex, {}, 'es-ES');
    expect(await es.say('¿dónde estoy?')).toContain(
      'Está en la solicitud de una relación de revendedor, en el borrador del correo',
    );
  });

  it('a command that does not start a workflow runs beside it; the open form still works', async () => {
    const bot = world.harness(alex);
    await bot.say('request relationship');
    expect(await bot.say('whoami')).toContain('Adatum');
    const draft = await bot.click(REQUEST_VERBS.submit, RESELLER);
    expect(draft.text).toContain('Invitation for Contoso Ltd');
  });

  it('starting another workflow asks first; staying shows the step again and changes nothing', async () => {
    const bot = world.harness(alex);
    await bot.say('request relationship');
    const { text, cards } = await bot.sayWithCards('language');
    expect(text).toContain('Leave requesting a reseller relationship?');
    expect(text).toContain('You are in the middle of requesting a reseller relationship, at the request form');
    expect(buttonsOf(cards[0]).map((b) => b.title)).toEqual([
      "Leave it and start 'language'",
      'Go on with requesting a reseller relationship',
    ]);
    const stay = buttonsOf(cards[0]).find((b) => b.verb === SWITCH_VERBS.stay)!;
    const stayed = await bot.send({
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb: stay.verb, data: stay.data } },
    });
    expect(JSON.stringify(stayed)).toContain('Going on with requesting a reseller relationship');
    expect(JSON.stringify(stayed)).toContain('Request a reseller relationship');
    expect((await bot.click(REQUEST_VERBS.submit, RESELLER)).text).toContain('Invitation for Contoso Ltd');
  });

  it('leaving ends the stack, says what stays saved, and starts the typed command', async () => {
    const bot = world.harness(alex);
    await bot.say('request relationship');
    await bot.click(REQUEST_VERBS.submit, RESELLER);
    const question = (await bot.sayWithCards('language')).cards[0];
    expect(JSON.stringify(question)).toContain('the invitation for Contoso Ltd');
    const leave = buttonsOf(question).find((b) => b.verb === SWITCH_VERBS.leave)!;
    const left = await bot.click(leave.verb, leave.data);
    expect(left.text).toContain('You left requesting a reseller relationship');
    expect(left.text).toContain('Already saved, and kept: the invitation for Contoso Ltd');
    expect(await bot.say('where am i')).toContain('You are in choosing a language');
    // The question was answered: its buttons no longer do anything.
    expect((await bot.click(leave.verb, leave.data)).text).toContain('This question is no longer open');
    expect(await invitations()).toBe(1);
  });

  it('a form of a workflow that was cancelled changes nothing and says how to start again', async () => {
    const bot = world.harness(alex);
    await bot.say('request relationship');
    expect(await bot.say('cancel')).toContain('Cancelled requesting a reseller relationship. Nothing was saved.');
    const stale = await bot.click(REQUEST_VERBS.submit, RESELLER);
    expect(stale.text).toContain('This form is no longer active');
    expect(stale.text).toContain("Type 'request relationship' to start again");
    expect(await invitations()).toBe(0);
    expect(await bot.say('cancel')).toContain('There is nothing to cancel');
  });

  it('resumes after a restart, or from another device: the same step, the same card', async () => {
    const before = world.harness(alex);
    await before.say('request relationship');
    const ticket = before.tickets.dataFor(REQUEST_VERBS.submit);
    before.stop();
    const after = new BotHarness(world.store, alex);
    try {
      expect(await after.say('where am i')).toContain('at the request form');
      const draft = await after.click(REQUEST_VERBS.submit, { ...ticket, ...RESELLER });
      expect(draft.text).toContain('Invitation for Contoso Ltd');
    } finally {
      after.stop();
    }
  });
});
