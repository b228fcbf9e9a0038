import { randomUUID } from 'node:crypto';

export interface Person {
  tenantId: string;
  aadObjectId: string;
}

/** A Teams activity as the Bot Connector posts it, from one person in their personal chat with the bot. */
export function teamsActivity(person: Person, fields: Record<string, unknown>): Record<string, unknown> {
  return {
    id: randomUUID(),
    channelId: 'msteams',
    serviceUrl: 'http://127.0.0.1:1/_connector',
    timestamp: new Date().toISOString(),
    locale: 'en-US',
    from: { id: `29:${person.aadObjectId}`, aadObjectId: person.aadObjectId, name: 'Someone' },
    recipient: { id: '28:bot', name: 'Partner Desk' },
    conversation: { id: `a:${person.aadObjectId}`, conversationType: 'personal', tenantId: person.tenantId },
    channelData: { tenant: { id: person.tenantId } },
    deliveryMode: 'expectReplies',
    ...fields,
  };
}

export function message(person: Person, text: string, extra: Record<string, unknown> = {}) {
  return teamsActivity(person, { type: 'message', text, ...extra });
}

export function cardAction(
  person: Person,
  verb: string,
  data: Record<string, unknown>,
  extra: Record<string, unknown> = {},
) {
  return teamsActivity(person, {
    type: 'invoke',
    name: 'adaptiveCard/action',
    value: { action: { type: 'Action.Execute', verb, data } },
    // Teams posts invokes synchronously; the invoke response is the HTTP answer.
    deliveryMode: undefined,
    ...extra,
  });
}

/** Cards escape markdown with backslashes (CommonMark); a person sees the characters without them. */
export function unescapeMarkdown(text: string): string {
  return text.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

const VISIBLE_KEYS = new Set(['text', 'title', 'value', 'label', 'placeholder', 'altText']);

/** The strings a person reads on a card or message (text, titles, fact values, labels), not its data. */
export function visibleStrings(node: unknown, key = ''): string[] {
  if (typeof node === 'string') return VISIBLE_KEYS.has(key) ? [unescapeMarkdown(node)] : [];
  if (Array.isArray(node)) return node.flatMap((item) => visibleStrings(item, key));
  if (node && typeof node === 'object') {
    return Object.entries(node as Record<string, unknown>)
      .filter(([k]) => k !== 'data')
      .flatMap(([k, v]) => visibleStrings(v, k === 'facts' || k === 'body' || k === 'items' ? '' : k));
  }
  return [];
}

export function visibleText(node: unknown): string {
  return visibleStrings(node).join('\n');
}
