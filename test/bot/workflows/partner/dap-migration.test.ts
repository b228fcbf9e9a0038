import { DAY_TWO_VERBS as VERBS } from '../../../../src/bot/workflows/partner/day-two-verbs.js';
import { INVITATION_VERBS } from '../../../../src/cards/invitation-card.js';
import { REQUEST_VERBS } from '../../../../src/cards/request-card.js';
import type { NewRecord } from '../../../../src/store/store.js';
import type { Person } from '../../../support/activities.js';
import type { BotHarness } from '../../../support/bot-harness.js';
import { useBotWorld } from '../../../support/bot-world.js';
import { persona } from '../../../support/personas.js';
import { ADATUM_CONTOSO, adatumContoso, partnerWorld } from './partner-world.js';

const alex = persona('alex'); // Adatum admin agent
const sam = persona('sam'); // Adatum sales agent
const hana = persona('hana'); // Adatum helpdesk agent
const carmen = persona('carmen'); // Contoso global admin

/** Adatum–Contoso still on legacy DAP: Global Administrator and Helpdesk Administrator. */
function legacyDap(): NewRecord<'relationships'> {
  const base = adatumContoso();
  return { ...base, adminAccess: { ...base.adminAccess!, roles: ['global-administrator', 'helpdesk-administrator'] } };
}

const TASKS = {
  relationshipId: ADATUM_CONTOSO,
  tasks: 'reset-password,manage-licences,support-request',
  durationDays: '730',
  autoExtend: 'true',
};

/** The way to the review: the command, the customer picked in its list, then Review with the tasks ticked. */
async function review(bot: BotHarness, tasks: Partial<typeof TASKS> = {}) {
  await bot.say('move off dap');
  await bot.click(VERBS.dapTasks, { relationshipId: tasks.relationshipId ?? ADATUM_CONTOSO });
  return bot.click(VERBS.dapReview, { ...TASKS, ...tasks });
}

describe('Move off DAP: tasks → least-privileged roles, DAP ends when the customer accepts', () => {
  // The same roles on a provider's two-tier access are the two-tier model's, not moved here.
  const provider: NewRecord<'relationships'> = { ...legacyDap(), id: 'rel-provider', types: ['indirect-provider'] };
  const world = useBotWorld(() => partnerWorld({ relationships: [legacyDap(), provider] }));

  it('lists the relationships on DAP and proposes the least-privileged role of each task, saving nothing', async () => {
    const bot = world.harness(alex);
    expect(await bot.say('move off dap')).toContain('Contoso Ltd: DAP since');
    const form = await bot.click(VERBS.dapTasks, { relationshipId: ADATUM_CONTOSO });
    expect(form.text).toContain('Tasks your helpdesk does for Contoso Ltd');
    expect(form.text).toContain('Reset a password (needs Password Administrator)');

    const review = await bot.click(VERBS.dapReview, TASKS);
    expect(review.text).toMatch(/Reset a password\nPassword Administrator/);
    expect(review.text).toMatch(
      /Roles requested\nPassword Administrator, License Administrator, Service Support Administrator/,
    );
    expect(review.text).toMatch(/Roles you give up\nGlobal Administrator, Helpdesk Administrator/);
    expect(await world.store.all('invitations')).toHaveLength(0);
  });

  it('sends the request for those roles, and ends DAP only when the customer accepts it', async () => {
    const bot = world.harness(alex);
    await review(bot);
    const draft = await bot.click(VERBS.dapSend, { relationshipId: ADATUM_CONTOSO });
    expect(draft.text).toContain('Invitation for Contoso Ltd');
    const [invitation] = await world.store.all('invitations');
    expect(invitation).toMatchObject({
      replacesRelationshipId: ADATUM_CONTOSO,
      adminAccess: {
        roles: ['password-administrator', 'license-administrator', 'service-support-administrator'],
        durationDays: 730,
        autoExtend: true,
      },
    });
    expect((await world.store.all('auditEvents')).map((e) => e.action)).toContain(
      'relationship.dap-migration-requested',
    );
    // Until the customer accepts, DAP stays.
    expect((await world.store.get('relationships', ADATUM_CONTOSO))?.adminAccess?.removedAt).toBeUndefined();

    const link = /http:\/\/localhost:3978\/invite\/[A-Z2-7]{32}/.exec(draft.text)![0];
    await bot.click(REQUEST_VERBS.done, {
      invitationId: invitation!.id,
      token: link.split('/').pop(),
      subject: 'Least privilege',
      body: `Please approve: ${link}`,
    });
    const accepted = await world
      .harness(carmen)
      .click(INVITATION_VERBS.accept, { invitationId: invitation!.id, acknowledged: 'true' });
    expect(accepted.text).not.toContain('cannot');
    expect((await world.store.get('relationships', ADATUM_CONTOSO))?.adminAccess?.removedBy).toBe('replaced');
    expect(await bot.say('move off dap')).toContain('holds legacy delegated admin privileges');
  });

  it('refuses no task in the form, keeping what was ticked, and saves nothing', async () => {
    const { text, card } = await review(world.harness(alex), { tasks: '', durationDays: '365' });
    expect(text).toContain('Tasks your helpdesk does for Contoso Ltd');
    expect(text).toContain('Choose at least one task.');
    expect(JSON.stringify(card)).toContain('"value":"365"');
    expect(await world.store.all('invitations')).toHaveLength(0);
  });

  it.each<[string, string]>([
    ['a relationship without DAP', 'rel-adatum-fabrikam'],
    ["a provider's two-tier access", 'rel-provider'],
  ])('does not offer %s, and refuses it if its id is sent anyway', async (_name, relationshipId) => {
    const bot = world.harness(alex);
    const { cards } = await bot.sayWithCards('move off dap');
    expect(JSON.stringify(cards)).not.toContain(relationshipId);
    const forged = await bot.click(VERBS.dapTasks, { relationshipId });
    expect(forged.text).toContain('does not hold legacy delegated');
    expect(await world.store.all('invitations')).toHaveLength(0);
  });

  it.each<[string, Person]>([
    ['a sales agent', sam],
    ['a helpdesk agent', hana],
  ])('refuses %s the command and every button, saving nothing', async (_name, person) => {
    const bot = world.harness(person);
    expect(await bot.say('move off dap')).toContain('This needs the role: Admin agent or Global admin.');
    for (const verb of [VERBS.dapTasks, VERBS.dapReview, VERBS.dapSend]) {
      expect((await bot.click(verb, TASKS)).text).toContain('This needs the role: Admin agent or Global admin.');
    }
    expect(await world.store.all('invitations')).toHaveLength(0);
  });

  it('speaks Spanish', async () => {
    const text = await world.harness(alex, {}, 'es-ES').say('migrar dap');
    expect(text).toContain('Dejar DAP');
    expect(text).toContain('Elija una');
  });
});
