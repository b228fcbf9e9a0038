import { COMMANDS, type CommandId } from './commands.js';

export interface RoutedCommand {
  id: CommandId;
  /** What followed the command words, e.g. "contoso" in "status contoso". */
  args: string;
}

/** Lowercase, without accents, mentions or extra spaces: "¿Quién soy?" → "quien soy". */
export function normalise(text: string): string {
  return text
    .replace(/<at>.*?<\/at>/gi, ' ')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[¿¡?!.,;:]+$/g, '')
    .replace(/^[¿¡]+/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

const PHRASES = COMMANDS.flatMap((c) => [...c.en, ...c.es].map((phrase) => ({ id: c.id, phrase: normalise(phrase) })))
  .filter(({ phrase }) => phrase !== '')
  // Longest first, so "accept mca" wins over "accept".
  .sort((a, b) => b.phrase.length - a.phrase.length);

/** The command a message starts with, in English or Spanish, or undefined. */
export function routeCommand(text: string, enabled: Pick<ReadonlySet<CommandId>, 'has'>): RoutedCommand | undefined {
  const normalised = normalise(text);
  for (const { id, phrase } of PHRASES) {
    if (!enabled.has(id)) continue;
    if (normalised === phrase || normalised.startsWith(phrase + ' ')) {
      const words = phrase.split(' ').length;
      const original = text
        .replace(/<at>.*?<\/at>/gi, ' ')
        .trim()
        .split(/\s+/);
      return { id, args: original.slice(words).join(' ').trim() };
    }
  }
  return undefined;
}
