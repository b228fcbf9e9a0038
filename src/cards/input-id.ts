import { randomUUID } from 'node:crypto';

/**
 * Inputs of a card that replaces another in place get ids of their own: a client that re-renders in place keeps
 * an input's state by its id, and showed the previous card's choices (Users → Change roles showed the user list).
 * An id is `<name>~<part>~<instance>`; the bot reads it back as `<name>` before anything looks at the data.
 */
const SEPARATOR = '~';

/** A fresh instance id for one rendering of a form. */
export function formInstance(): string {
  return randomUUID().slice(0, 8);
}

/** The id of input `name` in one card instance; `part` tells apart several inputs that fill one value. */
export function inputId(name: string, instance: string, part?: string): string {
  return [name, part, instance].filter(Boolean).join(SEPARATOR);
}

/**
 * An action's data with every input id read back as its name. Several inputs of one name (role groups) give one
 * comma-separated value, as one multi-select would; empty ones add nothing.
 */
export function inputValues(data: Record<string, unknown>): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    if (!key.includes(SEPARATOR)) {
      if (!(key in values)) values[key] = value;
      continue;
    }
    const name = key.slice(0, key.indexOf(SEPARATOR));
    const previous = values[name];
    if (typeof value !== 'string' || typeof previous !== 'string' || !name.length) values[name] = value;
    else values[name] = [previous, value].filter(Boolean).join(',');
  }
  return values;
}
