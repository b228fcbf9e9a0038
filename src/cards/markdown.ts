/**
 * Adaptive Card TextBlocks and FactSets read their text as markdown (bold, italic, lists, links, images), so text
 * from a person or another organisation could show a deceptive link. Every string is escaped the CommonMark way
 * (a backslash before the character) unless it is wrapped in `Markdown`: only the product's own texts are.
 */
export class Markdown {
  constructor(readonly source: string) {}
}

/** Text the product wrote on purpose as markdown (a download link it made), not anything a person typed. */
export function trustedMarkdown(source: string): Markdown {
  return new Markdown(source);
}

// Anywhere in a line: emphasis, strike-through, code, links and images, autolinks and HTML, and an `&` that
// would start an entity (`&lt;`); a plain "A & B" stays as it is.
const INLINE = /[\\`*_~[\]<]|&(?=#?\w+;)/g;
// Only at the start of a line: headings, quotes, bullets, setext underlines, numbered lists.
const LINE_START = /^([ \t]*)([-+#>=|]|\d+(?=[.)]))/gm;

/** The text as a markdown renderer will show it: every character literal. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(INLINE, (c) => `\\${c}`)
    .replace(LINE_START, (_whole, indent: string, marker: string) =>
      /^\d/.test(marker) ? `${indent}${marker}\\` : `${indent}\\${marker}`,
    );
}
