import { ConversationState, type Activity, type Middleware } from 'botbuilder';
import { DialogTestClient } from 'botbuilder-testing';
import { createApp } from '../../src/app.js';
import { cardReplyOf } from '../../src/bot/dialogs/card-reply.js';
import { StoreStorage } from '../../src/bot/store-storage.js';
import { resolveSession } from '../../src/bot/session.js';
import { loadConfig } from '../../src/config.js';
import { MemoryLogger } from '../../src/logging/logger.js';
import type { Store } from '../../src/store/store.js';
import { cardAction, message, visibleText, type Person } from './activities.js';
import { FormTickets } from './form-tickets.js';
import { NOW } from './world.js';

/** What one turn showed the person: every message and the card that replaced the one clicked, as text. */
export interface Seen {
  text: string;
  cards: unknown[];
}

/**
 * One workflow dialog on its own, driven by botbuilder-testing's DialogTestClient as in BotBuilder-Samples' core
 * bot: the dialog is the app's own instance (same services, same store), its state is kept in the store, and
 * the session is resolved first as the bot does. A click answers the newest card showing its verb (its ticket).
 */
export class WorkflowDialogClient {
  readonly log = new MemoryLogger();
  readonly tickets = new FormTickets();
  private readonly client: DialogTestClient;
  private readonly stopTimers: () => void;

  constructor(
    store: Store,
    private readonly person: Person,
    dialogId: string,
    options: object = {},
    env: NodeJS.ProcessEnv = {},
    private readonly locale = 'en-US',
  ) {
    const app = createApp(loadConfig(env), { store, clock: () => NOW, logger: this.log });
    this.stopTimers = app.stopTimers;
    const dialog = app.registry.dialogs.find((d) => d.id === dialogId);
    if (!dialog) throw new Error(`No dialog ${dialogId}`);
    const session: Middleware = {
      onTurn: async (context, next) => {
        await resolveSession(context, store, 'en');
        await next();
        // As the bot does: the card a step showed in an Action.Execute turn is the invoke's answer.
        const card = cardReplyOf(context);
        if (card) {
          const body = { statusCode: 200, type: card.contentType, value: card.content };
          await context.sendActivity({ type: 'invokeResponse', value: { status: 200, body } });
        }
      },
    };
    const state = new ConversationState(new StoreStorage(store, () => NOW, this.log));
    this.client = new DialogTestClient('msteams', dialog, options, [session], state);
  }

  /** The dialog's last turn result (waiting, complete…). */
  get status(): string | undefined {
    return this.client.dialogTurnResult?.status;
  }

  async say(text: string): Promise<Seen> {
    // Sent as the Bot Connector does when it waits for nothing: replies go out one by one.
    return this.turn(message(this.person, text, { locale: this.locale, deliveryMode: undefined }) as Partial<Activity>);
  }

  async click(verb: string, data: Record<string, unknown> = {}): Promise<Seen> {
    const activity = cardAction(this.person, verb, { ...this.tickets.dataFor(verb), ...data }, { locale: this.locale });
    return this.turn(activity as Partial<Activity>);
  }

  stop(): void {
    this.stopTimers();
  }

  private async turn(activity: Partial<Activity>): Promise<Seen> {
    const first = (await this.client.sendActivity(activity)) as Partial<Activity> | undefined;
    const replies: Partial<Activity>[] = first ? [first] : [];
    for (let reply = this.client.getNextReply(); reply; reply = this.client.getNextReply()) replies.push(reply);
    this.tickets.see(replies);
    const cards = replies.flatMap((r) =>
      r.type === 'invokeResponse'
        ? [(r.value as { body: { value: unknown } }).body.value]
        : (r.attachments ?? []).map((a) => a.content),
    );
    const texts = replies.filter((r) => r.type !== 'invokeResponse' && r.text).map((r) => r.text!);
    return { text: [...texts, ...cards.map(visibleText)].join('\n'), cards };
  }
}
