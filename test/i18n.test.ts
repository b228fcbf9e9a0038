import { catalogueKeys, languageOf, t } from '../src/i18n/i18n.js';

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
