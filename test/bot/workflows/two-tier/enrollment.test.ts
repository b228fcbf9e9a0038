import { BotHarness } from '../../../support/bot-harness.js';
import { visibleText } from '../../../support/activities.js';
import { NOW, tempStore } from '../../../support/world.js';
import { DEMO_TENANTS, demoWorld } from '../../../../src/store/demo-world.js';
import { ENROLL_VERB } from '../../../../src/bot/workflows/two-tier/enrollment.js';
import { runAdmin, UsageError } from '../../../../src/tools/admin.js';
import type { Store } from '../../../../src/store/store.js';
import { translator } from '../../../../src/i18n/i18n.js';
import { persona } from '../../../support/personas.js';
import { TAILSPIN_APPLICATION } from '../../../support/enrollment-application.js';

const lucia = persona('lucia'); // Tailspin Toys global admin
const bill = persona('bill'); // Contoso billing admin
const FORM = TAILSPIN_APPLICATION;

describe('enrolment as an indirect reseller', () => {
  let store: Store;
  let dispose: () => Promise<void>;
  let bot: BotHarness;

  beforeEach(async () => {
    ({ store, dispose } = await tempStore(demoWorld(NOW)));
    bot = new BotHarness(store, lucia);
  });
  afterEach(async () => {
    bot.stop();
    await dispose();
  });

  const codeSentToLucia = async () => {
    const [note] = (await store.all('notifications')).filter((n) => n.kind === 'enrollment.code');
    return /\b(\d{6})\b/.exec(visibleText(note?.payload))?.[1];
  };

  it.each([
    [{ ...FORM, contactEmail: 'lucia.martin@gmail.com' }, 'cannot use a web-mail address (gmail.com)'],
    [{ ...FORM, contactEmail: 'ana@outlook.es' }, 'cannot use a web-mail address'],
    [{ ...FORM, mpnId: 'abc' }, 'partner network (MPN) id: 6 to 10 digits'],
    [{ ...FORM, countryRegion: 'Spain' }, 'two letters'],
    [{ ...FORM, legalName: '' }, 'Enter the legal business name.'],
    [{ ...FORM, contactEmail: 'nobody@tailspintoys.es' }, 'must be a Partner Desk user of your organisation'],
  ])('refuses %j in the form and saves nothing', async (values, message) => {
    await bot.say('enroll');
    const { text } = await bot.click(ENROLL_VERB, values);
    expect(text).toContain(message);
    expect(text).toContain('Enroll now');
    expect(await store.all('enrollments')).toEqual([]);
  });

  const FIELDS = Object.keys(FORM) as (keyof typeof FORM)[];
  const MALFORMED: Partial<Record<keyof typeof FORM, string>> = {
    legalName: 'X',
    street: ' ',
    city: 'M',
    postalCode: '1',
    countryRegion: 'ESP',
    contactName: 'L',
    contactEmail: 'lucia-at-tailspintoys.es',
    contactPhone: '12',
    supportEmail: 'soporte',
    supportPhone: '9',
    mpnId: '12345',
  };
  it.each([
    ...FIELDS.map((field) => {
      const { [field]: _missing, ...rest } = FORM;
      return [`missing ${field}`, field, rest] as const;
    }),
    ...FIELDS.map((field) => [`malformed ${field}`, field, { ...FORM, [field]: MALFORMED[field]! }] as const),
  ])(
    '%s: the form comes back with its message in English and Spanish, and nothing is saved',
    async (_n, field, values) => {
      for (const [locale, language] of [
        ['en-US', 'en'],
        ['es-ES', 'es'],
      ] as const) {
        const person = new BotHarness(store, lucia, {}, locale);
        try {
          await person.say('enroll');
          const { text } = await person.click(ENROLL_VERB, values);
          expect(text).toContain(translator(language).t(`refusal.enrollment-invalid-${field}`));
          expect(text).toContain(translator(language).t('enroll.submit'));
        } finally {
          person.stop();
        }
        expect(await store.all('enrollments')).toEqual([]);
      }
    },
  );

  it('a billing admin may not enrol the organisation', async () => {
    const billing = new BotHarness(store, bill);
    const typed = await billing.say('enroll');
    const { text } = await billing.click(ENROLL_VERB, { ...FORM, contactEmail: 'bill@contoso.com' });
    billing.stop();
    expect(typed).toContain('Global admin');
    expect(text).toContain('Global admin');
    expect(await store.all('enrollments')).toEqual([]);
  });

  it('apply → code in Teams → verify → operator approves; the contact is told each time', async () => {
    expect(await bot.say('enroll')).toContain('Legal business name');
    const submitted = await bot.click(ENROLL_VERB, FORM);
    expect(submitted.text).toContain('We sent a one-time code to Lucía Martín in Teams');
    expect(await bot.say('where am i')).toContain('at the one-time code (type verify and the code)');
    const code = await codeSentToLucia();
    expect(code).toMatch(/^\d{6}$/);
    const [stored] = await store.all('enrollments');
    expect(JSON.stringify(stored)).not.toContain(`"${code}"`);

    const wrong = code === '000000' ? '111111' : '000000';
    expect(await bot.say(`verify ${wrong}`)).toContain('That code is not right. Attempts left: 4.');
    expect(await bot.say(`verify ${code}`)).toContain('Email confirmed');
    expect((await store.all('enrollments'))[0]?.status).toBe('in-review');

    expect(await runAdmin(['enrollments'], store, () => NOW)).toContain('in-review');
    const id = (await store.all('enrollments'))[0]!.id;
    expect(await runAdmin(['review-enrollment', id, '--approve'], store, () => NOW)).toContain('approved');
    expect((await store.get('organizations', DEMO_TENANTS.tailspin))?.kind).toBe('indirect-reseller');
    const statuses = (await store.all('notifications'))
      .filter((n) => n.kind === 'enrollment.status')
      .map((n) => visibleText(n.payload));
    expect(statuses.join('\n')).toContain('being reviewed');
    expect(statuses.join('\n')).toContain('Approved: your organisation is now an indirect reseller');
  });

  it('a second application while one is open is refused', async () => {
    await bot.say('enroll');
    await bot.click(ENROLL_VERB, FORM);
    // The same card again is no longer active; a new enrolment is refused by the open application.
    expect((await bot.click(ENROLL_VERB, FORM)).text).toContain('This form is no longer active');
    await bot.say('enroll');
    const { text } = await bot.click(ENROLL_VERB, FORM);
    expect(text).toContain('already has an application');
    expect(await store.all('enrollments')).toHaveLength(1);
  });
});

