import { visibleText } from '../../../support/activities.js';
import { useBotWorld } from '../../../support/bot-world.js';
import { NOW, user } from '../../../support/world.js';
import { DEMO_TENANTS, demoWorld } from '../../../../src/store/demo-world.js';
import { TWO_TIER_VERBS } from '../../../../src/bot/workflows/two-tier/two-tier.js';
import { ExpiryGuardian } from '../../../../src/services/relationships/expiry-guardian.js';
import { Notifier } from '../../../../src/services/outbox/notifications.js';
import { MemoryLogger } from '../../../../src/logging/logger.js';
import type { Person } from '../../../support/activities.js';
import { persona } from '../../../support/personas.js';

const paul = persona('paul'); // Proseware (indirect provider)
const rita = persona('rita'); // Woodgrove (indirect reseller) global admin
const ravi = { tenantId: DEMO_TENANTS.woodgrove, aadObjectId: 'd3e0a000-0000-4000-8000-0000000000ab' };
const DAY = 86_400_000;

describe("the reseller controls its indirect provider's access to its tenant", () => {
  const chat = useBotWorld(() => {
    const world = demoWorld(NOW);
    world.users = [
      ...(world.users ?? []),
      user({
        ...ravi,
        name: 'Ravi Agent',
        email: 'ravi2@woodgroveit.com',
        roles: { side: 'partner', agent: 'admin-agent', admin: 'none' },
      }),
    ];
    return world;
  });
  const as = (person: Person) => chat.harness(person, { FOUR_EYES: 'false' });

  /** Proseware invites Woodgrove and Rita authorises it: the provider link, by its id. */
  async function authorised(): Promise<string> {
    const provider = as(paul);
    await provider.click(TWO_TIER_VERBS.inviteResellerForm, {});
    await provider.click(TWO_TIER_VERBS.inviteReseller, { resellerTenantId: DEMO_TENANTS.woodgrove });
    const [invitation] = (await chat.store.findBy('invitations', 'customer', DEMO_TENANTS.woodgrove)).filter(
      (i) => i.kind === 'indirect-provider',
    );
    const reseller = as(rita);
    await reseller.click(TWO_TIER_VERBS.open, { invitationId: invitation!.id });
    await reseller.click(TWO_TIER_VERBS.authorize, { invitationId: invitation!.id, confirmed: 'true' });
    const [link] = (await chat.store.findBy('relationships', 'customer', DEMO_TENANTS.woodgrove)).filter((r) =>
      r.types.includes('indirect-provider'),
    );
    return link!.id;
  }

  it('Indirect providers shows the roles the provider holds, since and until', async () => {
    const linkId = await authorised();
    const { text, cards } = await as(rita).sayWithCards('indirect providers');
    expect(text).toContain('Admin roles in Woodgrove IT');
    // Authorised at NOW for the seed's two years (730 days).
    expect(text).toContain('Global Administrator, Helpdesk Administrator, since 22 Nov 2026, until 21 Nov 2028');
    expect(JSON.stringify(cards)).toContain(TWO_TIER_VERBS.removeAccessConfirm);
    expect(JSON.stringify(cards)).toContain(linkId);
    // An admin agent sees the access but is not offered its removal: only a global admin may.
    const agent = await as(ravi).sayWithCards('indirect providers');
    expect(agent.text).toContain('Global Administrator, Helpdesk Administrator');
    expect(JSON.stringify(agent.cards)).not.toContain(TWO_TIER_VERBS.removeAccessConfirm);
  });

  it("the global admin removes the provider's roles after confirming; the partnership stays and the provider is told", async () => {
    const linkId = await authorised();
    const reseller = as(rita);
    const confirm = await reseller.click(TWO_TIER_VERBS.removeAccessConfirm, { relationshipId: linkId });
    expect(confirm.text).toContain('Remove roles?');
    expect(confirm.text).toContain('The partnership stays');
    expect((await chat.store.get('relationships', linkId))?.adminAccess?.removedAt).toBeUndefined();

    const done = await reseller.click(TWO_TIER_VERBS.removeAccess, { relationshipId: linkId });
    expect(done.text).toContain('Proseware Distribution no longer has admin roles in Woodgrove IT');
    const link = await chat.store.get('relationships', linkId);
    expect(link).toMatchObject({ status: 'active', adminAccess: { removedBy: 'Rita Reseller' } });

    const list = await reseller.sayWithCards('indirect providers');
    expect(list.text).toContain('Proseware Distribution');
    expect(list.text).toContain('removed on 22 Nov 2026 by Rita Reseller');
    expect(JSON.stringify(list.cards)).not.toContain(TWO_TIER_VERBS.removeAccessConfirm);
    expect(await as(paul).say('indirect resellers')).toContain('Woodgrove IT');
    const told = (await chat.store.all('notifications')).filter((n) => n.kind === 'indirect-provider.access-removed');
    expect(told.map((n) => n.aadObjectId)).toContain(paul.aadObjectId);
    expect(visibleText(told[0]?.payload)).toContain('You remain its indirect provider');
    await reseller.click(TWO_TIER_VERBS.removeAccessConfirm, { relationshipId: linkId });
    const again = await reseller.click(TWO_TIER_VERBS.removeAccess, { relationshipId: linkId });
    expect(again.text).toContain('no admin roles');
  });

  it('an admin agent of the reseller may not remove the access', async () => {
    const linkId = await authorised();
    const { text } = await as(ravi).click(TWO_TIER_VERBS.removeAccess, { relationshipId: linkId });
    expect(text).toContain('Global admin');
    expect((await chat.store.get('relationships', linkId))?.adminAccess?.removedAt).toBeUndefined();
  });

  it("the reseller's global admins are reminded before the provider's access ends", async () => {
    const linkId = await authorised();
    const endAt = new Date((await chat.store.get('relationships', linkId))!.adminAccess!.endAt);
    const clock = () => new Date(endAt.getTime() - 6 * DAY);
    const log = new MemoryLogger();
    const notifier = new Notifier(chat.store, { clock, logger: log });
    await new ExpiryGuardian({ store: chat.store, notifier, clock, defaultLanguage: 'en', logger: log }).runOnce();
    const reminders = (await chat.store.findBy('notifications', 'subject', linkId)).filter(
      (n) => n.kind === 'guardian.access-ending',
    );
    const toRita = reminders.filter((n) => n.aadObjectId === rita.aadObjectId).map((n) => visibleText(n.payload));
    expect(toRita.join('\n')).toContain("Proseware Distribution's admin access ends in 6 days");
    expect(reminders.map((n) => n.aadObjectId)).not.toContain(ravi.aadObjectId);
    expect(log.errors()).toEqual([]);
  });
});
