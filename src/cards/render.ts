import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ACData from 'adaptivecards-templating';
import { CARDS_DIR } from '../paths.js';
import { escapeMarkdown, Markdown } from './markdown.js';
import type { CardData, CardName } from './templates.js';

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

/** An Adaptive Card ready to send: the same shape as a Bot Framework attachment, without depending on it. */
export interface CardAttachment {
  contentType: typeof ADAPTIVE_CARD_CONTENT_TYPE;
  content: Record<string, unknown>;
}

const templates = new Map<CardName, ACData.Template>();

function template(name: CardName): ACData.Template {
  let found = templates.get(name);
  if (!found) {
    const json = JSON.parse(readFileSync(join(CARDS_DIR, `${name}.json`), 'utf8')) as object;
    found = new ACData.Template(json);
    templates.set(name, found);
  }
  return found;
}

/**
 * Expands the JSON template `cards/<name>.json` with its typed data. Where the card shows text as markdown
 * (TextBlock text, FactSet titles and values) every data string is escaped unless it is `Markdown`; inputs,
 * buttons and action data get the strings as they are (an escaped draft email would come back with backslashes).
 */
export function renderCard<N extends CardName>(name: N, data: CardData[N]): CardAttachment {
  const expand = (root: unknown) => template(name).expand({ $root: root }) as Record<string, unknown>;
  let escapes = false;
  const escapedData = mapStrings(data, (text) => {
    const escaped = escapeMarkdown(text);
    escapes ||= escaped !== text;
    return escaped;
  });
  const content = expand(mapStrings(data, (text) => text));
  // Expanding is most of a card's cost: when escaping changes no string, both expansions would be the same.
  if (escapes) takeMarkdownText(content, expand(escapedData));
  return { contentType: ADAPTIVE_CARD_CONTENT_TYPE, content };
}

function mapStrings(value: unknown, map: (text: string) => string): unknown {
  if (value instanceof Markdown) return value.source;
  if (typeof value === 'string') return map(value);
  if (Array.isArray(value)) return value.map((item) => mapStrings(item, map));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, mapStrings(item, map)]));
  }
  return value;
}

/** Both expansions have the same shape (escaping changes no `$when`): copy the escaped markdown texts across. */
function takeMarkdownText(plain: unknown, escaped: unknown): void {
  if (Array.isArray(plain) && Array.isArray(escaped)) {
    plain.forEach((item, i) => takeMarkdownText(item, escaped[i]));
    return;
  }
  if (!isObject(plain) || !isObject(escaped)) return;
  if (plain.type === 'TextBlock' && typeof escaped.text === 'string') plain.text = escaped.text;
  if (plain.type === 'FactSet' && Array.isArray(plain.facts) && Array.isArray(escaped.facts)) {
    const facts = escaped.facts as unknown[];
    plain.facts.forEach((fact: unknown, i) => {
      const other = facts[i];
      if (isObject(fact) && isObject(other)) Object.assign(fact, { title: other.title, value: other.value });
    });
  }
  for (const [key, item] of Object.entries(plain)) if (key !== 'facts') takeMarkdownText(item, escaped[key]);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
