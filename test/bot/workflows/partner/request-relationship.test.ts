import { useBotWorld } from '../../../support/bot-world.js';
import { visibleText, type Person } from '../../../support/activities.js';
import { NOW, org, user } from '../../../support/world.js';
import { DEMO_TENANTS, demoWorld } from '../../../../src/store/demo-world.js';
import { contactedBy } from '../../../services/helpdesk/helpdesk-fixtures.js';
import { REQUEST_VERBS } from '../../../../src/cards/request-card.js';
import type { Store } from '../../../../src/store/store.js';
import { persona } from '../../../support/personas.js';

const alex = persona('alex'); // Adatum admin agent
const sam = persona('sam'); // Adatum sales agent
const grace = persona('grace'); // Adatum global admin
const carmen = persona('carmen'); // Contoso global admin
const gov: Person = {
  tenantId: 'aaaa0000-0000-4000-8000-00000000090v',
  aadObjectId: 'aaaa0000-0000-4000-8000-000000000901',
};

const GRANULAR = {
  customer: 'contoso.com',
  relationship: 'reseller',
  includeAdmin: 'true',
  roles: 'helpdesk-administrator,license-administrator',
  legacy: 'false',
  durationDays: '180',
  autoExtend: 'true',
};

describe('Request a reseller relationship', () => {
  const chat = useBotWorld(() => {
    const world = demoWorld(NOW);
    world.organizations = [
      ...(world.organizations ?? []),
      org({
        tenantId: gov.tenantId,
        name: 'Gov Partners LLC',
        primaryDomain: 'govpartners.us',
        countryRegion: 'US',
        cloud: 'usgov',
        kind: 'direct-reseller',
      }),
    ];
    world.users = [
      ...(world.users ?? []),
      user({
        ...gov,
        name: 'Greg Gov',
        email: 'greg@govpartners.us',
        roles: { side: 'partner', agent: 'admin-agent', admin: 'none' },
      }),
    ];
    // Tailspin and Wingtip contacted Adatum: customers it deals with, so it may find them by name.
    world.leads = contactedBy(NOW, DEMO_TENANTS.adatum, DEMO_TENANTS.tailspin, DEMO_TENANTS.wingtip).leads;
    return world;
  });
  let store: Store;
  beforeEach(() => (store = chat.store));
  const as = (person: Person, env: NodeJS.ProcessEnv = { FOUR_EYES: 'true' }) => chat.harness(person, env);
  const invitationCount = async () => (await store.all('invitations')).length;

  it('an admin agent requests granular roles; Done sends it and the customer admin gets the card in Teams', async () => {
    const bot = as(alex);
    const form = await bot.say('request relationship');
    expect(form).toContain('Include delegated administration privileges');
    expect(form).not.toContain('Helpdesk Administrator');
    const withAdmin = await bot.click(REQUEST_VERBS.form, { customer: 'contoso.com', includeAdmin: 'true' });
    expect(withAdmin.text).toContain('Helpdesk Administrator: Can reset passwords of non-administrators');

    const draft = await bot.click(REQUEST_VERBS.submit, GRANULAR);
    expect(draft.text).toContain('Invitation for Contoso Ltd');
    expect(draft.text).toContain('Accepted in\nIn Microsoft Teams, in the chat with Partner Desk');
    expect(draft.text).not.toContain('admin center');
    const link = /http:\/\/localhost:3978\/invite\/[A-Z2-7]{32}/.exec(draft.text)?.[0];
    expect(link).toBeDefined();
    const { token } = (JSON.stringify(draft.card).match(/"token":"(?<token>[A-Z2-7]{32})"/)?.groups ?? {}) as {
      token?: string;
    };
    const [invitation] = await store.all('invitations');
    expect(invitation).toMatchObject({
      status: 'created',
      adminAccess: { roles: ['helpdesk-administrator', 'license-administrator'], durationDays: 180, autoExtend: true },
    });
    expect(JSON.stringify(invitation)).not.toContain(token!);

    const noLink = await bot.click(REQUEST_VERBS.done, {
      invitationId: invitation!.id,
      token,
      subject: 'Hi',
      body: 'Please accept.',
    });
    expect(noLink.text).toContain('The personalised link must stay in the message');
    expect((await store.get('invitations', invitation!.id))?.status).toBe('created');

    const sent = await bot.click(REQUEST_VERBS.done, {
      invitationId: invitation!.id,
      token,
      subject: 'Hi',
      body: `Please accept: ${link}`,
    });
    expect(sent.text).toContain('Invitation sent to Contoso Ltd');
    expect(sent.text).toContain('1 admin of Contoso Ltd also received the Accept & Authorize card in Teams');
    expect((await store.get('invitations', invitation!.id))?.status).toBe('approval-pending');
    const toCarmen = (await store.findBy('notifications', 'subject', invitation!.id)).filter(
      (n) => n.aadObjectId === carmen.aadObjectId,
    );
    expect(visibleText(toCarmen[0]?.payload)).toContain('Accept & Authorize');

    await bot.say('request relationship');
    const again = await bot.click(REQUEST_VERBS.submit, GRANULAR);
    expect(again.text).toContain('An open invitation already exists');
    expect(await invitationCount()).toBe(1);
    const renewed = await bot.click(REQUEST_VERBS.newLink, { invitationId: invitation!.id });
    expect(renewed.text).toContain('Personalised link');
    expect((await store.get('invitations', invitation!.id))?.tokenHash).not.toBe(invitation!.tokenHash);
  });

  it('a forged Done (wrong token) changes nothing', async () => {
    const bot = as(alex);
    await bot.say('request relationship');
    await bot.click(REQUEST_VERBS.submit, GRANULAR);
    const [invitation] = await store.all('invitations');
    const { text } = await bot.click(REQUEST_VERBS.done, {
      invitationId: invitation!.id,
      token: 'A'.repeat(32),
      subject: 's',
      body: 'b',
    });
    expect(text).toContain('I cannot find that invitation');
    expect((await store.get('invitations', invitation!.id))?.status).toBe('created');
  });

  it.each<[string, Person, Record<string, string>, string]>([
    ['a sales agent including admin privileges', sam, GRANULAR, 'This needs the role: Admin agent or Global admin.'],
    [
      'a customer outside the partner country (rule 1)',
      alex,
      { ...GRANULAR, customer: 'tailspintoys.es' },
      'only be requested with a customer in your own country or region (US)',
    ],
    [
      'a national-cloud partner leaving admin privileges out (rule 2)',
      gov,
      { customer: 'northwindtraders.us', relationship: 'reseller', includeAdmin: 'false' },
      'cannot leave delegated administration privileges out',
    ],
    [
      'a 21Vianet customer (rule 4)',
      alex,
      { ...GRANULAR, customer: 'wingtiptoys.cn' },
      'not available to tenants operated by 21Vianet',
    ],
    ['a duration of 0 days', alex, { ...GRANULAR, durationDays: '0' }, 'from 1 to 730'],
    ['a duration of 731 days', alex, { ...GRANULAR, durationDays: '731' }, 'from 1 to 730'],
    ['a duration that is not a number', alex, { ...GRANULAR, durationDays: 'a year' }, 'from 1 to 730'],
    [
      'auto-extend with Global Administrator',
      alex,
      { ...GRANULAR, roles: 'global-administrator' },
      'Auto-extend is not allowed when Global Administrator',
    ],
    ['admin privileges without roles', alex, { ...GRANULAR, roles: '' }, 'Choose at least one admin role'],
    [
      'roles without admin privileges',
      alex,
      { ...GRANULAR, includeAdmin: 'false' },
      'did not include delegated administration privileges',
    ],
    [
      'an ambiguous customer',
      alex,
      { ...GRANULAR, customer: 'toys' },
      'More than one customer matches: Tailspin Toys (tailspintoys.es), Wingtip Toys China',
    ],
    ['an unknown customer', alex, { ...GRANULAR, customer: 'nobody' }, 'I cannot find that customer organisation'],
    // Adatum has nothing to do with Contoso yet: by name it is not found (only its domain starts an invitation).
    ['a customer named but not dealt with', alex, { ...GRANULAR, customer: 'contoso' }, 'I cannot find that customer'],
    [
      'a bad new customer email',
      alex,
      { ...GRANULAR, customer: '', newDomain: 'newco.com', newEmail: 'nope' },
      "Give the new customer's domain",
    ],
  ])('refuses %s in the form, saving nothing', async (_name, person, values, message) => {
    const bot = as(person);
    await bot.say('request relationship');
    const { text } = await bot.click(REQUEST_VERBS.submit, values);
    expect(text).toContain(message);
    expect(text).toContain('Request a reseller relationship');
    expect(await invitationCount()).toBe(0);
  });

  it('a sales agent may request a reseller-only relationship, and a new customer is invited by domain', async () => {
    const bot = as(sam);
    await bot.say('request relationship');
    const reseller = await bot.click(REQUEST_VERBS.submit, {
      customer: 'contoso.com',
      relationship: 'reseller',
      includeAdmin: 'false',
    });
    expect(reseller.text).toContain('Invitation for Contoso Ltd');
    await bot.say('request relationship');
    const newCustomer = await bot.click(REQUEST_VERBS.submit, {
      newDomain: 'alpineskihouse.com',
      newEmail: 'it@alpineskihouse.com',
      relationship: 'reseller',
    });
    expect(newCustomer.text).toContain('Invitation for alpineskihouse.com');
    expect(JSON.stringify(newCustomer.card)).toContain('mailto:it%40alpineskihouse.com');
  });

  it('four-eyes: a request with Global Administrator waits for a second admin, who is not the requester', async () => {
    const bot = as(alex);
    await bot.say('request relationship');
    const draft = await bot.click(REQUEST_VERBS.submit, { ...GRANULAR, legacy: 'true', autoExtend: 'false' });
    expect(draft.text).toContain('a second admin agent or global admin of your organisation must approve it');
    const [invitation] = await store.all('invitations');
    const link = /http:\/\/localhost:3978\/invite\/[A-Z2-7]{32}/.exec(draft.text)![0];
    const token = link.split('/').pop()!;
    const early = await bot.click(REQUEST_VERBS.done, {
      invitationId: invitation!.id,
      token,
      subject: 's',
      body: link,
    });
    expect(early.text).toContain('must approve it before it goes out');
    const approvers = (await store.findBy('notifications', 'subject', invitation!.id)).map((n) => n.aadObjectId);
    expect(approvers).toContain(grace.aadObjectId);
    expect(approvers).not.toContain(alex.aadObjectId);

    expect((await bot.click(REQUEST_VERBS.approve, { invitationId: invitation!.id })).text).toContain(
      'You cannot approve your own request',
    );
    expect((await as(sam).click(REQUEST_VERBS.approve, { invitationId: invitation!.id })).text).toContain(
      'Admin agent or Global admin',
    );
    expect((await as(grace).click(REQUEST_VERBS.approve, { invitationId: invitation!.id })).text).toContain(
      'Approved by Grace Global on 22 Nov 2026 10:00 UTC.',
    );
    const sent = await bot.click(REQUEST_VERBS.done, { invitationId: invitation!.id, token, subject: 's', body: link });
    expect(sent.text).toContain('Invitation sent to Contoso Ltd');
  });

  it('works in Spanish', async () => {
    const bot = chat.harness(alex, {}, 'es-ES');
    expect(await bot.say('solicitar relacion')).toContain(
      'Incluir privilegios de administración delegados para Azure Active Directory y Office 365',
    );
    const { text } = await bot.click(REQUEST_VERBS.submit, { ...GRANULAR, durationDays: '0' });
    expect(text).toContain('entre 1 y 730');
  });
});
