import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeRefusal } from '../src/cards/refusal.js';
import { InvitationStatus } from '../src/domain/model.js';
import { catalogueKeys, LANGUAGES, languageOf, plural, t, translator } from '../src/i18n/i18n.js';

// Compiled to dist/test/: the TypeScript sources are two levels up, in src/.
const SRC = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'src');

describe('locale files', () => {
  it('English and Spanish have the same keys', () => {
    expect(catalogueKeys('es').sort()).toEqual(catalogueKeys('en').sort());
  });

  it('use the same placeholders in both languages', () => {
    for (const key of catalogueKeys('en')) {
      const placeholders = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort();
      expect([key, placeholders(t('es', key))]).toEqual([key, placeholders(t('en', key))]);
    }
  });

  it('fills placeholders', () => {
    expect(t('es', 'welcome.title', { name: 'Ana' })).toBe('Bienvenido a Partner Desk, Ana');
  });

  it.each([
    ['es-ES', 'es'],
    ['es-MX', 'es'],
    ['en-US', 'en'],
    ['fr-FR', 'en'],
    [undefined, 'en'],
  ])('locale %s → %s', (locale, language) => {
    expect(languageOf(locale, 'en')).toBe(language);
  });
});

describe('refusals have words in both languages', () => {
  const sources = readdirSync(SRC, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => readFileSync(join(SRC, f), 'utf8'));
  const literal = (pattern: RegExp) => sources.flatMap((s) => [...s.matchAll(pattern)].map((m) => m[1] as string));
  const union = (file: string, type: string) => {
    const text = readFileSync(join(SRC, file), 'utf8');
    const body = text.slice(text.indexOf(`type ${type} =`)).split(';')[0] ?? '';
    return [...body.matchAll(/'([\w-]+)'/g)].map((m) => m[1] as string);
  };
  const codes = [
    ...new Set([
      ...literal(/refuse\(\s*'([\w-]+)'/g),
      ...literal(/describeRefusal\(\s*\{\s*code:\s*'([\w-]+)'/g),
      ...literal(/refusal:\s*\{\s*code:\s*'([\w-]+)'/g),
      // Denials from the role tables become refusals under their own reason.
      ...union('domain/policy-decision.ts', 'DenyReason'),
      // An invitation that cannot move: `invitation-<transition error>` and `invitation-<status>`.
      ...union('domain/lifecycle.ts', 'TransitionErrorCode').map((c) => `invitation-${c}`),
      ...InvitationStatus.options
        .filter((s) => !['created', 'approval-pending'].includes(s))
        .map((s) => `invitation-${s}`),
    ]),
  ].sort();

  it('finds the codes the services use (the scan can fail)', () => {
    expect(codes).toEqual(
      expect.arrayContaining(['customer-not-found', 'wrong-tenant', 'invitation-illegal-transition']),
    );
    expect(codes.length).toBeGreaterThan(40);
  });

  it.each(codes)('refusal.%s exists in English and Spanish', (code) => {
    expect(catalogueKeys('en')).toContain(`refusal.${code}`);
    expect(catalogueKeys('es')).toContain(`refusal.${code}`);
  });

  it.each(LANGUAGES)('an unknown code gets a generic sentence in %s, and nothing is thrown', (language) => {
    const tr = translator(language);
    const text = describeRefusal(
      { code: 'user-invalid-String must contain at least 1 character(s)', params: { action: 'no-such-action' } },
      tr,
    );
    expect(text).toBe(t(language, 'refusal.unknown'));
    expect(text).not.toContain('String must');
  });

  it('names the role that would allow it, even a role without words', () => {
    const text = describeRefusal(
      { code: 'role-required', params: { action: 'no-such-action' }, neededRoles: ['x'] },
      translator('es'),
    );
    expect(text).toContain(t('es', 'refusal.neededRoles', { roles: 'x' }));
  });
});

describe('counts and actions read as sentences in both languages', () => {
  const actions = catalogueKeys('en')
    .filter((k) => k.startsWith('action.'))
    .map((k) => k.slice('action.'.length));

  it.each(actions)('the role refusal for %s carries the action in lower case, mid-sentence', (action) => {
    for (const language of LANGUAGES) {
      const text = describeRefusal({ code: 'role-required', params: { action } }, translator(language));
      const phrase = t(language, `actionPhrase.${action}`);
      expect(text).toContain(` ${phrase}.`);
      expect(phrase[0]).toBe(phrase[0]!.toLowerCase());
    }
  });

  it.each([
    ['en', 'count.admins', 1, '1 admin'],
    ['en', 'count.admins', 2, '2 admins'],
    ['es', 'count.admins', 1, '1 administrador'],
    ['es', 'count.admins', 3, '3 administradores'],
    ['en', 'count.relationships', 1, '1 relationship'],
    ['es', 'count.relationships', 0, '0 relaciones'],
    ['en', 'count.daysLeft', 1, '1 day left'],
    ['es', 'count.daysLeft', 1, 'queda 1 día'],
  ] as const)('%s: %s of %i reads "%s"', (language, key, count, expected) => {
    expect(plural(translator(language), key, count)).toBe(expected);
  });

  it.each([
    ['en', 'This invitation is no longer open (it is cancelled).'],
    ['es', 'Esta invitación ya no está abierta (está cancelada).'],
  ] as const)('%s: an invitation that is no longer open says its state in words', (language, expected) => {
    const text = describeRefusal(
      { code: 'invitation-not-open', params: { status: 'cancelled' } },
      translator(language),
    );
    expect(text).toBe(expected);
  });
});
