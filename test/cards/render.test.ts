import { downloadCard } from '../../src/cards/helpdesk-cards.js';
import { escapeMarkdown } from '../../src/cards/markdown.js';
import { noticeCard } from '../../src/cards/notice-card.js';
import { sectionsCard } from '../../src/cards/sections-card.js';
import { button } from '../../src/cards/button.js';
import { translator } from '../../src/i18n/i18n.js';
import { visibleText } from '../support/activities.js';
import { markdownTexts, renderMarkdown } from '../support/markdown.js';

const HOSTILE_NEEDS =
  '[verify here](https://evil.example/x) ![x](https://evil.example/p.png) **bold** _it_ ~~gone~~ <https://evil.example/a>\n- item\n1. first\n# heading';
const HOSTILE_NAME = '**Contoso** [Ltd](https://evil.example/n)';
const tr = translator('en');

// Built the way the partner's lead list and the lead notification are: another organisation's words in every slot.
const CARDS = {
  'lead notification (notice)': () =>
    noticeCard(
      HOSTILE_NAME,
      HOSTILE_NEEDS,
      'default',
      [{ title: HOSTILE_NAME, value: HOSTILE_NEEDS }],
      [button(HOSTILE_NAME, 'lead.mark', { leadId: 'l1', needs: HOSTILE_NEEDS })],
    ),
  'leads list (sections)': () =>
    sectionsCard(HOSTILE_NAME, HOSTILE_NEEDS, [
      { heading: HOSTILE_NAME, facts: [{ title: 'Needs', value: HOSTILE_NEEDS }] },
    ]),
};

describe('cards show text from other organisations as plain text', () => {
  it('the markdown check can fail: the hostile text itself renders a link, an image and bold', () => {
    const html = renderMarkdown(HOSTILE_NEEDS);
    expect(html).toContain('<a href="https://evil.example/x">');
    expect(html).toContain('<img');
    expect(html).toContain('<strong>bold</strong>');
    expect(html).toContain('<li>');
  });

  it.each(Object.entries(CARDS))('%s: no link, image, emphasis or list is rendered', (_name, build) => {
    const texts = markdownTexts(build().content);
    expect(texts.length).toBeGreaterThan(3);
    for (const text of texts) expect(renderMarkdown(text)).not.toMatch(/<(a|img|strong|em|del|li|h1)\b/);
  });

  it.each(Object.entries(CARDS))('%s: a person reads the literal characters', (_name, build) => {
    const rendered = markdownTexts(build().content).map(renderMarkdown).join('\n');
    expect(rendered).toContain('[verify here](https://evil.example/x)');
    expect(rendered).toContain('![x](https://evil.example/p.png)');
    expect(rendered).toContain('**bold**');
    expect(rendered).toContain('- item');
    expect(visibleText(build().content)).toContain(HOSTILE_NEEDS);
  });

  it('one hostile string among plain ones is escaped, and the plain ones read as they were', () => {
    const card = noticeCard('Contoso accepted', 'Accepted on 2 December', 'good', [
      { title: 'Customer', value: 'Contoso' },
      { title: 'Needs', value: HOSTILE_NEEDS },
    ]);
    const rendered = markdownTexts(card.content).map(renderMarkdown).join('\n');
    expect(rendered).not.toMatch(/<(a|img|strong|em|del|li|h1)\b/);
    expect(rendered).toContain('[verify here](https://evil.example/x)');
    expect(markdownTexts(card.content)).toEqual(expect.arrayContaining(['Contoso accepted', 'Contoso']));
  });

  it('buttons and their data carry the text as it was typed (not escaped)', () => {
    const actions = CARDS['lead notification (notice)']().content.actions as { title: string; data: unknown }[];
    expect(actions[0]).toMatchObject({ title: HOSTILE_NAME, data: { leadId: 'l1', needs: HOSTILE_NEEDS } });
  });

  it("the product's own markdown (the CSV download link) stays a link", () => {
    const card = downloadCard('https://bot.example/download/abc', new Date('2026-11-22T10:10:00Z'), 3, tr);
    const html = markdownTexts(card.content).map(renderMarkdown).join('\n');
    expect(html).toContain('<a href="https://bot.example/download/abc">Download the CSV</a>');
  });

  it.each([
    ['Smith & Co (UK)', 'Smith & Co (UK)'],
    ['A_B*C', 'A\\_B\\*C'],
    ['&lt;b&gt;', '\\&lt;b\\&gt;'],
    ['-5 units\n+ more\n12. twelve', '\\-5 units\n\\+ more\n12\\. twelve'],
    ['a\\b', 'a\\\\b'],
  ])('escapeMarkdown(%j) = %j', (input, expected) => {
    expect(escapeMarkdown(input)).toBe(expected);
  });
});
