import type { Seen, WorkflowDialogClient } from './dialog-client.js';

/** One thing a person does in a dialog table: types text, or clicks a button (with the data its card sends). */
export type Turn = ['say', string] | ['click', string, Record<string, unknown>?];

/** Plays the turns in order and returns what each one showed, as text. */
export async function play(client: WorkflowDialogClient, turns: Turn[]): Promise<Seen[]> {
  const shown: Seen[] = [];
  for (const [kind, what, data] of turns)
    shown.push(kind === 'say' ? await client.say(what) : await client.click(what, data));
  return shown;
}

/** Each turn's text contains what the table expects of it, row by row (so a failure names the turn). */
export function expectSeen(shown: Seen[], expected: string[]): void {
  expect(shown.length).toBeGreaterThanOrEqual(expected.length);
  expected.forEach((text, i) => expect([i, shown[i]!.text]).toEqual([i, expect.stringContaining(text)]));
}
