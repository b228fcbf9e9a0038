import { ConversationState, TestAdapter, type Activity, type TurnContext } from 'botbuilder';
import type { Dialog } from 'botbuilder-dialogs';
import { basicWorkflow } from '../../../../src/bot/basic-workflow.js';
import { CardActions } from '../../../../src/bot/card-actions.js';
import type { CommandId } from '../../../../src/bot/commands.js';
import { PartnerDeskBot, type CommandHandler } from '../../../../src/bot/partner-desk-bot.js';
import { StoreStorage } from '../../../../src/bot/store-storage.js';
import type { WorkflowDeps, WorkflowFactory } from '../../../../src/bot/workflow-module.js';
import { invitationAnswerWorkflow } from '../../../../src/bot/workflows/invitation-answer.js';
import { partnerWorkflow } from '../../../../src/bot/workflows/partner/index.js';
import { requestRelationshipWorkflow } from '../../../../src/bot/workflows/request-relationship.js';
import { loadConfig } from '../../../../src/config.js';
import { ConversationDirectory } from '../../../../src/services/conversations.js';
import { Notifier, type OutgoingMessage } from '../../../../src/services/notifications.js';
import type { Store } from '../../../../src/store/store.js';
import { visibleText, type Person } from '../../../support/activities.js';
import { NOW } from '../../../support/world.js';

/**
 * BotHarness's twin for the partner workflows while `partnerWorkflow` is not yet registered in
 * src/app.ts: the same bot, with only the workflows these tests walk through (help and cancel, the
 * request workflow whose Done / New link / Approve verbs the partner cards reuse, Accept & Authorize,
 * and the partner workflows). Once app.ts registers partnerWorkflow, BotHarness can replace it.
 */
const WORKFLOWS: WorkflowFactory[] = [
  basicWorkflow,
  requestRelationshipWorkflow,
  invitationAnswerWorkflow,
  partnerWorkflow,
];

export class PartnerHarness {
  readonly notifier: Notifier;
  readonly delivered: OutgoingMessage[] = [];
  private readonly adapter: TestAdapter;

  constructor(store: Store, person: Person, env: NodeJS.ProcessEnv = {}, locale = 'en-US') {
    const config = loadConfig(env);
    const clock = () => NOW;
    this.notifier = new Notifier(store, { clock });
    this.notifier.attach({
      deliver: async (_reference, message) => {
        this.delivered.push(message);
        return `delivered-${this.delivered.length}`;
      },
      update: async () => undefined,
    });
    const deps: WorkflowDeps = { config, store, clock, notifier: this.notifier, available: () => bot.available };
    const commands = new Map<CommandId, CommandHandler>();
    const cardActions = new CardActions();
    const dialogs: Dialog[] = [];
    for (const factory of WORKFLOWS) {
      const module = factory(deps);
      for (const [id, handler] of module.commands ?? []) commands.set(id, handler);
      for (const action of module.cardActions ?? []) cardActions.add(action);
      dialogs.push(...(module.dialogs ?? []));
    }
    const bot: PartnerDeskBot = new PartnerDeskBot({
      store,
      defaultLanguage: config.defaultLanguage,
      conversationState: new ConversationState(new StoreStorage(store, clock)),
      dialogs,
      commands,
      cardActions,
      conversations: new ConversationDirectory(store, clock),
      notifier: this.notifier,
    });
    this.adapter = new TestAdapter(async (context: TurnContext) => bot.run(context), {
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

  /** An Action.Execute click; returns the card that replaces the clicked one, and its visible text. */
  async click(verb: string, data: Record<string, unknown> = {}): Promise<{ card: unknown; text: string }> {
    const replies = await this.send({
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb, data } },
    });
    const invokeResponse = replies.find((r) => r.type === 'invokeResponse');
    const card = (invokeResponse?.value as { body?: { value?: unknown } } | undefined)?.body?.value;
    return { card, text: visibleText(card) };
  }
}
