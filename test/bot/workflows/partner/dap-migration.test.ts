import { DAY_TWO_VERBS as VERBS } from '../../../../src/bot/workflows/partner/day-two-verbs.js';
import { INVITATION_VERBS } from '../../../../src/cards/invitation-card.js';
import { REQUEST_VERBS } from '../../../../src/cards/request-card.js';
import type { NewRecord } from '../../../../src/store/store.js';
import type { Person } from '../../../support/activities.js';
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
    const draft = await bot.click(VERBS.dapSend, TASKS);
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

  it.each<[string, Person, Partial<typeof TASKS>, string]>([
    ['no task', alex, { tasks: '' }, 'Choose at least one task.'],
    ['a relationship without DAP', alex, { relationshipId: 'rel-adatum-fabrikam' }, 'does not hold legacy delegated'],
    ["a provider's two-tier access", alex, { relationshipId: 'rel-provider' }, 'does not hold legacy delegated'],
    ['a sales agent', sam, {}, 'This needs the role: Admin agent or Global admin.'],
    ['a helpdesk agent', hana, {}, 'This needs the role: Admin agent or Global admin.'],
  ])('refuses %s, saving nothing', async (_name, person, change, message) => {
    for (const verb of [VERBS.dapReview, VERBS.dapSend]) {
      expect((await world.harness(person).click(verb, { ...TASKS, ...change })).text).toContain(message);
    }
    expect(await world.store.all('invitations')).toHaveLength(0);
  });

  it('speaks Spanish', async () => {
    const text = await world.harness(alex, {}, 'es-ES').say('migrar dap');
    expect(text).toContain('Dejar DAP');
    expect(text).toContain('Elija una');
  });
});
