// Characters a reader cannot see but that change what they read: C0/C1 controls, zero-width characters, and
// bidi embeddings, overrides, isolates and marks (a name could otherwise display reversed or hide a second name).
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;
const INVISIBLES = /[\u200b-\u200f\u2060\ufeff\u061c\u202a-\u202e\u2066-\u2069]/g;

/** A name as stored and shown: no invisible or control characters, one space between words. */
export function plainName(text: string): string {
  return text.replace(INVISIBLES, '').replace(CONTROLS, '').replace(/\s+/g, ' ').trim();
}

/** Free text (a description, an email body): invisible and control characters removed, line breaks kept. */
export function plainText(text: string): string {
  return text
    .replace(/\r\n?|[\u2028\u2029\u0085]/g, '\n')
    .replace(/\t/g, ' ')
    .replace(INVISIBLES, '')
    .replace(CONTROLS, '')
    .trim();
}

/** Accents and case do not matter when naming an organisation ("Compañía" = "compania"). */
export function foldText(text: string): string {
  return plainName(text)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}
