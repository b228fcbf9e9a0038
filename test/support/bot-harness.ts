import { TestAdapter, type Activity } from 'botbuilder';
import { createApp, type AppOptions, type PartnerDeskApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import type { Store } from '../../src/store/store.js';
import type { OutgoingMessage } from '../../src/services/outbox/notifications.js';
import type { Person } from './activities.js';
import { visibleText } from './activities.js';
import { NOW } from './world.js';
import { MemoryLogger } from '../../src/logging/logger.js';
import { turnErrorHandler } from '../../src/bot/turn-error.js';
import { FormTickets } from './form-tickets.js';

/** The whole app on a TestAdapter, acting as one person: send text or card actions, read what they see. */
export class BotHarness {
  readonly app: PartnerDeskApp;
  readonly delivered: OutgoingMessage[] = [];
  readonly updated: { to?: string; activityId: string; message: OutgoingMessage }[] = [];
  /** Off for tests that drive the outbox themselves (a connector that hangs). */
  deliverAfterEachTurn = true;
  /** Every line the app logged, for tests that check nothing failed unseen. */
  readonly log = new MemoryLogger();
  private readonly adapter: TestAdapter;
  private readonly defaultLanguage: 'en' | 'es';
  /** The step tickets of the cards this person was shown, so a click answers the newest card with its verb. */
  readonly tickets = new FormTickets();

  constructor(
    store: Store,
    private readonly person: Person,
    env: NodeJS.ProcessEnv = {},
    private readonly locale = 'en-US',
    clock: () => Date = () => NOW,
    appOptions: Pick<AppOptions, 'memberLookup'> = {},
  ) {
    const config = loadConfig(env);
    this.defaultLanguage = config.defaultLanguage;
    this.app = createApp(config, { ...appOptions, store, clock, logger: this.log });
    // Proactive messages are recorded instead of sent: there is no Bot Connector behind a TestAdapter.
    this.app.notifier.attach({
      deliver: async (_reference, message) => {
        this.delivered.push(message);
        return `delivered-${this.delivered.length}`;
      },
      update: async (reference, activityId, message) => {
        this.updated.push({
          to: (reference.user as { aadObjectId?: string } | undefined)?.aadObjectId,
          activityId,
          message,
        });
      },
    });
    this.adapter = this.adapterIn({
      id: `a:${person.aadObjectId}`,
      tenantId: person.tenantId,
      isGroup: false,
      name: '',
      conversationType: 'personal',
    });
  }

  private adapterIn(conversation: Record<string, unknown>): TestAdapter {
    const adapter = new TestAdapter(async (context) => this.app.bot.run(context), {
      channelId: 'msteams',
      conversation: conversation as never,
      from: { id: `29:${this.person.aadObjectId}`, name: 'Someone', aadObjectId: this.person.aadObjectId },
      recipient: { id: '28:bot', name: 'Partner Desk' },
      locale: this.locale,
    });
    adapter.locale = this.locale;
    // As the real adapter does: a failed turn is answered, not thrown at the test.
    adapter.onTurnError = turnErrorHandler(this.defaultLanguage, this.log);
    return adapter;
  }

  /** The same person writing in a group chat or channel the bot is in: what everyone there sees. */
  async sayIn(conversationType: 'groupChat' | 'channel', text: string | Partial<Activity>): Promise<string> {
    const adapter = this.adapterIn({
      id: `19:${conversationType}-${this.person.aadObjectId}@thread.v2`,
      tenantId: this.person.tenantId,
      isGroup: true,
      conversationType,
    });
    await adapter.receiveActivity(text);
    await this.app.notifier.drain();
    return visibleText(adapter.activeQueue.splice(0));
  }

  /** Sends one activity and returns every reply the bot sent in that turn. */
  async send(activity: Partial<Activity> | string): Promise<Partial<Activity>[]> {
    const before = this.adapter.activeQueue.length;
    await this.adapter.receiveActivity(activity);
    // As the server does after every turn (src/app.ts); awaited here so tests read what was delivered.
    if (this.deliverAfterEachTurn) await this.app.notifier.drain();
    const replies = this.adapter.activeQueue.splice(before);
    this.tickets.see(replies);
    return replies;
  }

  async say(text: string): Promise<string> {
    return visibleText(await this.send(text));
  }

  /** What a command shows, with the cards it sent (to read their buttons). */
  async sayWithCards(text: string): Promise<{ text: string; cards: Record<string, unknown>[] }> {
    const replies = await this.send(text);
    const cards = replies.flatMap((r) => (r.attachments ?? []).map((a) => a.content as Record<string, unknown>));
    return { text: visibleText(replies), cards };
  }

  /** A compose-box search, as Teams sends it; returns the invoke response body. */
  async search(customer: string, commandId = 'status'): Promise<Record<string, unknown>> {
    const replies = await this.send({
      type: 'invoke',
      name: 'composeExtension/query',
      value: { commandId, parameters: [{ name: 'customer', value: customer }], queryOptions: { skip: 0, count: 25 } },
    });
    const invokeResponse = replies.find((r) => r.type === 'invokeResponse');
    return (invokeResponse?.value as { body?: Record<string, unknown> } | undefined)?.body ?? {};
  }

  /** Sends an Action.Execute click and returns the invoke response body (the replacing card). */
  async click(verb: string, data: Record<string, unknown> = {}): Promise<{ card: unknown; text: string }> {
    const replies = await this.send({
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb, data: { ...this.tickets.dataFor(verb), ...data } } },
    });
    const invokeResponse = replies.find((r) => r.type === 'invokeResponse');
    const card = (invokeResponse?.value as { body?: { value?: unknown } } | undefined)?.body?.value;
    return { card, text: visibleText(card) };
  }

  stop(): void {
    this.app.stopTimers();
  }
}
