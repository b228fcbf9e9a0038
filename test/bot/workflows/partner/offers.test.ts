import { PARTNER_VERBS } from '../../../../src/bot/workflows/partner/verbs.js';
import { MCA_VERB } from '../../../../src/bot/workflows/customer/customer-admin.js';
import { REQUEST_VERBS } from '../../../../src/cards/request-card.js';
import { INVITATION_VERBS } from '../../../../src/cards/invitation-card.js';
import type { Store } from '../../../../src/store/store.js';
import { visibleText, type Person } from '../../../support/activities.js';
import { tempStore } from '../../../support/world.js';
import { BotHarness } from '../../../support/bot-harness.js';
import { alex, carmen, hana, partnerWorld, sam } from './partner-world.js';

const TRIAL = { kind: 'trial', customer: 'contoso.com', services: 'teams-phone,m365-e3', includeAdmin: 'false' };
const OFFER = {
  kind: 'purchase-offer',
  customer: 'contoso.com',
  services: 'm365-e3,defender-business',
  'licences-m365-e3': '25',
  'licences-defender-business': '10',
  includeAdmin: 'true',
  roles: 'license-administrator',
  durationDays: '90',
  autoExtend: 'true',
};

/** A trial or offer as a partner sends one: the command opens the form, its submit button sends what was typed. */
async function submitOffer(bot: BotHarness, values: Record<string, string>) {
  const trial = values.kind === 'trial';
  await bot.say(trial ? 'trial' : 'offer');
  return bot.click(trial ? PARTNER_VERBS.trialSubmit : PARTNER_VERBS.offerSubmit, values);
}

