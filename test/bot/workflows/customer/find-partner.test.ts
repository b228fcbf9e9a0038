import { useBotWorld } from '../../../support/bot-world.js';
import { visibleText, type Person } from '../../../support/activities.js';
import { DEMO_TENANTS } from '../../../../src/store/demo-world.js';
import { FIND_VERBS } from '../../../../src/bot/workflows/customer/find-partner.js';
import { REQUEST_VERBS } from '../../../../src/cards/request-card.js';
import type { Store } from '../../../../src/store/store.js';
import { persona } from '../../../support/personas.js';

const [alex, sam, hana] = [persona('alex'), persona('sam'), persona('hana')];
const carmen = persona('carmen');
const bill = persona('bill');
const helen = persona('helen');
const CONTACT = {
  needs: 'We need help securing Microsoft 365 and moving to Teams phones.',
  contactName: 'Carmen Navarro',
  contactEmail: 'carmen@contoso.com',
};
const SEARCH = { location: 'US', size: '51-250', keywords: 'security, teams' };
/** Finds both Adatum and Litware. */
const WIDE = { location: 'US', keywords: 'microsoft 365, security' };

describe('Find a partner and leads', () => {
  const chat = useBotWorld();
  let store: Store;
  beforeEach(() => (store = chat.store));
  const as = (person: Person, locale = 'en-US') => chat.harness(person, {}, locale);
  /** Opens Find a partner as a person does, then searches on the form it showed. */
  const searched = async (person: Person, search: Record<string, unknown>, locale = 'en-US') => {
    const bot = as(person, locale);
    await bot.say('find partner');
    return { bot, shown: await bot.click(FIND_VERBS.search, search) };
  };
  const contacted = async (person: Person, contact: Record<string, unknown>) => {
    const { bot } = await searched(person, WIDE);
    return bot.click(FIND_VERBS.contact, contact);
  };

  it('ranks partners with why each matched', async () => {
    const bot = as(carmen);
    expect(await bot.say('find partner')).toContain('Services you need');
    const { text } = await bot.click(FIND_VERBS.search, SEARCH);
    expect(text).toContain('Adatum Cloud Partners: serves US; serves organisations of 51-250; offers security, teams');
    expect(text).not.toContain('Woodgrove'); // does not serve 51-250
    // New search goes back to the form as it was typed.
    expect(JSON.stringify((await bot.click(FIND_VERBS.newSearch)).card)).toContain('"value":"security, teams"');
    const ranked = (await bot.click(FIND_VERBS.search, { location: 'US', keywords: 'microsoft 365, security' })).text;
    expect(ranked).toContain('Litware Solutions: serves US; offers microsoft 365');
    expect(ranked.indexOf('Adatum Cloud Partners')).toBeLessThan(ranked.indexOf('Litware Solutions'));
  });

  it.each<[string, string, string, string[], string[]]>([
    ['Spanish keywords, in Spanish', 'es-ES', 'seguridad, correo', ['Adatum Cloud Partners', 'ofrece seguridad'], []],
    ['a Spanish keyword without its accent', 'es-ES', 'migracion', ['Relecloud Iberia'], ['Adatum Cloud Partners']],
    ['Spanish keywords from an English client', 'en-US', 'seguridad', ['Adatum Cloud Partners', 'Woodgrove IT'], []],
    ['the same search in English', 'en-US', 'security', ['Adatum Cloud Partners', 'Woodgrove IT'], []],
  ])('matches %s', async (_name, locale, keywords, seen, unseen) => {
    const { text } = (await searched(carmen, { keywords }, locale)).shown;
    for (const name of seen) expect(text).toContain(name);
    for (const name of unseen) expect(text).not.toContain(name);
  });

  it('finds the partner that serves Spain for a location written in Spanish', async () => {
    const { text } = (await searched(persona('lucia'), { location: 'España', keywords: 'correo, migración' }, 'es-ES'))
      .shown;
    expect(text).toContain('Relecloud Iberia');
    expect(text).not.toContain('Adatum Cloud Partners');
  });

  it.each([
    [{}, 'Give at least a location, an organisation size or a service keyword.'],
    [{ keywords: 'x' }, 'Each keyword needs at least 2 letters'],
    [{ location: 'Antarctica' }, 'No partner matches all of that'],
  ])('answers bad search input %j in the form', async (search, message) => {
    const { text } = (await searched(carmen, search)).shown;
    expect(text).toContain(message);
    expect(text).toContain('Find a partner');
  });

  it('contacts two selected providers: one lead each, their lead managers told, a confirmation', async () => {
    const { text } = await contacted(carmen, {
      ...CONTACT,
      partners: `${DEMO_TENANTS.adatum},${DEMO_TENANTS.litware}`,
    });
    expect(text).toContain('Your request was sent');
    expect(text).toContain('Adatum Cloud Partners');
    expect(text).toContain('Litware Solutions');
    const leads = await store.all('leads');
    expect(leads.map((l) => l.partnerTenantId).sort()).toEqual([DEMO_TENANTS.adatum, DEMO_TENANTS.litware].sort());
    const told = (await store.all('notifications')).filter((n) => n.kind === 'lead.created').map((n) => n.aadObjectId);
    expect(told).toEqual(
      expect.arrayContaining([
        alex!.aadObjectId,
        sam!.aadObjectId,
        persona('grace').aadObjectId,
        persona('lidia').aadObjectId,
      ]),
    );
    expect(told).not.toContain(hana!.aadObjectId); // helpdesk agents do not manage leads
  });

  it('the results submitted again after the request was sent change nothing', async () => {
    const { bot } = await searched(carmen, WIDE);
    const contact = { ...CONTACT, partners: DEMO_TENANTS.adatum };
    expect((await bot.click(FIND_VERBS.contact, contact)).text).toContain('Your request was sent');
    const again = await bot.click(FIND_VERBS.contact, contact);
    expect(again.text).toContain('This form is no longer active');
    expect(again.text).toContain("Type 'find partner' to start again");
    expect(await store.all('leads')).toHaveLength(1);
  });

  it.each([
    [{ partners: '' }, 'Tick at least one partner to contact.'],
    [{ needs: 'help' }, 'Describe your business needs'],
    [{ contactEmail: 'nope' }, 'a valid contact email address'],
  ])('refuses contact input %j with what to fix, saving nothing', async (override, message) => {
    const { text } = await contacted(carmen, {
      ...CONTACT,
      partners: DEMO_TENANTS.adatum,
      ...override,
    });
    expect(text).toContain(message);
    expect(await store.all('leads')).toEqual([]);
  });

  it('only global and billing admins may find partners', async () => {
    expect((await searched(bill, SEARCH)).shown.text).toContain('Partners that match');
    expect(await as(helen).say('find partner')).toContain('This needs the role: Global admin or Billing admin.');
    // A copy of the form in front of someone whose roles do not allow it is refused before any step sees it.
    expect((await as(helen).click(FIND_VERBS.search, SEARCH)).text).toContain(
      'This needs the role: Global admin or Billing admin.',
    );
  });

  it('a sales agent sees the lead, marks it contacted and turns it into a pre-filled request', async () => {
    await contacted(carmen, { ...CONTACT, partners: DEMO_TENANTS.adatum });
    const partner = as(sam!);
    const list = await partner.say('leads');
    expect(list).toContain('Contoso Ltd (new)');
    expect(list).toContain('securing Microsoft 365');
    const [lead] = await store.all('leads');
    expect((await partner.click(FIND_VERBS.markLead, { leadId: lead!.id, status: 'contacted' })).text).toContain(
      'Contoso Ltd (contacted)',
    );
    const form = await partner.click(FIND_VERBS.inviteLead, { leadId: lead!.id });
    expect(JSON.stringify(form.card)).toContain('"value":"contoso.com"');
    const draft = await partner.click(REQUEST_VERBS.submit, {
      customer: 'contoso.com',
      relationship: 'reseller',
      includeAdmin: 'false',
      leadId: lead!.id,
    });
    expect(draft.text).toContain('Invitation for Contoso Ltd');
    expect((await store.get('leads', lead!.id))?.status).toBe('converted');
    expect((await store.all('invitations'))[0]?.leadId).toBe(lead!.id);
  });

  it('where am i names the step; another workflow in the middle asks first; the results still work after Go on', async () => {
    const { bot } = await searched(carmen, WIDE);
    expect(await bot.say('where am i')).toContain('You are in finding a partner, at the list of partners that match');
    const question = await bot.sayWithCards('ask partner');
    expect(question.text).toContain('Leave finding a partner?');
    const startedAt = /"startedAt":"(?<at>[^"]+)"/.exec(JSON.stringify(question.cards))!.groups!.at;
    expect((await bot.click('workflow.stay', { startedAt })).text).toContain('Going on with finding a partner');
    const sent = await bot.click(FIND_VERBS.contact, { ...CONTACT, partners: DEMO_TENANTS.adatum });
    expect(sent.text).toContain('Your request was sent');
    expect(await store.all('leads')).toHaveLength(1);
  });

  it('helpdesk agents do not manage leads', async () => {
    expect(await as(hana!).say('leads')).toContain('This needs the role');
  });

  it('a partner cannot touch another partner\u2019s lead', async () => {
    await contacted(carmen, { ...CONTACT, partners: DEMO_TENANTS.litware });
    const [lead] = await store.all('leads');
    expect((await as(sam!).click(FIND_VERBS.markLead, { leadId: lead!.id, status: 'declined' })).text).toContain(
      "I cannot find that, or it is not your organisation's",
    );
    expect((await store.get('leads', lead!.id))?.status).toBe('new');
  });

  it('works in Spanish', async () => {
    const { text } = (await searched(carmen, {}, 'es-ES')).shown;
    expect(text).toContain('Indique al menos una ubicación');
    expect(visibleText({ text })).toContain('Buscar un partner');
  });
});
