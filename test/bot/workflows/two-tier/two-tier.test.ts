import { useBotWorld } from '../../../support/bot-world.js';
import { NOW, user } from '../../../support/world.js';
import { DEMO_TENANTS, demoWorld } from '../../../../src/store/demo-world.js';
import { contactedBy } from '../../../services/helpdesk/helpdesk-fixtures.js';
import { TWO_TIER_VERBS } from '../../../../src/bot/workflows/two-tier/two-tier.js';
import type { Store } from '../../../../src/store/store.js';
import type { Person } from '../../../support/activities.js';
import { persona } from '../../../support/personas.js';

const paul = persona('paul'); // Proseware (indirect provider), admin agent + global admin
const rita = persona('rita'); // Woodgrove (indirect reseller), admin agent + global admin
const sam = persona('sam'); // Adatum sales agent
const ravi = { tenantId: DEMO_TENANTS.woodgrove, aadObjectId: 'd3e0a000-0000-4000-8000-0000000000aa' };

describe('two-tier: indirect providers and resellers', () => {
  const chat = useBotWorld(() => {
    const world = demoWorld(NOW);
    // A Woodgrove admin agent who is not a global admin.
    world.users = [
      ...(world.users ?? []),
      user({
        ...ravi,
        name: 'Ravi Agent',
        email: 'ravi@woodgroveit.com',
        roles: { side: 'partner', agent: 'admin-agent', admin: 'none' },
      }),
    ];
    // Contoso contacted Woodgrove: a customer Woodgrove deals with but has no relationship with yet.
    world.leads = contactedBy(NOW, DEMO_TENANTS.woodgrove, DEMO_TENANTS.contoso).leads;
    return world;
  });
  let store: Store;
  beforeEach(() => (store = chat.store));
  const as = (person: Person) => chat.harness(person, { FOUR_EYES: 'false' });

  async function providerInvitesWoodgrove(): Promise<string> {
    const provider = as(paul);
    expect(await provider.say('indirect resellers')).toContain(
      'No indirect reseller has authorised Proseware Distribution yet',
    );
    const form = await provider.click(TWO_TIER_VERBS.inviteResellerForm, {});
    expect(form.text).toContain('Woodgrove IT (woodgroveit.com)');
    const sent = await provider.click(TWO_TIER_VERBS.inviteReseller, { resellerTenantId: DEMO_TENANTS.woodgrove });
    expect(sent.text).toContain('Invitation sent to Woodgrove IT');
    const twice = await provider.click(TWO_TIER_VERBS.inviteReseller, { resellerTenantId: DEMO_TENANTS.woodgrove });
    expect(twice.text).toContain('This form is no longer active');
    const [invitation] = (await store.findBy('invitations', 'customer', DEMO_TENANTS.woodgrove)).filter(
      (i) => i.kind === 'indirect-provider',
    );
    const queued = (await store.findBy('notifications', 'subject', invitation!.id)).map((n) => n.aadObjectId);
    expect(queued).toEqual([rita.aadObjectId]);
    return invitation!.id;
  }

  it('the reseller global admin authorises the provider after ticking the confirmation; both lists show it', async () => {
    const invitationId = await providerInvitesWoodgrove();
    const reseller = as(rita);
    expect(await reseller.say('indirect providers')).toContain('Waiting for your answer');
    const card = await reseller.click(TWO_TIER_VERBS.open, { invitationId });
    expect(card.text).toContain('may submit orders and add subscriptions');
    expect(card.text).toContain('Authorize indirect provider');

    const unticked = await reseller.click(TWO_TIER_VERBS.authorize, { invitationId, confirmed: 'false' });
    expect(unticked.text).toContain('Tick the confirmation first.');
    expect(await store.findBy('relationships', 'customer', DEMO_TENANTS.woodgrove)).toEqual([]);

    const done = await reseller.click(TWO_TIER_VERBS.authorize, { invitationId, confirmed: 'true' });
    expect(done.text).toContain('Proseware Distribution is now your indirect provider');
    expect(JSON.stringify(done.card)).not.toContain('Action.Execute');
    const twice = await reseller.click(TWO_TIER_VERBS.authorize, { invitationId, confirmed: 'true' });
    expect(twice.text).toContain('This form is no longer active');
    const again = await reseller.click(TWO_TIER_VERBS.open, { invitationId });
    expect(again.text).toContain('already accepted by Rita Reseller');

    expect(await reseller.say('indirect providers')).toContain('Proseware Distribution');
    expect(await as(paul).say('indirect resellers')).toContain('Woodgrove IT');
    const toldProvider = (await store.all('notifications')).filter((n) => n.kind === 'indirect-provider.authorized');
    expect(toldProvider.map((n) => n.aadObjectId)).toContain(paul.aadObjectId);
  });

  it('only the global admin of the reseller may authorise', async () => {
    const invitationId = await providerInvitesWoodgrove();
    const { text } = await as(ravi).click(TWO_TIER_VERBS.authorize, { invitationId, confirmed: 'true' });
    expect(text).toContain('Global admin');
    expect(await store.findBy('relationships', 'customer', DEMO_TENANTS.woodgrove)).toEqual([]);
  });

  it('a direct reseller cannot invite resellers', async () => {
    const { text } = await as(sam).click(TWO_TIER_VERBS.inviteReseller, { resellerTenantId: DEMO_TENANTS.woodgrove });
    expect(text).toContain("Your organisation's type");
  });

  it('declining tells the provider and grants nothing', async () => {
    const invitationId = await providerInvitesWoodgrove();
    const reseller = as(rita);
    await reseller.click(TWO_TIER_VERBS.open, { invitationId });
    const { text } = await reseller.click(TWO_TIER_VERBS.decline, { invitationId });
    expect(text).toContain('Indirect provider declined');
    expect(await store.findBy('relationships', 'customer', DEMO_TENANTS.woodgrove)).toEqual([]);
    expect((await store.all('notifications')).some((n) => n.kind === 'indirect-provider.declined')).toBe(true);
  });

  it('the reseller sees the customers it shares with its provider', async () => {
    const invitationId = await providerInvitesWoodgrove();
    const reseller = as(rita);
    await reseller.click(TWO_TIER_VERBS.open, { invitationId });
    await reseller.click(TWO_TIER_VERBS.authorize, { invitationId, confirmed: 'true' });
    const none = await reseller.click(TWO_TIER_VERBS.customers, { providerTenantId: DEMO_TENANTS.proseware });
    expect(none.text).toContain('do not share any customer yet');
    // Proseware has nothing to do with Fabrikam: answered as an organisation that does not exist.
    const fabrikam = await as(paul).say('order fabrikam');
    expect(fabrikam).toContain('I cannot find that customer organisation');
    expect(fabrikam).not.toContain('Fabrikam Inc');
  });

  it.each([
    [paul, 'type “indirect resellers”', 'type “indirect providers”'],
    [rita, 'type “indirect providers”', 'type “indirect resellers”'],
    [persona('grace'), 'type “users”', 'type “indirect providers”'],
  ])('help offers the two-tier commands by organisation kind (%#)', async (person, offered, notOffered) => {
    const text = await as(person).say('help');
    expect(text).toContain(offered);
    expect(text).not.toContain(notOffered);
  });

  it('a reseller cannot invite customers for a provider it has not authorised', async () => {
    const { text } = await as(rita).click(TWO_TIER_VERBS.inviteCustomer, {
      providerTenantId: DEMO_TENANTS.proseware,
      customerTenantId: DEMO_TENANTS.contoso,
    });
    expect(text).toContain("I cannot find that, or it is not your organisation's");
    expect(await store.findBy('invitations', 'customer', DEMO_TENANTS.contoso)).toEqual([]);
  });
});
