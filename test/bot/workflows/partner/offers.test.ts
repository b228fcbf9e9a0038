import { PARTNER_VERBS } from '../../../../src/bot/workflows/partner/verbs.js';
import { MCA_VERB } from '../../../../src/bot/workflows/customer/customer-admin.js';
import { REQUEST_VERBS } from '../../../../src/cards/request-card.js';
import { INVITATION_VERBS } from '../../../../src/cards/invitation-card.js';
import type { Store } from '../../../../src/store/store.js';
import { visibleText, type Person } from '../../../support/activities.js';
import { tempStore } from '../../../support/world.js';
import { BotHarness } from '../../../support/bot-harness.js';
import { alex, carmen, hana, partnerWorld, sam } from './partner-world.js';
import type { InvitationRequest } from '../../../../src/services/invitations/invitations.js';
import { ExpiryGuardian } from '../../../../src/services/relationships/expiry-guardian.js';
import { Notifier } from '../../../../src/services/outbox/notifications.js';
import { MemoryLogger } from '../../../../src/logging/logger.js';
import { DEMO_TENANTS } from '../../../../src/store/demo-world.js';
import { runAdmin } from '../../../../src/tools/admin.js';
import { useBotWorld } from '../../../support/bot-world.js';
import { sendInvitation } from '../../../support/invitations.js';
import { persona } from '../../../support/personas.js';
import { NOW } from '../../../support/world.js';
import { buttons } from '../helpdesk/harness.js';

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
    const form = await bot.click(PARTNER_VERBS.offerForm, { kind: 'trial' });
    expect(form.text).toContain('Trial invitation');
    expect(form.text).toContain('Microsoft 365 Business Premium');
    expect(form.text).toContain('Include delegated administration privileges');
    expect(form.text).not.toContain('Licences of');

    const draft = await bot.click(PARTNER_VERBS.offerSubmit, TRIAL);
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
    const { text } = await as(alex).click(PARTNER_VERBS.offerSubmit, OFFER);
    expect(text).toContain('Contoso Ltd has not accepted the Microsoft Customer Agreement yet');
    expect(text).toContain('Create purchase offer');
    const toNewCustomer = await as(alex).click(PARTNER_VERBS.offerSubmit, {
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
    expect((await bot.click(PARTNER_VERBS.offerForm, { kind: 'purchase-offer' })).text).toContain(
      'Licences of Microsoft 365 E3',
    );
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

    const again = await bot.click(PARTNER_VERBS.offerSubmit, OFFER);
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
    const { text, card } = await as(person).click(PARTNER_VERBS.offerSubmit, values);
    expect(text).toContain(message);
    expect(text).toContain(values.kind === 'trial' ? 'Create trial invitation' : 'Create purchase offer');
    expect(JSON.stringify(card)).toContain(values.customer!);
    expect(await invitations()).toHaveLength(0);
  });

  it('refuses a helpdesk agent before the form is read, naming the roles needed and saving nothing', async () => {
    const { text } = await as(hana).click(PARTNER_VERBS.offerSubmit, TRIAL);
    expect(text).toContain('This needs the role: Admin agent or Sales agent or Global admin.');
    expect(await invitations()).toHaveLength(0);
  });

  it('speaks Spanish', async () => {
    const { text } = await as(alex, 'es-ES').click(PARTNER_VERBS.offerSubmit, { ...TRIAL, services: '' });
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
      const draft = await bot.click(PARTNER_VERBS.offerSubmit, values);
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

describe('a trial and a purchase offer have their own life (seed 004)', () => {
  const world = useBotWorld();
  const lidia = persona('lidia'); // Litware sales agent + global admin; Litware is in no programme
  const DAY_MS = 86_400_000;
  const later = (days: number) => new Date(NOW.getTime() + days * DAY_MS);
  const TRIAL_REQUEST: InvitationRequest = {
    kind: 'trial',
    customer: { tenantId: DEMO_TENANTS.contoso },
    relationshipTypes: ['reseller'],
    adminAccess: null,
    services: [{ serviceId: 'teams-phone' }, { serviceId: 'm365-e3' }],
  };

  async function guardianPass(at: Date): Promise<void> {
    const clock = () => at;
    const logger = new MemoryLogger();
    const notifier = new Notifier(world.store, { clock, logger });
    await new ExpiryGuardian({ store: world.store, notifier, clock, defaultLanguage: 'en', logger }).runOnce();
    expect(logger.lines.filter((l) => l.level === 'error')).toEqual([]);
  }
  const seenBy = async (person: Person, kind: string) =>
    (await world.store.all('notifications'))
      .filter((n) => n.aadObjectId === person.aadObjectId && n.kind === kind)
      .map((n) => ({
        text: visibleText(n.payload),
        card: (n.payload as { card?: { content?: unknown } }).card?.content,
      }));

  /** Adatum's trial of Teams Phone and Microsoft 365 E3, accepted by Carmen (which also accepts the MCA). */
  async function acceptedTrial(): Promise<void> {
    const { id } = await sendInvitation(world.store, TRIAL_REQUEST);
    const accepted = await world
      .harness(carmen)
      .click(INVITATION_VERBS.accept, { invitationId: id, acknowledged: 'true' });
    expect(accepted.text).toContain('Invitation accepted');
  }

  it('delegated administration is offered only to a partner in a programme the operator records', async () => {
    const bot = world.harness(lidia);
    expect((await bot.click(PARTNER_VERBS.offerForm, { kind: 'trial' })).text).not.toContain(
      'Include delegated administration privileges',
    );
    const refused = await bot.click(PARTNER_VERBS.offerSubmit, {
      ...TRIAL,
      includeAdmin: 'true',
      roles: 'license-administrator',
      durationDays: '30',
    });
    expect(refused.text).toContain('Your organisation is in no programme that lets it offer delegated administration');
    expect(await world.store.all('invitations')).toHaveLength(0);

    const printed = await runAdmin(
      ['set-programme', '--tenant', DEMO_TENANTS.litware, '--programme', 'cloud-accelerate'],
      world.store,
      () => NOW,
    );
    expect(printed).toContain('Litware Solutions is in cloud-accelerate');
    expect((await world.store.get('organizations', DEMO_TENANTS.litware))?.delegatedAdminProgramme).toBe(
      'cloud-accelerate',
    );
    expect((await bot.click(PARTNER_VERBS.offerForm, { kind: 'trial' })).text).toContain(
      'Include delegated administration privileges',
    );
    const sent = await bot.click(PARTNER_VERBS.offerSubmit, {
      ...TRIAL,
      includeAdmin: 'true',
      roles: 'license-administrator',
      durationDays: '30',
    });
    expect(sent.text).toContain('Trial invitation for Contoso Ltd');
    await expect(
      runAdmin(['set-programme', '--tenant', DEMO_TENANTS.contoso, '--programme', 'cloud-essentials'], world.store),
    ).rejects.toThrow('only partners offer delegated administration');
  });

  it('an accepted trial starts, is reminded before it ends, once, and ends', async () => {
    await acceptedTrial();
    const [trial] = await world.store.all('trials');
    expect(trial).toMatchObject({
      status: 'active',
      partnerTenantId: DEMO_TENANTS.adatum,
      customerTenantId: DEMO_TENANTS.contoso,
      services: [{ serviceId: 'teams-phone' }, { serviceId: 'm365-e3' }],
      startAt: NOW.toISOString(),
      endAt: later(30).toISOString(),
    });

    await guardianPass(later(24));
    await guardianPass(later(24.5));
    const toAlex = await seenBy(alex, 'trial.ending');
    expect(toAlex.map((n) => n.text)).toEqual([expect.stringContaining('The trial for Contoso Ltd ends in 6 days')]);
    expect(toAlex[0]!.text).toContain('Teams Phone, Microsoft 365 E3');
    expect(buttons(toAlex[0]!.card)).toEqual([
      {
        title: 'Create purchase offer',
        verb: PARTNER_VERBS.offerForm,
        data: { kind: 'purchase-offer', customer: 'contoso.com', services: 'teams-phone,m365-e3' },
      },
    ]);
    const offerForm = await world.harness(alex).click(PARTNER_VERBS.offerForm, buttons(toAlex[0]!.card)[0]!.data);
    expect(offerForm.text).toContain('Licences of Teams Phone');
    expect(JSON.stringify(offerForm.card)).toContain('contoso.com');
    expect((await seenBy(carmen, 'trial.ending')).map((n) => n.text)).toEqual([
      expect.stringContaining('Your trial from Adatum Cloud Partners ends in 6 days'),
    ]);

    await guardianPass(later(30));
    expect((await world.store.get('trials', trial!.id))?.status).toBe('ended');
    expect((await seenBy(carmen, 'trial.ended')).map((n) => n.text)).toEqual([
      expect.stringContaining('Your trial from Adatum Cloud Partners has ended'),
    ]);
    const timeline = await world.harness(hana).say('timeline contoso');
    for (const line of ['Trial started', 'Reminder sent: the trial ends in 7 days', 'Trial ended'])
      expect(timeline).toContain(line);
  });

  it('an accepted purchase offer records its licences and converts the trial it covers, which then never ends', async () => {
    await acceptedTrial();
    const { id } = await sendInvitation(world.store, {
      ...TRIAL_REQUEST,
      kind: 'purchase-offer',
      services: [{ serviceId: 'm365-e3', licences: 25 }],
    });
    await world.harness(carmen).click(INVITATION_VERBS.accept, { invitationId: id, acknowledged: 'true' });
    const [purchase] = await world.store.all('purchases');
    expect(purchase).toMatchObject({
      invitationId: id,
      partnerTenantId: DEMO_TENANTS.adatum,
      customerTenantId: DEMO_TENANTS.contoso,
      services: [{ serviceId: 'm365-e3', licences: 25 }],
      acceptedBy: { name: carmen.name },
    });
    const [trial] = await world.store.all('trials');
    expect(trial).toMatchObject({ status: 'converted', purchaseId: purchase!.id });

    await guardianPass(later(31));
    expect((await world.store.get('trials', trial!.id))?.status).toBe('converted');
    expect(await seenBy(carmen, 'trial.ended')).toEqual([]);
    const status = await world.harness(hana).say('status contoso');
    expect(status).toContain('Trials and purchases');
    expect(status).toMatch(/Trial: Teams Phone, Microsoft 365 E3\s*converted to a purchase on/);
    expect(status).toMatch(/Purchase: Microsoft 365 E3 · 25 licences\s*accepted by Carmen Navarro/);
    // The conversion is in both organisations' history; which of the commit's same-minute events the first
    // timeline page shows is not fixed, so the history is read from the store.
    const converted = (await world.store.all('auditEvents')).filter((e) => e.action === 'trial.converted');
    expect(converted.map((e) => [...e.tenantIds].sort())).toEqual([[DEMO_TENANTS.adatum, DEMO_TENANTS.contoso].sort()]);
    // Both events of the purchase's commit are in Contoso's and Adatum's history (the page shows the newest ten).
    const events = (await world.store.all('auditEvents')).filter((e) => e.action === 'purchase.recorded');
    expect(events.map((e) => [e.actor?.name, e.tenantIds, e.after])).toEqual([
      [
        carmen.name,
        [DEMO_TENANTS.adatum, DEMO_TENANTS.contoso],
        { services: [{ serviceId: 'm365-e3', licences: 25 }] },
      ],
    ]);
  });
});
