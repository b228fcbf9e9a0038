// What the benchmark asks the bot, as Teams would post it: each scenario is one unit of work that throws
// when the answer is not the one a user would expect (a refusal is not a fast success).
import { randomUUID } from 'node:crypto';
import { INVITATION_VERBS } from '../src/cards/invitation-card.js';
import { REQUEST_VERBS } from '../src/cards/request-card.js';
import { HELPDESK_VERBS, LIST_PAGE_VERBS } from '../src/cards/helpdesk-cards.js';
import { FORM_TICKET } from '../src/bot/dialogs/form-ticket.js';
import { DEMO_USERS } from '../src/store/demo-world.js';
import type { Unit } from './load.js';
import type { BenchPerson, BenchWorld } from './world.js';

export type WorldFacts = Omit<BenchWorld, 'seed' | 'counts'>;

export interface Target {
  port: number;
  /** Several instances on one store: each request goes to the next one, as a load balancer spreads them. */
  ports?: number[];
  /** Where the bot's proactive messages go (the connector sink). */
  serviceUrl: string;
}

export interface Scenario {
  name: string;
  /** Consumes one fresh item of the world per unit (invitations, customers), so units are counted out. */
  consumes: boolean;
  /** Runs while the bot's expiry guardian makes a pass over every live relationship. */
  duringGuardianPass?: boolean;
  unit: (target: Target, facts: WorldFacts) => Unit;
}

const hana = DEMO_USERS[2]!; // Adatum helpdesk agent

/**
 * A Teams activity from one person in their personal chat with the bot. Each load worker acts as a
 * different person (concurrent load comes from many users), since one chat's turns run one at a time.
 */
function activity(target: Target, person: BenchPerson, fields: Record<string, unknown>) {
  return {
    id: randomUUID(),
    channelId: 'msteams',
    serviceUrl: target.serviceUrl,
    timestamp: new Date().toISOString(),
    locale: 'en-US',
    from: { id: `29:${person.aadObjectId}`, aadObjectId: person.aadObjectId, name: 'Bench user' },
    recipient: { id: '28:bot', name: 'Partner Desk' },
    conversation: {
      id: `a:${person.aadObjectId}`,
      conversationType: 'personal',
      tenantId: person.tenantId,
    },
    channelData: { tenant: { id: person.tenantId } },
    ...fields,
  };
}

let spread = 0;

