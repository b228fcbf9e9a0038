import { ConversationState, TestAdapter, type Activity } from 'botbuilder';
import type { Dialog } from 'botbuilder-dialogs';
import { basicWorkflow } from '../../../../src/bot/basic-workflow.js';
import { CardActions } from '../../../../src/bot/card-actions.js';
import type { CommandId } from '../../../../src/bot/commands.js';
import { PartnerDeskBot, type CommandHandler } from '../../../../src/bot/partner-desk-bot.js';
import { StoreStorage } from '../../../../src/bot/store-storage.js';
import type { MessageExtensionHandler, WorkflowFactory } from '../../../../src/bot/workflow-module.js';
import { relationshipStatusWorkflow } from '../../../../src/bot/workflows/relationship-status.js';
import { createHelpdeskWorkflow } from '../../../../src/bot/workflows/helpdesk/helpdesk-workflow.js';
import { loadConfig } from '../../../../src/config.js';
import { ConversationDirectory } from '../../../../src/services/conversations.js';
import { DownloadTokens } from '../../../../src/services/downloads.js';
import { Notifier, type OutgoingMessage } from '../../../../src/services/notifications.js';
import type { Store } from '../../../../src/store/store.js';
import type { Person } from '../../../support/activities.js';
import { visibleText } from '../../../support/activities.js';

/**
 * The bot with the helpdesk workflow wired in the way src/app.ts will wire it (commands, card verbs and the
 * message extension), until it is registered there; then BotHarness can replace this.
 */
export class HelpdeskHarness {
  readonly bot: PartnerDeskBot;
  readonly notifier: Notifier;
  readonly downloads: DownloadTokens;
  readonly delivered: OutgoingMessage[] = [];
  private readonly adapter: TestAdapter;

  constructor(store: Store, person: Person, clock: () => Date, locale = 'en-US') {
    const config = loadConfig({ PUBLIC_URL: 'https://desk.example.com' });
    this.notifier = new Notifier(store, { clock });
    this.notifier.attach({
      deliver: async (_reference, message) => {
        this.delivered.push(message);
        return `delivered-${this.delivered.length}`;
      },
      update: async () => undefined,
    });
    this.downloads = new DownloadTokens(clock);
    const workflows: WorkflowFactory[] = [
      basicWorkflow,
      relationshipStatusWorkflow,
      createHelpdeskWorkflow(this.downloads),
    ];
    const commands = new Map<CommandId, CommandHandler>();
    const cardActions = new CardActions();
    const dialogs: Dialog[] = [];
    let messageExtension: MessageExtensionHandler | undefined;
    const deps = { config, store, clock, notifier: this.notifier, available: () => this.bot.available };
    for (const factory of workflows) {
      const module = factory(deps);
      for (const [id, handler] of module.commands ?? []) {
        if (commands.has(id)) throw new Error(`Command ${id} is handled twice`);
        commands.set(id, handler);
      }
      for (const action of module.cardActions ?? []) cardActions.add(action);
      dialogs.push(...(module.dialogs ?? []));
      messageExtension ??= module.messageExtension;
    }
    this.bot = new PartnerDeskBot({
      store,
      defaultLanguage: config.defaultLanguage,
      conversationState: new ConversationState(new StoreStorage(store, clock)),
      dialogs,
      commands,
      cardActions,
      conversations: new ConversationDirectory(store, clock),
      notifier: this.notifier,
      ...(messageExtension ? { messageExtension } : {}),
    });
    this.adapter = new TestAdapter(async (context) => this.bot.run(context), {
      channelId: 'msteams',
      conversation: {
        id: `a:${person.aadObjectId}`,
        tenantId: person.tenantId,
        isGroup: false,
        name: '',
        conversationType: 'personal',
      },
      from: { id: `29:${person.aadObjectId}`, name: 'Someone', aadObjectId: person.aadObjectId },
      recipient: { id: '28:bot', name: 'Partner Desk' },
      locale,
    });
    this.adapter.locale = locale;
  }

  async send(activity: Partial<Activity> | string): Promise<Partial<Activity>[]> {
    const before = this.adapter.activeQueue.length;
    await this.adapter.receiveActivity(activity);
    return this.adapter.activeQueue.splice(before);
  }

  async say(text: string): Promise<string> {
    return visibleText(await this.send(text));
  }

  /** The buttons of the cards the last command sent: their titles, verbs and data. */
  async sayWithCards(text: string): Promise<{ text: string; cards: Record<string, unknown>[] }> {
    const replies = await this.send(text);
    const cards = replies.flatMap((r) => (r.attachments ?? []).map((a) => a.content as Record<string, unknown>));
    return { text: visibleText(replies), cards };
  }

  async click(verb: string, data: Record<string, unknown>): Promise<{ card: Record<string, unknown>; text: string }> {
    const replies = await this.send({
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb, data } },
    });
    const invokeResponse = replies.find((r) => r.type === 'invokeResponse');
    const card =
      (invokeResponse?.value as { body?: { value?: Record<string, unknown> } } | undefined)?.body?.value ?? {};
    return { card, text: visibleText(card) };
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
}

/** The Action.Execute buttons of a card: title, verb, data. */
export function buttons(card: unknown): { title: string; verb: string; data: Record<string, unknown> }[] {
  const actions =
    (card as { actions?: { title: string; verb: string; data: Record<string, unknown> }[] })?.actions ?? [];
  return actions.map(({ title, verb, data }) => ({ title, verb, data }));
}
