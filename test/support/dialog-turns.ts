import type { WorkflowDialogClient } from './dialog-client.js';

/** One turn of a dialog table row: something typed, or a button clicked (on the newest card showing it). */
export type Turn = ['say', string] | ['click', string, Record<string, unknown>?];

/** Plays a row's turns and returns what each one showed, as text. */
export async function playTurns(client: WorkflowDialogClient, turns: Turn[]): Promise<string[]> {
  const shown: string[] = [];
  for (const [kind, what, data] of turns) {
    shown.push((kind === 'say' ? await client.say(what) : await client.click(what, data)).text);
  }
  return shown;
}

/** Each turn showed its expected text (turn by turn, so a failure names the turn). */
export function expectShown(shown: string[], seen: string[]): void {
  seen.forEach((text, i) => expect([i, shown[i]]).toEqual([i, expect.stringContaining(text)]));
}
