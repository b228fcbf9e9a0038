import type { WorkflowDialogClient } from './dialog-client.js';

/** One turn of a dialog table: text typed, or a button clicked with the data its card sends. */
export type Turn = ['say', string] | ['click', string, Record<string, unknown>?];

/** Plays the turns on one client and returns what each turn showed, as text. */
export async function play(client: WorkflowDialogClient, turns: Turn[]): Promise<string[]> {
  const shown: string[] = [];
  for (const [kind, what, data] of turns) {
    shown.push((kind === 'say' ? await client.say(what) : await client.click(what, data)).text);
  }
  return shown;
}

/** Each turn showed the text expected of it (by position), so a failure names the turn. */
export function expectSeen(shown: string[], seen: string[]): void {
  seen.forEach((text, i) => expect([i, shown[i]]).toEqual([i, expect.stringContaining(text)]));
}