describe('Trial invitations and purchase offers', () => {
  let store: Store;
  let dispose: () => Promise<void>;
  const as = (person: Person, locale = 'en-US') => new BotHarness(store, person, { FOUR_EYES: 'true' }, locale);
  const invitations = async () => store.all('invitations');

  beforeEach(async () => {
    ({ store, dispose } = await tempStore(partnerWorld()));
  });
  afterEach(() => dispose());

  it('a trial with two services goes out like any invitation; the customer admin sees the services', async () => {
    const bot = as(sam);
    const form = await bot.sayWithCards('trial');
    expect(form.text).toContain('Trial invitation');
    expect(form.text).toContain('Microsoft 365 Business Premium');
    expect(form.text).toContain('Include delegated administration privileges');
    expect(form.text).not.toContain('Licences of');

    const draft = await bot.click(PARTNER_VERBS.trialSubmit, TRIAL);
    expect(draft.text).toContain('Trial invitation for Contoso Ltd');
    const [invitation] = await invitations();
    expect(invitation).toMatchObject({
      kind: 'trial',
      adminAccess: null,
      services: [{ serviceId: 'teams-phone' }, { serviceId: 'm365-e3' }],
    });
    const link = /http:\/\/localhost:3978\/invite\/[A-Z2-7]{32}/.exec(draft.text)![0];
    await bot.click(REQUEST_VERBS.done, {
      invitationId: invitation!.id,
      token: link.split('/').pop(),
      subject: 'Try Teams Phone',
      body: link,
    });
    const toCarmen = (await store.findBy('notifications', 'subject', invitation!.id)).find(
      (n) => n.aadObjectId === carmen.aadObjectId,
    );
    const seen = visibleText(toCarmen?.payload);
    expect(seen).toContain('Accept & Authorize');
    expect(seen).toContain('Teams Phone');
    expect(seen).toContain('Microsoft 365 E3');
  });

  it('a purchase offer says no, and why, until the customer accepted the MCA (rule 6)', async () => {
    const bot = as(alex);
    const { text } = await submitOffer(bot, OFFER);
    expect(text).toContain('Contoso Ltd has not accepted the Microsoft Customer Agreement yet');
    expect(text).toContain('Create purchase offer');
    // The form stays open with what to fix: the next try is sent from it.
    const toNewCustomer = await bot.click(PARTNER_VERBS.offerSubmit, {
      ...OFFER,
      customer: '',
      newDomain: 'newco.example',
      newEmail: 'admin@newco.example',
    });
    expect(toNewCustomer.text).toContain('newco.example has not accepted the Microsoft Customer Agreement yet');
    expect(await invitations()).toHaveLength(0);
  });

  it('a purchase offer carries licence counts and may include delegated administration', async () => {
    const carmenBot = as(carmen);
    await carmenBot.say('accept mca');
    expect((await carmenBot.click(MCA_VERB, { confirmed: 'true' })).text).toContain('Contoso Ltd');
    const bot = as(alex);
    expect(await bot.say('offer')).toContain('Licences of Microsoft 365 E3');
    const draft = await bot.click(PARTNER_VERBS.offerSubmit, OFFER);
    expect(draft.text).toContain('Purchase offer for Contoso Ltd');
    expect(draft.text).toContain('License Administrator');
    const [invitation] = await invitations();
    expect(invitation).toMatchObject({
      kind: 'purchase-offer',
      relationshipTypes: ['reseller', 'delegated-admin'],
      adminAccess: { roles: ['license-administrator'], durationDays: 90, autoExtend: true },
      services: [
        { serviceId: 'm365-e3', licences: 25 },
        { serviceId: 'defender-business', licences: 10 },
      ],
    });
    const events = await store.findBy('auditEvents', 'target', `invitation/${invitation!.id}`);
    expect(events.map((e) => [e.action, e.actor?.name])).toContainEqual(['invitation.created', alex.name]);

    const again = await submitOffer(bot, OFFER);
    expect(again.text).toContain('An open invitation already exists');
    expect(await invitations()).toHaveLength(1);
  });

  it.each<[string, Person, Record<string, string>, string]>([
    ['no service', alex, { ...TRIAL, services: '' }, 'Choose at least one service.'],
    ['an unknown service', alex, { ...TRIAL, services: 'xbox' }, 'Choose at least one service.'],
    [
      'a licence count of 0',
      alex,
      { ...OFFER, 'licences-m365-e3': '0' },
      'Give the number of licences of Microsoft 365 E3: a whole number from 1 to 10000.',
    ],
    [
      'a missing licence count',
      alex,
      { ...OFFER, 'licences-defender-business': '' },
      'Give the number of licences of Microsoft Defender for Business',
    ],
    ['a sales agent including admin privileges', sam, OFFER, 'This needs the role: Admin agent or Global admin.'],
    [
      'a customer outside the partner country (rule 1)',
      alex,
      { ...TRIAL, customer: 'tailspintoys.es' },
      'only be requested with a customer in your own country or region (US)',
    ],
    ['a 21Vianet customer (rule 4)', alex, { ...TRIAL, customer: 'wingtiptoys.cn' }, 'operated by 21Vianet'],
    ['an invalid duration', alex, { ...OFFER, durationDays: '800' }, 'from 1 to 730'],
    [
      'auto-extend with Global Administrator',
      alex,
      { ...OFFER, roles: 'global-administrator' },
      'Auto-extend is not allowed when Global Administrator',
    ],
  ])('refuses %s in the form, keeping what was typed and saving nothing', async (_name, person, values, message) => {
    const { text, card } = await submitOffer(as(person), values);
    expect(text).toContain(message);
    expect(text).toContain(values.kind === 'trial' ? 'Create trial invitation' : 'Create purchase offer');
    expect(JSON.stringify(card)).toContain(values.customer!);
    expect(await invitations()).toHaveLength(0);
  });

  it('refuses a helpdesk agent before the form is read, naming the roles needed and saving nothing', async () => {
    const bot = as(hana);
    expect(await bot.say('trial')).toContain('This needs the role: Admin agent or Sales agent or Global admin.');
    const { text } = await bot.click(PARTNER_VERBS.trialSubmit, TRIAL);
    expect(text).toContain('This needs the role: Admin agent or Sales agent or Global admin.');
    expect(await invitations()).toHaveLength(0);
  });

  it('speaks Spanish', async () => {
    const bot = as(alex, 'es-ES');
    expect(await bot.say('prueba')).toContain('Invitación de prueba');
    const { text } = await bot.click(PARTNER_VERBS.trialSubmit, { ...TRIAL, services: '' });
    expect(text).toContain('Invitación de prueba');
    expect(text).toContain('Elija al menos un servicio.');
  });

  /** What the partner's draft (card and email) and the customer's Accept & Authorize card say, per kind and language. */
  const SAYS: [string, Record<string, string>, string, { draft: string[]; customer: string[]; never: string[] }][] = [
    [
      'a trial, in English',
      TRIAL,
      'en-US',
      {
        draft: [
          'Trial invitation for Contoso Ltd',
          'What it is\nTrial',
          'Trial length\n30 days',
          'Services in the trial\nTeams Phone; Microsoft 365 E3',
          'Adatum Cloud Partners invites Contoso Ltd to a 30-day trial',
          'This is a trial, free for 30 days, of: Teams Phone, Microsoft 365 E3.',
        ],
        customer: [
          'Adatum Cloud Partners sends Contoso Ltd a 30-day trial of Teams Phone, Microsoft 365 E3.',
          'What it is\nTrial',
          'Trial length\n30 days',
          'Services in the trial',
          "Partner's domain\nadatum.com",
          'Partner ID (MPN)\n4410001',
          "Partner's support contact\nAdatum sales · sales@adatum.com",
          'Where this is accepted\nHere in Teams: select Accept & Authorize below',
        ],
        never: ['admin center', 'Purchase offer', 'invites Contoso Ltd to a partner relationship'],
      },
    ],
    [
      'a trial, in Spanish',
      TRIAL,
      'es-ES',
      {
        draft: [
          'Invitación de prueba para Contoso Ltd',
          'Qué es\nPrueba',
          'Duración de la prueba\n30 días',
          'Adatum Cloud Partners invita a Contoso Ltd a una prueba de 30 días',
          'Se trata de una prueba gratuita de 30 días de: Teams Phone, Microsoft 365 E3.',
        ],
        customer: [
          'Adatum Cloud Partners envía a Contoso Ltd una prueba de 30 días de Teams Phone, Microsoft 365 E3.',
          'Servicios de la prueba',
          'Dominio del partner\nadatum.com',
          'Id. de partner (MPN)\n4410001',
          'Aquí, en Teams: seleccione Aceptar & Autorizar abajo',
        ],
        never: ['Centro de administración', 'Oferta de compra'],
      },
    ],
    [
      'a purchase offer, in English',
      OFFER,
      'en-US',
      {
        draft: [
          'Purchase offer for Contoso Ltd',
          'What it is\nPurchase offer',
          'Products and licences\nMicrosoft 365 E3 · 25 licences; Microsoft Defender for Business · 10 licences',
          'Adatum Cloud Partners sends Contoso Ltd a purchase offer',
          'This is a purchase offer for: Microsoft 365 E3 · 25 licences, Microsoft Defender for Business · 10 licences.',
          'License Administrator',
        ],
        customer: [
          'Adatum Cloud Partners sends Contoso Ltd a purchase offer for Microsoft 365 E3 · 25 licences',
          'What it is\nPurchase offer',
          'Products and licences',
          'Partner ID (MPN)\n4410001',
          'Here in Teams: select Accept & Authorize below',
        ],
        never: ['admin center', 'Trial length', 'invites Contoso Ltd to a partner relationship'],
      },
    ],
    [
      'a purchase offer, in Spanish',
      { ...OFFER, 'licences-defender-business': '1' },
      'es-ES',
      {
        draft: [
          'Oferta de compra para Contoso Ltd',
          'Productos y licencias\nMicrosoft 365 E3 · 25 licencias; Microsoft Defender para empresas · 1 licencia',
          'Adatum Cloud Partners envía a Contoso Ltd una oferta de compra',
        ],
        customer: ['Adatum Cloud Partners envía a Contoso Ltd una oferta de compra de Microsoft 365 E3 · 25 licencias'],
        never: ['Duración de la prueba', '1 licencias'],
      },
    ],
  ];

  it.each(SAYS)(
    '%s says what it is in the draft, the email and the Accept & Authorize card',
    async (_n, values, locale, says) => {
      const carmenBot = as(carmen);
      await carmenBot.say('accept mca');
      await carmenBot.click(MCA_VERB, { confirmed: 'true' });
      const bot = as(alex, locale);
      const draft = await submitOffer(bot, values);
      const [invitation] = await invitations();
      for (const text of says.draft) expect(draft.text).toContain(text);
      for (const text of says.never) expect(draft.text).not.toContain(text);
      const link = /http:\/\/localhost:3978\/invite\/[A-Z2-7]{32}/.exec(draft.text)![0];
      const sent = await bot.click(REQUEST_VERBS.done, {
        invitationId: invitation!.id,
        token: link.split('/').pop(),
        subject: 's',
        body: link,
      });
      expect(sent.card).toBeDefined();
      const card = await as(carmen, locale).click(INVITATION_VERBS.refresh, { invitationId: invitation!.id });
      for (const text of says.customer) expect(card.text).toContain(text);
      for (const text of says.never) expect(card.text).not.toContain(text);
    },
  );
});
