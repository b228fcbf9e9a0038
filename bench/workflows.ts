// What the bench asks the bot, posted as Teams would post it, and how each answer is checked: every unit
// throws when the answer is not the one the user expects, so a refusal is never timed as a success.
import { randomUUID } from 'node:crypto';
import { INVITATION_VERBS } from '../src/cards/invitation-card.js';
import { REQUEST_VERBS } from '../src/cards/request-card.js';
import { DEMO_USERS } from '../src/store/demo-world.js';
import type { WorldMeta } from './generate.js';
import type { Unit } from './load.js';

export interface Person {
  tenantId: string;
  aadObjectId: string;
}

export interface Target {
  port: number;
  /** The connector sink: where the bot sends proactive messages. */
  serviceUrl: string;
}

export interface Scenario {
  name: string;
  /** The world items each unit uses up (fresh invitations or customers), counted out by the runner. */
  consumes?: 'pendingAccepts' | 'journeyCustomers';
  /** HTTP requests one unit makes (1 unless said); the floor's throughput is counted in requests. */
  requestsPerUnit?: number;
  /** The unit of work; `first` is the index of the first unconsumed item for this run. */
  unit(target: Target, meta: WorldMeta, first: number): Unit;
}

const alex = DEMO_USERS[0]!; // Adatum admin agent
const hana = DEMO_USERS[2]!; // Adatum helpdesk agent
const carmen = DEMO_USERS[8]!; // Contoso global admin
const REQUEST_TIMEOUT_MS = 15_000;

/**
 * A Teams activity from one person in a personal chat. The bot runs one conversation's turns one after
 * the other, so a load worker acting as the same person gets its own conversation (`:w<k>`): otherwise
 * concurrency 64 would be 64 requests queued behind each other.
 */
function activity(target: Target, person: Person, worker: number | undefined, fields: Record<string, unknown>) {
  return {
    id: randomUUID(),
    channelId: 'msteams',
    serviceUrl: target.serviceUrl,
    timestamp: new Date().toISOString(),
    locale: 'en-US',
    from: { id: `29:${person.aadObjectId}`, aadObjectId: person.aadObjectId, name: 'Bench user' },
    recipient: { id: '28:bot', name: 'Partner Desk' },
    conversation: {
      id: worker === undefined ? `a:${person.aadObjectId}` : `a:${person.aadObjectId}:w${worker}`,
      conversationType: 'personal',
      tenantId: person.tenantId,
    },
    channelData: { tenant: { id: person.tenantId } },
    ...fields,
  };
}

