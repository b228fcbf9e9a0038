import type { Store } from '../../../src/store/store.js';
import type { Person } from '../../support/activities.js';
import { WorkflowDialogClient } from '../../support/dialog-client.js';

/** One thing a person does in a dialog's row: type, or click a button (on the newest card showing it). */
export type Turn = ['say', string] | ['click', string, Record<string, unknown>?];

/** Clients of one test, stopped after it: `clients.for(...)` in a row, `clients.stop()` in afterEach. */
export class DialogClients {
  private readonly started: WorkflowDialogClient[] = [];

  for(store: Store, person: Person, dialogId: string, options: object = {}, locale = 'en-US') {
    const client = new WorkflowDialogClient(store, person, dialogId, options, {}, locale);
    this.started.push(client);
    return client;
  }

  stop(): void {
    this.started.splice(0).forEach((c) => c.stop());
  }
}

/** Plays the turns and returns what each one showed. */
export async function play(client: WorkflowDialogClient, turns: Turn[]): Promise<string[]> {
  const shown: string[] = [];
  for (const [kind, what, data] of turns) {
    shown.push((kind === 'say' ? await client.say(what) : await client.click(what, data)).text);
  }
  return shown;
}

/** Each turn showed its expected text (the turn's number is in the failure, to tell which one). */
export function expectShown(shown: string[], seen: string[]): void {
  seen.forEach((text, i) => expect([i, shown[i]]).toEqual([i, expect.stringContaining(text)]));
}

export const STALE = 'This form is no longer active';