describe('operator command line', () => {
  let store: Store;
  let dispose: () => Promise<void>;
  beforeEach(async () => ({ store, dispose } = await tempStore(demoWorld(NOW))));
  afterEach(() => dispose());

  it('registers an organisation and its first global admin, who can then use the bot', async () => {
    const tenant = 'abababab-0000-4000-8000-000000000001';
    expect(
      await runAdmin(
        [
          'register-org',
          '--tenant',
          tenant,
          '--name',
          'Alpine Ski House',
          '--domain',
          'alpineskihouse.com',
          '--country',
          'us',
          '--cloud',
          'public',
          '--kind',
          'customer',
        ],
        store,
        () => NOW,
      ),
    ).toContain('Registered Alpine Ski House');
    expect(
      await runAdmin(
        [
          'grant-admin',
          '--tenant',
          tenant,
          '--aad',
          'cdcdcdcd-0000-4000-8000-000000000001',
          '--name',
          'Ada Alpine',
          '--email',
          'ada@alpineskihouse.com',
        ],
        store,
        () => NOW,
      ),
    ).toContain('global admin of Alpine Ski House');
    const ada = new BotHarness(store, { tenantId: tenant, aadObjectId: 'cdcdcdcd-0000-4000-8000-000000000001' });
    expect(await ada.say('whoami')).toContain('Alpine Ski House');
    ada.stop();
    expect(await runAdmin(['orgs'], store)).toContain('Alpine Ski House');
  });

  it.each([
    [
      [
        'register-org',
        '--tenant',
        'x',
        '--name',
        'X',
        '--domain',
        'contoso.com',
        '--country',
        'US',
        '--cloud',
        'public',
        '--kind',
        'customer',
      ],
      'contoso.com is already registered',
    ],
    [
      [
        'register-org',
        '--tenant',
        'x',
        '--name',
        'X',
        '--domain',
        'x.com',
        '--country',
        'US',
        '--cloud',
        'mars',
        '--kind',
        'customer',
      ],
      '--cloud must be one of',
    ],
    [['grant-admin', '--tenant', 'nope', '--aad', 'a', '--name', 'A', '--email', 'a@a.com'], 'is not registered'],
    [['review-enrollment', 'missing', '--approve'], 'There is no such application.'],
    [['review-enrollment', 'missing', '--reject'], '--reason is required'],
    [['dance'], 'Partner Desk operator commands'],
  ])('%j is refused with a message saying what to fix', async (args, message) => {
    await expect(runAdmin(args, store, () => NOW)).rejects.toThrow(UsageError);
    await expect(runAdmin(args, store, () => NOW)).rejects.toThrow(message);
  });
});
