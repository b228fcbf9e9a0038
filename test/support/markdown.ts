/**
 * The markdown subset Adaptive Cards render (bold, italic, strike-through, lists, links, images, autolinks), with
 * CommonMark's backslash escapes, to HTML. The project has no markdown engine installed (the official renderer
 * needs markdown-it and a DOM); this follows the CommonMark rules for exactly these constructs.
 */
export function renderMarkdown(text: string): string {
  const escaped: string[] = [];
  // An escaped character is literal: set it aside so that no rule below can see it.
  let html = text.replace(/\\([!-/:-@[-`{-~])/g, (_w, c: string) => `\uE000${escaped.push(c) - 1}\uE000`);
  html = html
    .replace(/&(?!#?\w+;)/g, '&amp;')
    .replace(/<(https?:[^\s<>]*)>/g, '<a href="$1">$1</a>')
    .replace(/!\[([^\]]*)\]\(([^)\s]*)\)/g, '<img alt="$1" src="$2">')
    .replace(/\[([^\]]*)\]\(([^)\s]*)\)/g, '<a href="$2">$1</a>')
    .replace(/(\*\*|__)(?=\S)(.+?)(?<=\S)\1/g, '<strong>$2</strong>')
    .replace(/(\*|_)(?=\S)(.+?)(?<=\S)\1/g, '<em>$2</em>')
    .replace(/~~(?=\S)(.+?)(?<=\S)~~/g, '<del>$1</del>')
    .replace(/^[ \t]*(?:[-+*]|\d+[.)])[ \t]+(.*)$/gm, '<li>$1</li>')
    .replace(/^[ \t]*#{1,6}[ \t]+(.*)$/gm, '<h1>$1</h1>');
  return html.replace(/\uE000(\d+)\uE000/g, (_w, i: string) => escaped[Number(i)] ?? '');
}

/** Every text an Adaptive Card shows as markdown: TextBlock texts, FactSet titles and values. */
export function markdownTexts(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(markdownTexts);
  if (!node || typeof node !== 'object') return [];
  const element = node as Record<string, unknown>;
  const own: string[] = [];
  if (element.type === 'TextBlock' && typeof element.text === 'string') own.push(element.text);
  if (element.type === 'FactSet' && Array.isArray(element.facts)) {
    for (const fact of element.facts as { title: string; value: string }[]) own.push(fact.title, fact.value);
  }
  return [...own, ...Object.values(element).flatMap(markdownTexts)];
}
