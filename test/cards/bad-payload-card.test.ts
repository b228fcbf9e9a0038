import { z } from 'zod';
import { badPayloadCard } from '../../src/cards/bad-payload-card.js';
import { translator } from '../../src/i18n/i18n.js';
import { visibleText } from '../support/activities.js';

const Payload = z.object({ language: z.enum(['en', 'es']), leadId: z.string().min(1) }).strict();
const problemOf = (data: unknown) => {
  const parsed = Payload.safeParse(data);
  if (parsed.success) throw new Error('the payload was expected to be bad');
  return parsed.error;
};

describe('badPayloadCard', () => {
  it.each([
    ['en', 'This button did not work', 'these fields are missing or not valid: language, leadId'],
    ['es', 'Este botón no funcionó', 'estos campos faltan o no son válidos: language, leadId'],
  ] as const)('in %s names the fields, in the user language, without zod English', (language, title, sentence) => {
    const text = visibleText(badPayloadCard(translator(language), problemOf({ language: 'fr<script>' })).content);
    expect(text).toContain(title);
    expect(text).toContain(sentence);
    expect(text).not.toMatch(/Invalid enum|Required|Expected|fr<script>/);
  });

  it('explains a payload that is wrong as a whole', () => {
    const text = visibleText(badPayloadCard(translator('en'), problemOf('not an object')).content);
    expect(text).toContain('its data is not what this button expects');
  });
});
