import { PARTNER_OF_RECORD_VERB } from '../../../../src/bot/workflows/customer/partner-of-record.js';
import { INVITATION_VERBS } from '../../../../src/cards/invitation-card.js';
import { REQUEST_VERBS } from '../../../../src/cards/request-card.js';
import { DEMO_TENANTS } from '../../../../src/store/demo-world.js';
import { visibleText } from '../../../support/activities.js';
import { useBotWorld } from '../../../support/bot-world.js';
import { buttons } from '../helpdesk/harness.js';
import { sendInvitation } from '../../../support/invitations.js';
import { persona } from '../../../support/personas.js';
import type { BotHarness } from '../../../support/bot-harness.js';

const carmen = persona('carmen'); // Contoso global admin
const bill = persona('bill'); // Contoso billing admin
const helen = persona('helen'); // Contoso helpdesk admin
const lidia = persona('lidia'); // Litware sales agent + global admin: Litware resells to Contoso
const alex = persona('alex'); // Adatum admin agent
const LITWARE_CONTOSO = 'rel-litware-contoso';
/** The operator's rule 13 switch: one delegated admin partner per customer. */
const ONE_DAP = { SINGLE_DELEGATED_ADMIN_PARTNER: 'true' };

describe('partner of record (rule 13)', () => {
  const world = useBotWorld();
  const as = (person: typeof carmen) => world.harness(person, ONE_DAP);
  /** Opens the picker as a person does and designates the partner of that relationship on it. */
  const designate = async (bot: BotHarness, relationshipId: string) => {
    await bot.say('partner of record');
    return bot.click(PARTNER_OF_RECORD_VERB, { relationshipId });
  };

  /** Adatum becomes Contoso's delegated admin partner: Carmen accepts its invitation with admin roles. */
  async function adatumDelegatedAdmin(): Promise<string> {
    const { id } = await sendInvitation(world.store);
    const accepted = await as(carmen).click(INVITATION_VERBS.accept, { invitationId: id, acknowledged: 'true' });
    expect(accepted.text).toContain('Invitation accepted');
    const adatum = (await world.store.findBy('relationships', 'customer', DEMO_TENANTS.contoso)).find(
      (r) => r.partnerTenantId === DEMO_TENANTS.adatum,
    );
    return adatum!.id;
  }

  const toLidia = async () =>
    (await world.store.all('notifications'))
      .filter((n) => n.aadObjectId === lidia.aadObjectId)
      .map((n) => visibleText(n.payload));

  it('the customer designates a partner of record other than its delegated admin partner; both show', async () => {
    const adatumRelationship = await adatumDelegatedAdmin();
    const bot = as(carmen);
    const { text, cards } = await bot.sayWithCards('partner of record');
    expect(text).toContain('You have not designated a partner of record yet.');
    expect(buttons(cards[0]).map((b) => b.title)).toEqual([
      expect.stringMatching(/^Designate (Litware Solutions|Adatum Cloud Partners)$/),
      expect.stringMatching(/^Designate (Litware Solutions|Adatum Cloud Partners)$/),
    ]);

    const done = await bot.click(PARTNER_OF_RECORD_VERB, { relationshipId: LITWARE_CONTOSO });
    expect(done.text).toContain('Litware Solutions is your partner of record');
    expect(await world.store.get('partnersOfRecord', DEMO_TENANTS.contoso)).toMatchObject({
      partnerTenantId: DEMO_TENANTS.litware,
      designatedBy: { name: carmen.name },
    });
    // Separate roles: Adatum keeps its admin roles, Litware gains none.
    expect((await world.store.get('relationships', adatumRelationship))?.adminAccess?.removedAt).toBeUndefined();
    expect((await world.store.get('relationships', LITWARE_CONTOSO))?.adminAccess).toBeNull();

    const partners = await bot.say('my partners');
    expect(partners).toMatch(/Litware Solutions[\s\S]*Partner of record\s*Yes, designated by Carmen Navarro/);
    expect(partners).toMatch(/Adatum Cloud Partners[\s\S]*Helpdesk Administrator[\s\S]*Partner of record\s*No/);
    expect(await bot.say('partner of record')).toContain('Now: Litware Solutions, designated by Carmen Navarro');

    expect(await toLidia()).toContainEqual(
      expect.stringContaining('Contoso Ltd designated you as its partner of record'),
    );
    const litwareStatus = await as(lidia).say('status contoso');
    expect(litwareStatus).toContain('Partner of record');
    expect(litwareStatus).toContain('Yes, designated by Carmen Navarro');
    expect(await as(alex).say('status contoso')).toMatch(/Partner of record\s*No/);
    expect(await as(carmen).say('timeline litware')).toContain('Partner of record designated');
    expect(await as(alex).say('timeline contoso')).not.toContain('Partner of record designated');
  });

  it('designating another replaces it; the one it was is told, without naming the new one', async () => {
    await adatumDelegatedAdmin();
    const bot = as(bill);
    expect((await designate(bot, LITWARE_CONTOSO)).text).toContain('Litware Solutions is your partner of record');
    const adatum = (await world.store.findBy('relationships', 'partner', DEMO_TENANTS.adatum)).find(
      (r) => r.customerTenantId === DEMO_TENANTS.contoso,
    )!;
    expect((await designate(bot, adatum.id)).text).toContain('Adatum Cloud Partners is your partner of record');
    expect(await world.store.get('partnersOfRecord', DEMO_TENANTS.contoso)).toMatchObject({
      partnerTenantId: DEMO_TENANTS.adatum,
      designatedBy: { name: bill.name },
    });
    const told = await toLidia();
    expect(told).toContainEqual(expect.stringContaining('You are no longer the partner of record of Contoso Ltd'));
    expect(told.join('\n')).not.toContain('Adatum');
    const litwareTimeline = await as(lidia).say('timeline contoso');
    expect(litwareTimeline).toContain('Another partner designated as partner of record');
    expect(litwareTimeline).not.toContain('Adatum');
    expect(await as(lidia).say('status contoso')).toMatch(/Partner of record\s*No/);
  });

  it('the one-delegated-admin-partner switch still refuses a second delegated admin, whoever is partner of record', async () => {
    await adatumDelegatedAdmin();
    await designate(as(carmen), LITWARE_CONTOSO);
    const lidiaBot = as(lidia);
    await lidiaBot.say('request relationship');
    const asked = await lidiaBot.click(REQUEST_VERBS.submit, {
      customer: 'contoso.com',
      relationship: 'reseller',
      includeAdmin: 'true',
      roles: 'license-administrator',
      durationDays: '90',
    });
    expect(asked.text).toContain('This customer already has a delegated admin partner');
    // Off (the default), the partner of record may also become a delegated admin partner.
    const offBot = world.harness(lidia);
    await offBot.say('request relationship');
    const off = await offBot.click(REQUEST_VERBS.submit, {
      customer: 'contoso.com',
      relationship: 'reseller',
      includeAdmin: 'true',
      roles: 'license-administrator',
      durationDays: '90',
    });
    expect(off.text).toContain('Invitation for Contoso Ltd');
  });

  it('refuses a helpdesk admin, and the same partner twice, changing nothing', async () => {
    expect(await as(helen).say('partner of record')).toContain('Global admin or Billing admin');
    const refused = await as(helen).click(PARTNER_OF_RECORD_VERB, { relationshipId: LITWARE_CONTOSO });
    expect(refused.text).toContain('Global admin or Billing admin');
    expect(await world.store.all('partnersOfRecord')).toHaveLength(0);
    // Bill has the picker open in his chat while Carmen designates Litware in hers.
    const billBot = as(bill);
    await billBot.say('partner of record');
    const carmenBot = as(carmen);
    await designate(carmenBot, LITWARE_CONTOSO);
    const first = await world.store.get('partnersOfRecord', DEMO_TENANTS.contoso);
    const again = await billBot.click(PARTNER_OF_RECORD_VERB, { relationshipId: LITWARE_CONTOSO });
    expect(again.text).toContain('Litware Solutions is already your partner of record.');
    // Carmen's picker ended with the designation; a new one no longer offers Litware.
    expect((await carmenBot.click(PARTNER_OF_RECORD_VERB, { relationshipId: LITWARE_CONTOSO })).text).toContain(
      'This form is no longer active',
    );
    const { cards } = await carmenBot.sayWithCards('partner of record');
    expect(buttons(cards[0]).map((b) => b.title)).not.toContainEqual('Designate Litware Solutions');
    expect(await world.store.get('partnersOfRecord', DEMO_TENANTS.contoso)).toEqual(first);
  });

  it('speaks Spanish', async () => {
    const text = await world.harness(carmen, ONE_DAP, 'es-ES').say('socio de registro');
    expect(text).toContain('Socio de registro de Contoso Ltd');
    expect(text).toContain('Todavía no ha designado un socio de registro.');
  });
});
