import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Language } from '../domain/model.js';
import { LOCALES_DIR } from '../paths.js';

export const LANGUAGES: readonly Language[] = ['en', 'es'];

type Catalogue = Record<string, string>;

/** Every `locales/<language>/*.json` file (one per area of the product), merged; a key defined twice is an error. */
function load(language: Language): Catalogue {
  const dir = join(LOCALES_DIR, language);
  const catalogue: Catalogue = {};
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const entries = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Catalogue;
    for (const [key, text] of Object.entries(entries)) {
      if (key in catalogue) throw new Error(`Locale key ${key} is defined twice (${language}/${file})`);
      catalogue[key] = text;
    }
  }
  return catalogue;
}

const catalogues: Record<Language, Catalogue> = { en: load('en'), es: load('es') };

export type Params = Record<string, string | number>;

/** A user-visible string from the locale files, with `{name}` placeholders filled in. */
export function t(language: Language, key: string, params: Params = {}): string {
  const text = catalogues[language][key] ?? catalogues.en[key];
  if (text === undefined) throw new Error(`Missing locale key: ${key}`);
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function hasKey(key: string): boolean {
  return key in catalogues.en;
}

export function catalogueKeys(language: Language): string[] {
  return Object.keys(catalogues[language]);
}

/** The language of a Teams locale such as `es-ES` or `en-US`; anything else falls back. */
export function languageOf(locale: string | undefined, fallback: Language): Language {
  const base = (locale ?? '').slice(0, 2).toLowerCase();
  return base === 'es' ? 'es' : base === 'en' ? 'en' : fallback;
}

/** A translator bound to one language, handed to workflows and card builders. */
export interface Translator {
  language: Language;
  t(key: string, params?: Params): string;
}

export function translator(language: Language): Translator {
  return { language, t: (key, params) => t(language, key, params) };
}

const PLURAL_RULES: Record<Language, Intl.PluralRules> = {
  en: new Intl.PluralRules('en'),
  es: new Intl.PluralRules('es'),
};

/** A count in words ("1 day", "3 days"): `<key>.one` or `<key>.other`, as the language's plural rules choose. */
export function plural(tr: Translator, key: string, count: number, params: Params = {}): string {
  const form = PLURAL_RULES[tr.language].select(count) === 'one' ? 'one' : 'other';
  return tr.t(`${key}.${form}`, { ...params, count });
}