async function post(target: Target, body: unknown): Promise<unknown> {
  const response = await fetch(`http://127.0.0.1:${target.port}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`HTTP ${response.status}: ${text.slice(0, 200)}`);
  return text ? JSON.parse(text) : undefined;
}

/** A message with deliveryMode expectReplies: the HTTP answer is { activities: [...] }. */
export const say = (target: Target, person: Person, worker: number | undefined, text: string) =>
  post(target, activity(target, person, worker, { type: 'message', text, deliveryMode: 'expectReplies' }));

/** An Action.Execute click: the HTTP answer is the invoke response, { statusCode, type, value: card }. */
export const click = (
  target: Target,
  person: Person,
  worker: number | undefined,
  verb: string,
  data: Record<string, unknown>,
) =>
  post(
    target,
    activity(target, person, worker, {
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb, data } },
    }),
  );

const VISIBLE_KEYS = new Set(['text', 'title', 'value', 'label', 'placeholder', 'altText']);

/** What a person reads in an answer (texts, titles, fact values, labels), not action data. */
export function visibleText(node: unknown, key = ''): string {
  if (typeof node === 'string') return VISIBLE_KEYS.has(key) ? node : '';
  if (Array.isArray(node)) return node.map((item) => visibleText(item, key)).join('\n');
  if (node && typeof node === 'object') {
    return Object.entries(node as Record<string, unknown>)
      .filter(([k]) => k !== 'data')
      .map(([k, v]) => visibleText(v, k === 'facts' || k === 'body' || k === 'items' ? '' : k))
      .filter(Boolean)
      .join('\n');
  }
  return '';
}

function expectText(answer: unknown, expected: string, step: string): string {
  const text = visibleText(answer);
  if (!text.includes(expected)) {
    throw new Error(`${step}: expected "${expected}", got "${text.replace(/\s+/g, ' ').slice(0, 240)}"`);
  }
  return text;
}

/** The data of the first Action.Execute with this verb anywhere in an answer. */
function actionData(node: unknown, verb: string): Record<string, unknown> | undefined {
  if (Array.isArray(node)) {
    for (const item of node) {
      const found = actionData(item, verb);
      if (found) return found;
    }
  } else if (node && typeof node === 'object') {
    const record = node as Record<string, unknown>;
    if (record.verb === verb && record.data && typeof record.data === 'object') {
      return record.data as Record<string, unknown>;
    }
    for (const value of Object.values(record)) {
      const found = actionData(value, verb);
      if (found) return found;
    }
  }
  return undefined;
}

function item<T>(items: readonly T[], index: number, what: string): T {
  const found = items[index];
  if (found === undefined) throw new Error(`out of ${what}: item ${index} of ${items.length} (raise the spares)`);
  return found;
}

/** The echo bot: the same message shape as the status query. */
export const FLOOR: Scenario = {
  name: 'floor (echo)',
  unit: (target) => async (worker, i) => {
    expectText(await say(target, hana, worker, `ping ${i}`), `echo: ping ${i}`, 'echo');
  },
};

export const SCENARIOS: Scenario[] = [
  {
    name: 'status <customer>',
    unit: (target, meta) => async (worker, i) => {
      const name = item(meta.statusTargets, i % meta.statusTargets.length, 'status targets');
      expectText(await say(target, hana, worker, `status ${name}`), `${name}: relationship status`, 'status');
    },
  },
  {
    name: 'my partners',
    unit: (target) => async (worker) => {
      expectText(await say(target, carmen, worker, 'my partners'), 'Partners Contoso Ltd works with', 'my partners');
    },
  },
  {
    name: 'Accept & Authorize',
    consumes: 'pendingAccepts',
    unit: (target, meta, first) => async (_worker, i) => {
      const { person, invitationId } = item(meta.pendingAccepts, first + i, 'pending invitations');
      const answer = await click(target, person, undefined, INVITATION_VERBS.accept, {
        invitationId,
        acknowledged: 'true',
      });
      expectText(answer, 'Invitation accepted', 'accept');
    },
  },
  {
    name: 'journey (4 turns)',
    consumes: 'journeyCustomers',
    requestsPerUnit: 4,
    unit: (target, meta, first) => async (worker, i) => {
      const customer = item(meta.journeyCustomers, first + i, 'journey customers');
      expectText(await say(target, alex, worker, 'request relationship'), 'Include delegated administration', 'form');
      const draft = await click(target, alex, worker, REQUEST_VERBS.submit, {
        customer: customer.domain,
        relationship: 'reseller',
        includeAdmin: 'true',
        roles: 'helpdesk-administrator,license-administrator',
        legacy: 'false',
        durationDays: '180',
        autoExtend: 'true',
      });
      const draftText = expectText(draft, 'Invitation for', 'draft');
      const done = actionData(draft, REQUEST_VERBS.done);
      const invitationId = typeof done?.invitationId === 'string' ? done.invitationId : undefined;
      const token = typeof done?.token === 'string' && /^[A-Z2-7]{32}$/.test(done.token) ? done.token : undefined;
      const link = /https?:\/\/\S+\/invite\/[A-Z2-7]{32}/.exec(draftText)?.[0];
      if (!invitationId || !token || !link) {
        throw new Error(`draft: no invitation id, token or link in "${draftText.slice(0, 240)}"`);
      }
      const sent = await click(target, alex, worker, REQUEST_VERBS.done, {
        invitationId,
        token,
        subject: 'Reseller relationship with Adatum Cloud Partners',
        body: `Hello,\n\nplease accept our invitation: ${link}\n\nAdatum`,
      });
      expectText(sent, 'Invitation sent to', 'done');
      const accepted = await click(target, customer.person, undefined, INVITATION_VERBS.accept, {
        invitationId,
        acknowledged: 'true',
      });
      const text = expectText(accepted, 'Invitation accepted', 'journey accept');
      if (!text.includes('Adatum Cloud Partners')) throw new Error(`journey accept: Adatum not among the partners`);
    },
  },
];