async function post(target: Target, body: unknown): Promise<string> {
  const port = target.ports ? target.ports[spread++ % target.ports.length]! : target.port;
  const response = await fetch(`http://127.0.0.1:${port}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`HTTP ${response.status}: ${text.slice(0, 200)}`);
  return text;
}

/** A message with delivery mode expectReplies: the replies come back in the HTTP answer. */
const say = (target: Target, person: BenchPerson, text: string) =>
  post(target, activity(target, person, { type: 'message', text, deliveryMode: 'expectReplies' }));

/**
 * Adatum's admins open their personal chat with the bot before any load, as people who installed it have: the
 * outbox then delivers the answer notifications of Accept & Authorize to the connector instead of holding
 * them for lack of anywhere private to write.
 */
export async function openPersonalChats(target: Target, facts: WorldFacts): Promise<void> {
  for (const person of facts.invitationWatchers) await say(target, person, 'help');
}

/** The dialog step ticket a card's buttons carry. */
const ticketIn = (answer: string) => /"formTicket":"([^"]+)"/.exec(answer)?.[1];

/** An Action.Execute click: the HTTP answer is the invoke response (the replacing card). */
const click = (target: Target, person: BenchPerson, verb: string, data: Record<string, unknown>) =>
  post(
    target,
    activity(target, person, {
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb, data } },
    }),
  );

/**
 * The step ticket of the first button with this verb in an answer (a list's Next, a timeline's Export): a
 * person clicks a button of the card they were shown, and only that card's step takes the click.
 */
function buttonTicket(answer: string, verb: string): string | undefined {
  let ticket: string | undefined;
  const walk = (node: unknown): void => {
    if (ticket || !node || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    const data = record.data as Record<string, unknown> | undefined;
    if (record.type === 'Action.Execute' && record.verb === verb && typeof data?.[FORM_TICKET] === 'string') {
      ticket = data[FORM_TICKET] as string;
      return;
    }
    for (const value of Object.values(record)) walk(value);
  };
  walk(JSON.parse(answer));
  return ticket;
}

/**
 * Types the command, then clicks a button of the card it answered, as a person turning a page does. A list that
 * fits on one page (expiring at the smallest size) has no page to turn: its first answer is the whole list.
 */
async function commandThenClick(
  target: Target,
  person: BenchPerson,
  text: string,
  verb: string,
  data: Record<string, unknown>,
  { onePageIsAll = false } = {},
): Promise<string> {
  const shown = await say(target, person, text);
  const ticket = buttonTicket(shown, verb);
  if (!ticket && onePageIsAll && shown.includes('(page 1 of 1)')) return shown;
  if (!ticket) throw new Error(`no ${verb} button in ${shown.slice(0, 300)}`);
  return click(target, person, verb, { ...data, [FORM_TICKET]: ticket });
}

const ONE_PAGE = { onePageIsAll: true };

/** A compose-box search of the message extension: the HTTP answer is the result list. */
const search = (target: Target, person: BenchPerson, text: string) =>
  post(
    target,
    activity(target, person, {
      type: 'invoke',
      name: 'composeExtension/query',
      value: { commandId: 'status', parameters: [{ name: 'customer', value: text }] },
    }),
  );

/** One letter dropped from the name's second word: a misspelling only the fuzzy search finds. */
export function misspell(name: string): string {
  const at = name.indexOf(' ') + 3;
  return name.slice(0, at) + name.slice(at + 1);
}

function expectText(answer: string, expected: string, what: string): void {
  if (!answer.includes(expected)) throw new Error(`${what}: expected "${expected}" in ${answer.slice(0, 300)}`);
}

/**
 * Accepted just now: the answer card lists the partners the organisation now works with. An invitation
 * answered before shows its state ("accepted") without that list, and must not pass as a fast success.
 */
function expectAccepted(answer: string, what: string): void {
  expectText(answer, 'Invitation accepted', what);
  expectText(answer, 'works with', what);
}

export const FLOOR: Scenario = {
  name: 'floor (echo bot)',
  consumes: false,
  unit: (target) => async (_worker, n) => expectText(await say(target, hana, `ping ${n}`), `echo: ping ${n}`, 'floor'),
};

export const SCENARIOS: Scenario[] = [
  {
    name: 'status <customer>',
    consumes: false,
    unit: (target, facts) => async (worker, n) => {
      const name = facts.statusTargets[n % facts.statusTargets.length]!;
      const agent = facts.helpdeskAgents[worker % facts.helpdeskAgents.length]!;
      expectText(await say(target, agent, `status ${name}`), `${name}: relationship status`, 'status');
    },
  },
  {
    name: 'my partners',
    consumes: false,
    unit: (target, facts) => async (_worker, n) => {
      const { person, name } = facts.customerAdmins[n % facts.customerAdmins.length]!;
      expectText(await say(target, person, 'my partners'), `Partners ${name} works with`, 'my partners');
    },
  },
  {
    name: 'Accept & Authorize',
    consumes: true,
    unit: (target, facts) => async (_worker, n) => {
      const { person, invitationId } = facts.pendingAccepts[n]!;
      const answer = await click(target, person, INVITATION_VERBS.accept, { invitationId, acknowledged: 'true' });
      expectAccepted(answer, 'accept');
    },
  },
  {
    name: 'request → accept journey',
    consumes: true,
    unit: (target, facts) => async (worker, n) => {
      const customer = facts.journeyCustomers[n]!;
      const agent = facts.adminAgents[worker % facts.adminAgents.length]!;
      const form = await say(target, agent, 'request relationship');
      expectText(form, 'Include delegated administration', 'form');
      // Each button carries the ticket of the dialog step that sent its card, as a person's click does.
      const draft = await click(target, agent, REQUEST_VERBS.submit, {
        formTicket: ticketIn(form),
        customer: customer.domain,
        relationship: 'reseller',
        includeAdmin: 'true',
        roles: 'helpdesk-administrator,license-administrator',
        legacy: 'false',
        durationDays: '180',
        autoExtend: 'true',
      });
      const token = /"token":"([A-Z2-7]{32})"/.exec(draft)?.[1];
      const invitationId = /"invitationId":"([^"]+)"/.exec(draft)?.[1];
      const link = /https?:\/\/[^"\s]+\/invite\/[A-Z2-7]{32}/.exec(draft)?.[0];
      if (!token || !invitationId || !link) throw new Error(`draft: no invitation in ${draft.slice(0, 300)}`);
      const sent = await click(target, agent, REQUEST_VERBS.done, {
        formTicket: ticketIn(draft),
        invitationId,
        token,
        subject: 'Partner Desk invitation',
        body: `Please accept: ${link}`,
      });
      expectText(sent, 'Invitation sent to', 'done');
      const accepted = await click(target, customer.person, INVITATION_VERBS.accept, {
        invitationId,
        acknowledged: 'true',
      });
      expectAccepted(accepted, 'journey accept');
    },
  },
  {
    name: 'status <misspelt name>',
    consumes: false,
    unit: (target, facts) => async (worker, n) => {
      const name = facts.statusTargets[n % facts.statusTargets.length]!;
      const agent = facts.helpdeskAgents[worker % facts.helpdeskAgents.length]!;
      expectText(await say(target, agent, `status ${misspell(name)}`), `${name}: relationship status`, 'misspelt');
    },
  },
  {
    name: 'message-extension search',
    consumes: false,
    unit: (target, facts) => async (worker, n) => {
      const name = facts.statusTargets[n % facts.statusTargets.length]!;
      const agent = facts.helpdeskAgents[worker % facts.helpdeskAgents.length]!;
      expectText(await search(target, agent, misspell(name)), `"title":"${name}"`, 'search');
    },
  },
  {
    name: 'pending (page 2)',
    consumes: false,
    unit: (target, facts) => async (worker) => {
      const agent = facts.helpdeskAgents[worker % facts.helpdeskAgents.length]!;
      const answer = await commandThenClick(target, agent, 'pending', LIST_PAGE_VERBS.pending, { page: '2' }, ONE_PAGE);
      expectText(answer, 'Pending invitations', 'pending');
    },
  },
  {
    name: 'expiring (page 2)',
    consumes: false,
    unit: (target, facts) => async (worker) => {
      const agent = facts.helpdeskAgents[worker % facts.helpdeskAgents.length]!;
      const answer = await commandThenClick(
        target,
        agent,
        'expiring',
        LIST_PAGE_VERBS.expiring,
        { page: '2' },
        ONE_PAGE,
      );
      expectText(answer, 'Admin access ending within 30 days', 'expiring');
    },
  },
  {
    name: 'relationships active (p. 3)',
    consumes: false,
    unit: (target, facts) => async (worker) => {
      const agent = facts.helpdeskAgents[worker % facts.helpdeskAgents.length]!;
      const verb = LIST_PAGE_VERBS['by-state'];
      const answer = await commandThenClick(target, agent, 'relationships active', verb, { page: '3' }, ONE_PAGE);
      expectText(answer, 'Relationships', 'relationships active');
    },
  },
  {
    name: 'timeline CSV (busiest pair)',
    consumes: false,
    unit: (target, facts) => async (worker) => {
      const agent = facts.helpdeskAgents[worker % facts.helpdeskAgents.length]!;
      const timeline = `timeline ${facts.busiestPairDomain}`;
      const answer = await commandThenClick(target, agent, timeline, HELPDESK_VERBS.exportCsv, {});
      expectText(answer, 'Download the CSV', 'export');
    },
  },
  {
    name: 'status during guardian pass',
    consumes: false,
    duringGuardianPass: true,
    unit: (target, facts) => async (worker, n) => {
      const name = facts.statusTargets[n % facts.statusTargets.length]!;
      const agent = facts.helpdeskAgents[worker % facts.helpdeskAgents.length]!;
      expectText(await say(target, agent, `status ${name}`), `${name}: relationship status`, 'status');
    },
  },
];
