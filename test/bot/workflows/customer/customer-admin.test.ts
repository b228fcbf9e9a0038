import { useBotWorld } from '../../../support/bot-world.js';
import type { Person } from '../../../support/activities.js';
import { NOW } from '../../../support/world.js';
import { DEMO_TENANTS } from '../../../../src/store/demo-world.js';
import { MCA_VERB } from '../../../../src/bot/workflows/customer/customer-admin.js';
import { INVITATION_VERBS } from '../../../../src/cards/invitation-card.js';
import { InvitationService } from '../../../../src/services/invitations/invitations.js';
import type { Store } from '../../../../src/store/store.js';
import { persona } from '../../../support/personas.js';

const alex = persona('alex');
const carmen = persona('carmen');
const helen = persona('helen');
const omar = persona('omar');
const franz = persona('franz');

describe('customer admin: the MCA alone, My partners, trials and offers', () => {
  const chat = useBotWorld();
  let store: Store;
  beforeEach(() => (store = chat.store));
  const as = (person: Person) => chat.harness(person);

  it('accepts the MCA once, with who and when', async () => {
    const bot = as(carmen);
    expect(await bot.say('accept mca')).toContain('the partner cannot make purchases or manage subscriptions');
    const unticked = await bot.click(MCA_VERB, { confirmed: 'false' });
    expect(unticked.text).toContain('Tick the box first');
    expect(await store.all('agreements')).toHaveLength(1); // Fabrikam's only
    const done = await bot.click(MCA_VERB, { confirmed: 'true' });
    expect(done.text).toContain('Carmen Navarro accepted the Microsoft Customer Agreement for Contoso Ltd');
    const again = await bot.click(MCA_VERB, { confirmed: 'true' });
    expect(again.text).toContain('This form is no longer active');
    expect((await store.findBy('agreements', 'tenant', DEMO_TENANTS.contoso)).length).toBe(1);
    expect(await bot.say('accept mca')).toContain('already accepted by Carmen Navarro');
  });

  it('a helpdesk admin cannot accept the MCA', async () => {
    expect(await as(helen).say('accept mca')).toContain('Global admin or Billing admin');
    expect((await as(helen).click(MCA_VERB, { confirmed: 'true' })).text).toContain('Global admin or Billing admin');
    expect(await store.findBy('agreements', 'tenant', DEMO_TENANTS.contoso)).toEqual([]);
  });

  it('My partners: types, admin roles, since, ends, auto-extend and who accepted', async () => {
    const text = await as(franz).say('my partners');
    for (const expected of [
      'Partners Fabrikam Inc works with',
      'Adatum Cloud Partners',
      'Reseller, Delegated administrator',
      'Helpdesk Administrator, License Administrator',
      '(20 days left)',
      'Franz Becker',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it.each([
    [helen, 'Litware Solutions'],
    [omar, 'This needs the role'],
  ])('My partners by role (%#)', async (person, expected) => {
    expect(await as(person).say('my partners')).toContain(expected);
  });

  it('reviews a trial with services and the delegated-admin option, and accepts it', async () => {
    const service = new InvitationService(store, () => NOW, { fourEyes: false, singleDelegatedAdminPartner: false });
    const acting = {
      user: (await store.get('users', alex.id))!,
      org: (await store.get('organizations', DEMO_TENANTS.adatum))!,
    };
    const issued = await service.request(acting, {
      kind: 'trial',
      customer: { tenantId: DEMO_TENANTS.contoso },
      relationshipTypes: ['reseller', 'delegated-admin'],
      adminAccess: { roles: ['license-administrator'], durationDays: 30, autoExtend: false },
      services: [{ serviceId: 'm365-business-premium', licences: 25 }, { serviceId: 'teams-phone' }],
    });
    if (!issued.ok) throw new Error(JSON.stringify(issued.refusal));
    await service.markSent(acting, issued.value.invitation.id, { subject: 's', body: 'b' });
    const bot = as(carmen);
    const card = await bot.click(INVITATION_VERBS.refresh, { invitationId: issued.value.invitation.id });
    expect(card.text).toContain('Microsoft 365 Business Premium · 25 licences');
    expect(card.text).toContain('Teams Phone');
    expect(card.text).toContain('License Administrator');
    const accepted = await bot.click(INVITATION_VERBS.accept, {
      invitationId: issued.value.invitation.id,
      acknowledged: 'true',
    });
    expect(accepted.text).toContain('Invitation accepted');
  });
});
