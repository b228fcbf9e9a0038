import type { Seen, WorkflowDialogClient } from '../../support/dialog-client.js';

/** One thing a person does in a dialog test row: types text, or clicks a button (with its data). */
export type Turn = ['say', string] | ['click', string, Record<string, unknown>?];

/** Plays the turns in order and returns what each one showed. */
export async function play(client: WorkflowDialogClient, turns: Turn[]): Promise<Seen[]> {
  const shown: Seen[] = [];
  for (const [kind, what, data] of turns)
    shown.push(kind === 'say' ? await client.say(what) : await client.click(what, data));
  return shown;
}

/** Each turn's text contains what the row expects of it (one expectation per turn, in order). */
export function expectSeen(shown: Seen[], seen: string[]): void {
  seen.forEach((text, i) => expect([i, shown[i]?.text]).toEqual([i, expect.stringContaining(text)]));
}
