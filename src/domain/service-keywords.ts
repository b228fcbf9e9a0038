import { foldText } from './text.js';

/**
 * Service keywords a customer may type in Spanish, with the English words partner listings use for them, so
 * "Find a partner" finds the same partners in both languages. Keys and words are folded (no accents, lower case).
 */
const SPANISH_KEYWORDS: Readonly<Record<string, readonly string[]>> = {
  seguridad: ['security', 'defender'],
  correo: ['email', 'mail', 'exchange'],
  'correo electronico': ['email', 'mail', 'exchange'],
  migracion: ['migration'],
  licencias: ['licensing', 'licences', 'licenses'],
  licenciamiento: ['licensing'],
  nube: ['cloud', 'azure'],
  educacion: ['education', 'school'],
  colegios: ['school', 'education'],
  telefonia: ['voice', 'teams phone', 'calling'],
  voz: ['voice'],
  distribucion: ['distribution'],
  dispositivos: ['devices', 'intune'],
  copias: ['backup'],
  'copias de seguridad': ['backup'],
};

/** What a typed keyword matches in a listing: the word itself and, for a Spanish one, its English words. */
export function keywordForms(keyword: string): string[] {
  const folded = foldText(keyword.trim());
  return [folded, ...(SPANISH_KEYWORDS[folded] ?? [])];
}
