import { catalogueKeys, t } from '../../src/i18n/i18n.js';

/**
 * Spanish addresses the reader as usted everywhere, as Microsoft's Spanish admin center does. These are words only
 * the tú form uses (pronouns, second-person verbs, tú imperatives opening a sentence).
 */
const TU_FORMS: [string, RegExp][] = [
  ['the pronoun tú / ti / contigo', /\b(tú|ti|contigo)\b/i],
  ['the possessive tu / tus', /\b(tu|tus|tuyo|tuya)\b/i],
  [
    'a second-person verb',
    /\b(puedes|quieres|tienes|necesitas|conservas|compres|sabes|debes|verás|podrás|recibirás)\b/i,
  ],
  ['a tú imperative with a pronoun', /\b(escríbelo|limítalo|recuérdaselo|pruébalo|dime)\b/i],
  [
    'a tú imperative opening a sentence',
    /(^|[.:;!?]\s+)(Elige|Escribe|Indica|Usa|Envía|Abre|Pide|Activa|Invita|Ofrece|Solicita|Marca|Selecciona|Vuelve)\s+\S/,
  ],
];

describe('Spanish uses usted throughout', () => {
  const texts = catalogueKeys('es').map((key) => [key, t('es', key)] as const);

  it.each(TU_FORMS)('no Spanish text uses %s', (_name, pattern) => {
    expect(texts.filter(([, text]) => pattern.test(text)).map(([key, text]) => `${key}: ${text}`)).toEqual([]);
  });
});
