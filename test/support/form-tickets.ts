import type { Activity } from 'botbuilder';
import { FORM_TICKET } from '../../src/bot/dialogs/form-ticket.js';

/**
 * The ticket of the latest card a person was shown for each button verb: a test that clicks a verb clicks it on
 * the newest card showing it, as a person would, so a step's card is answered with the ticket it carries.
 */
export class FormTickets {
  private readonly latest = new Map<string, string>();

  /** Remembers every Action.Execute in these replies (messages and invoke answers). */
  see(replies: Partial<Activity>[]): void {
    for (const reply of replies) {
      for (const attachment of reply.attachments ?? []) this.walk(attachment.content);
      if (reply.type === 'invokeResponse') this.walk((reply.value as { body?: { value?: unknown } })?.body?.value);
    }
  }

  /** The data a click on the newest card with this verb sends, before the test's own values. */
  dataFor(verb: string): Record<string, unknown> {
    const ticket = this.latest.get(verb);
    return ticket ? { [FORM_TICKET]: ticket } : {};
  }

  private walk(node: unknown): void {
    if (Array.isArray(node)) return node.forEach((n) => this.walk(n));
    if (!node || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    if (record.type === 'Action.Execute' && typeof record.verb === 'string') {
      const ticket = (record.data as Record<string, unknown> | undefined)?.[FORM_TICKET];
      if (typeof ticket === 'string') this.latest.set(record.verb, ticket);
      else this.latest.delete(record.verb);
    }
    for (const value of Object.values(record)) this.walk(value);
  }
}
