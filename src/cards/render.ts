import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ACData from 'adaptivecards-templating';
import { CARDS_DIR } from '../paths.js';
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

/** Expands the JSON template `cards/<name>.json` with its typed data. */
export function renderCard<N extends CardName>(name: N, data: CardData[N]): CardAttachment {
  const content = template(name).expand({ $root: data }) as Record<string, unknown>;
  return { contentType: ADAPTIVE_CARD_CONTENT_TYPE, content };
}
