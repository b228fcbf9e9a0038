import { readdirSync } from 'node:fs';
import { renderCard } from '../../src/cards/render.js';
import type { CardName } from '../../src/cards/templates.js';
import { CARDS_DIR } from '../../src/paths.js';
import { adaptiveCardProblems } from '../support/adaptive-cards.js';
import { CARD_SAMPLES } from './samples.js';

const names = Object.keys(CARD_SAMPLES) as CardName[];

describe('card templates', () => {
  it('every file in cards/ has a typed sample', () => {
    const files = readdirSync(CARDS_DIR)
      .filter((f) => f.endsWith('.json'))
      .map((f) => f.replace(/\.json$/, ''));
    expect(files.sort()).toEqual([...names].sort());
  });

  it.each(names)('%s renders, parses without warnings and stays under 28 KB', (name) => {
    const card = renderCard(name, CARD_SAMPLES[name] as never);
    const json = JSON.stringify(card.content);
    expect(json).not.toContain('${');
    expect(card.content.version).toBe('1.5');
    expect(adaptiveCardProblems(card.content)).toEqual([]);
    expect(Buffer.byteLength(json)).toBeLessThan(28 * 1024);
  });

  it('the parser catches a broken card (the check can fail)', () => {
    expect(adaptiveCardProblems({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'Input.Text' }] })).not.toEqual(
      [],
    );
  });
});
