import type { Store } from '../../../src/store/store.js';
import type { Person } from '../../support/activities.js';
import { WorkflowDialogClient } from '../../support/dialog-client.js';

// The dialog tables of this area play their turns with the shared helpers.
export { expectSeen as expectShown, play, type Turn } from '../../support/dialog-turns.js';

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

export const STALE = 'This form is no longer active';
