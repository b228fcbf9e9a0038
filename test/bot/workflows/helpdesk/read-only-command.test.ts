import { SWITCH_VERBS } from '../../../../src/bot/workflow-switch.js';
import { LIST_PAGE_VERBS } from '../../../../src/cards/helpdesk-cards.js';
import { pendingInvitation, worldWith } from '../../../services/helpdesk/helpdesk-fixtures.js';
import { useBotWorld } from '../../../support/bot-world.js';
import { persona } from '../../../support/personas.js';
import { NOW } from '../../../support/world.js';
import { visibleText } from '../../../support/activities.js';
import { buttons } from './harness.js';

const hana = persona('hana'); // Adatum helpdesk agent
const alex = persona('alex'); // Adatum admin agent

/** Lists and lookups are dialogs that hold nothing typed: one replaces another without asking. */
describe('the helpdesk commands typed while a workflow is open', () => {
  const world = useBotWorld(() =>
    worldWith(NOW, { invitations: Array.from({ length: 12 }, (_, i) => pendingInvitation(NOW, i + 1, 80 - i * 5)) }),
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

  it('in the middle of a request it asks whether to leave it, and answers once left', async () => {
    const bot = world.harness(alex);
    await bot.say('request relationship');
    const asked = await bot.sayWithCards('status fabrikam');
    expect(asked.text).toContain('Leave requesting a reseller relationship?');
    expect(asked.text).not.toContain('Fabrikam Inc: relationship status');
    const leave = buttons(asked.cards[0]).find((b) => b.verb === SWITCH_VERBS.leave)!;
    const left = await bot.send({
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb: leave.verb, data: leave.data } },
    });
    // The question is answered in place; the status it was asked for follows as a message.
    expect(visibleText(left)).toContain('You left requesting a reseller relationship');
    expect(visibleText(left)).toContain('Fabrikam Inc: relationship status');
    expect(await workflowsOpen()).toBe(false);
  });
});
