import { STATUS_VERBS } from '../../../../src/bot/workflows/helpdesk/relationship-status.js';
import { REQUEST_VERBS } from '../../../../src/cards/request-card.js';
import { DEMO_TENANTS } from '../../../../src/store/demo-world.js';
import { LIST_PAGE_VERBS } from '../../../../src/cards/helpdesk-cards.js';
import { contactedBy, pendingInvitation, worldWith } from '../../../services/helpdesk/helpdesk-fixtures.js';
import { useBotWorld } from '../../../support/bot-world.js';
import { persona } from '../../../support/personas.js';
import { NOW } from '../../../support/world.js';

const hana = persona('hana'); // Adatum helpdesk agent
const alex = persona('alex'); // Adatum admin agent

/** Lists and lookups are dialogs that hold nothing typed: they never ask to leave a workflow, nor are asked. */
describe('the helpdesk commands typed while a workflow is open', () => {
  const world = useBotWorld(() =>
    worldWith(
      NOW,
      { invitations: Array.from({ length: 12 }, (_, i) => pendingInvitation(NOW, i + 1, 80 - i * 5)) },
      // Contoso, Tailspin and Wingtip contacted Adatum: "toys" matches two organisations it deals with.
      contactedBy(NOW, DEMO_TENANTS.adatum, DEMO_TENANTS.contoso, DEMO_TENANTS.tailspin, DEMO_TENANTS.wingtip),
    ),
  );
  const workflowsOpen = async () => JSON.stringify(await world.store.all('state')).includes('partnerDeskWorkflow');

  it.each([
    ['status fabrikam', 'Fabrikam Inc: relationship status'],
    ['timeline fabrikam', 'Fabrikam Inc: timeline'],
    ['can we reset a password for fabrikam', 'Yes, for Fabrikam Inc'],
    ['expiring', 'Admin access ending within 30 days'],
  ])('on page 2 of pending, "%s" answers without asking to leave the list', async (typed, answer) => {
    const bot = world.harness(hana);
    await bot.say('pending');
    const page1 = bot.tickets.dataFor(LIST_PAGE_VERBS.pending);
    await bot.click(LIST_PAGE_VERBS.pending, { page: 2 });
    const text = await bot.say(typed);
    expect(text).toContain(answer);
    expect(text).not.toContain('Leave');
    // The list it replaced is over: its buttons say so and change nothing.
    const stale = await bot.click(LIST_PAGE_VERBS.pending, { ...page1, page: 3 });
    expect(stale.text).toContain(
      "This form is no longer active\nNothing was changed: this card belongs to a step that ended or moved on. Type 'pending' to start again.",
    );
  });

  it('in the middle of a request it answers beside it, and the request form still works', async () => {
    const bot = world.harness(alex);
    await bot.say('request relationship');
    const answer = await bot.say('status fabrikam');
    expect(answer).toContain('Fabrikam Inc: relationship status');
    expect(answer).not.toContain('Leave');
    const draft = await bot.click(REQUEST_VERBS.submit, {
      customer: 'contoso.com',
      relationship: 'reseller',
      includeAdmin: 'false',
    });
    expect(draft.text).toContain('Invitation for Contoso Ltd');
    expect(await world.store.all('invitations')).toHaveLength(13);
  });

  it('a lookup that must ask, in the middle of a request, asks; once answered the request form works again', async () => {
    const bot = world.harness(alex);
    await bot.say('request relationship');
    expect(await bot.say('status toys')).toContain('Did you mean…?');
    expect(await bot.say('where am i')).toContain('the choice of organisation');
    expect((await bot.click(STATUS_VERBS.show, { customer: 'tailspintoys.es' })).text).toContain(
      'Tailspin Toys: relationship status',
    );
    const draft = await bot.click(REQUEST_VERBS.submit, {
      customer: 'contoso.com',
      relationship: 'reseller',
      includeAdmin: 'false',
    });
    expect(draft.text).toContain('Invitation for Contoso Ltd');
    expect(await workflowsOpen()).toBe(true); // the request, at its draft
  });

  it('the request form beneath an unanswered "did you mean" still works: the lookup is left', async () => {
    const bot = world.harness(alex);
    await bot.say('request relationship');
    expect(await bot.say('status toys')).toContain('Did you mean…?');
    const draft = await bot.click(REQUEST_VERBS.submit, {
      customer: 'contoso.com',
      relationship: 'reseller',
      includeAdmin: 'false',
    });
    expect(draft.text).toContain('Invitation for Contoso Ltd');
    expect(await bot.say('where am i')).toContain('at the draft email');
    // The question it left is over.
    expect((await bot.click(STATUS_VERBS.show, { customer: 'tailspintoys.es' })).text).toContain(
      'This form is no longer active',
    );
  });

  it('with a list open, another workflow starts without asking, and text is read as a message', async () => {
    const bot = world.harness(alex);
    await bot.say('pending');
    await bot.click(LIST_PAGE_VERBS.pending, { page: 2 });
    expect(await bot.say('hello there')).toContain('I did not understand');
    const form = await bot.say('request relationship');
    expect(form).toContain('Request a reseller relationship');
    expect(form).not.toContain('Leave listing');
    expect(await bot.say('where am i')).toContain('at the request form');
  });
});
