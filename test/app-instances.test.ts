// The whole app as two instances on one PostgreSQL database: each its own app and store connection.
import { INVITATION_VERBS } from '../src/cards/invitation-card.js';
import { REPLACE_KIND } from '../src/services/outbox/notifications.js';
import { DEMO_TENANTS, demoWorld } from '../src/store/demo-world.js';
import { openPostgresStore, type PostgresStore } from '../src/store/postgres/postgres-store.js';
import { BotHarness } from './support/bot-harness.js';
import { freshDatabase } from './support/postgres.js';
import { NOW } from './support/world.js';
import { persona } from './support/personas.js';
import { sendInvitation } from './support/invitations.js';

const alex = persona('alex');
const carmen = persona('carmen');
const bill = persona('bill');

describe('two bot instances on one PostgreSQL database', () => {
  const stores: PostgresStore[] = [];
  const harnesses: BotHarness[] = [];
  afterEach(async () => {
    harnesses.splice(0).forEach((h) => h.stop());
    for (const store of stores.splice(0)) await store.close();
  });

  async function instance(url: string): Promise<PostgresStore> {
    const store = await openPostgresStore({ url, seed: demoWorld(NOW) });
    stores.push(store);
    return store;
  }

  it('two admins accepting one invitation on two instances at once: exactly one acceptance, the partner told once', async () => {
    const url = await freshDatabase();
    const [here, there] = [await instance(url), await instance(url)];
    const { id } = await sendInvitation(here, {
      kind: 'reseller',
      customer: { tenantId: DEMO_TENANTS.contoso },
      relationshipTypes: ['reseller'],
      adminAccess: null,
    });
    // Alex has a personal chat with the bot, so the acceptance notice can reach him.
    const partner = new BotHarness(here, alex);
    harnesses.push(partner);
    await partner.say('help');

    const carmenHere = new BotHarness(here, carmen);
    const billThere = new BotHarness(there, bill);
    harnesses.push(carmenHere, billThere);
    const answers = await Promise.all([
      carmenHere.click(INVITATION_VERBS.accept, { invitationId: id, acknowledged: 'true' }),
      billThere.click(INVITATION_VERBS.accept, { invitationId: id, acknowledged: 'true' }),
    ]);
    for (const answer of answers) expect(answer.text).toMatch(/Invitation accepted/);
    const adatum = (await there.findBy('relationships', 'customer', DEMO_TENANTS.contoso)).filter(
      (r) => r.partnerTenantId === DEMO_TENANTS.adatum,
    );
    expect(adatum).toHaveLength(1);
    expect((await there.all('auditEvents')).filter((e) => e.action === 'invitation.accepted')).toHaveLength(1);

    await Promise.all(harnesses.map((h) => h.app.notifier.drain()));
    const notifications = await here.all('notifications');
    const toAlex = notifications.filter((n) => n.aadObjectId === alex.aadObjectId && n.kind === 'invitation.accepted');
    expect(toAlex.map((n) => n.status)).toEqual(['delivered']);
    // Each delivered notification was sent by one instance only: as many sends as delivered records.
    const sent = harnesses.reduce((total, h) => total + h.delivered.length, 0);
    expect(sent).toBe(notifications.filter((n) => n.status === 'delivered' && n.kind !== REPLACE_KIND).length);
  });
});
