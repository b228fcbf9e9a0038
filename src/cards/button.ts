import type { CardAction } from './templates.js';

/** An Action.Execute button: its title, the verb the bot handles, and the data it carries. */
export function button(
  title: string,
  verb: string,
  data: Record<string, unknown> = {},
  style: CardAction['style'] = 'default',
): CardAction {
  return { title, verb, data, style };
}
