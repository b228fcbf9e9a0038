import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createDeliveryAdapter } from '../../src/bot/adapter.js';
import { ProactiveDeliverer } from '../../src/bot/proactive-deliverer.js';
import { loadConfig } from '../../src/config.js';
import { MemoryLogger, silentLogger } from '../../src/logging/logger.js';
import { ConversationDirectory } from '../../src/services/people/conversations.js';
import { DeliveryError, Notifier, parseRetryAfter } from '../../src/services/outbox/notifications.js';
import type { Store } from '../../src/store/store.js';
import { NOW, PEOPLE, tempStore } from '../support/world.js';

type Answer = (req: IncomingMessage, res: ServerResponse) => void;

/** Stands in for the Bot Connector on loopback: answers each request with the next scripted answer. */
class ConnectorStandIn {
  readonly requests: { method: string; url: string }[] = [];
  readonly aborted: string[] = [];
  private readonly server: Server;
  constructor(private readonly answers: Answer[]) {
    this.server = createServer((req, res) => {
      this.requests.push({ method: req.method ?? '', url: req.url ?? '' });
      res.on('close', () => {
        if (!res.writableEnded) this.aborted.push(req.url ?? '');
      });
      const answer = this.answers.shift() ?? json(200, { id: 'unexpected' });
      req.resume();
      req.on('end', () => answer(req, res));
    });
  }
  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as { port: number }).port}/`;
  }
  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

const json =
  (status: number, body: unknown, headers: Record<string, string> = {}): Answer =>
  (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };
const connectorError = (status: number, headers: Record<string, string> = {}) =>
  json(status, { error: { code: 'ServiceError', message: `connector said ${status}` } }, headers);
const never: Answer = () => undefined;

describe('ProactiveDeliverer against a real CloudAdapter and a stand-in connector', () => {
  let store: Store;
  let dispose: () => Promise<void>;
  let connector: ConnectorStandIn | undefined;
  let now: Date;
  let log: MemoryLogger;
  const clock = () => now;
  const carmen = PEOPLE.customerGlobalAdmin;

  beforeEach(async () => {
    ({ store, dispose } = await tempStore());
    now = NOW;
    log = new MemoryLogger();
  });
  afterEach(async () => {
    await connector?.close();
    connector = undefined;
    await dispose();
  });

  async function deliverer(answers: Answer[], timeoutMs = 5_000) {
    connector = new ConnectorStandIn(answers);
    const serviceUrl = await connector.start();
    const reference = {
      channelId: 'msteams',
      serviceUrl,
      conversation: { id: 'a:carmen', conversationType: 'personal', tenantId: carmen.tenantId },
      user: { id: '29:carmen', aadObjectId: carmen.aadObjectId },
      bot: { id: '28:bot', name: 'Partner Desk' },
    };
    await new ConversationDirectory(store, clock, silentLogger).remember(
      carmen.tenantId,
      carmen.aadObjectId,
      reference,
    );
    // Local mode: an empty MicrosoftAppId, so no token is fetched.
    const adapter = createDeliveryAdapter(loadConfig({}), log);
    return { reference, deliverer: new ProactiveDeliverer(adapter, '', { logger: log, timeoutMs, clock }) };
  }

  it('stays pending through a 429 and a 500, honours Retry-After, and is delivered only after the 200', async () => {
    const { deliverer: proactive } = await deliverer([
      connectorError(429, { 'retry-after': '120' }),
      connectorError(500),
      json(200, { id: 'activity-from-teams' }),
    ]);
    const notifier = new Notifier(store, { clock, logger: log, immediateAttempts: 1, random: () => 0.5 });
    notifier.attach(proactive);
    await store.transaction((tx) => void notifier.enqueue(tx, carmen, 'test', { text: 'Your access ends soon' }));

    await notifier.drain();
    let [n] = await store.all('notifications');
    expect(n).toMatchObject({ status: 'pending', attempts: 1, lastError: 'connector said 429' });
    expect(n!.nextAttemptAt).toBe(new Date(NOW.getTime() + 120_000).toISOString());

    now = new Date(NOW.getTime() + 119_000);
    await notifier.drain();
    expect(connector!.requests).toHaveLength(1); // not before the connector said

    now = new Date(NOW.getTime() + 120_000);
    await notifier.drain();
    [n] = await store.all('notifications');
    expect(n).toMatchObject({ status: 'pending', attempts: 2, lastError: 'connector said 500' });

    now = new Date(NOW.getTime() + 60 * 60_000);
    await notifier.drain();
    [n] = await store.all('notifications');
    expect(n).toMatchObject({ status: 'delivered', attempts: 3, payload: { activityId: 'activity-from-teams' } });
    expect(connector!.requests.map((r) => r.method)).toEqual(['POST', 'POST', 'POST']);
    // Captured by the deliverer itself: nothing reached the adapter's onTurnError.
    expect(log.lines.map((l) => l.message)).not.toContain('turn failed');
  });

  it.each([
    ['a 403 (the user blocked the bot)', connectorError(403), 403, undefined],
    ['a 429 with Retry-After in seconds', connectorError(429, { 'retry-after': '7' }), 429, 7_000],
  ])('rejects %s with its status and Retry-After, in one request', async (_name, answer, status, retryAfterMs) => {
    const { deliverer: proactive, reference } = await deliverer([answer]);
    const error = await proactive.deliver(reference, { text: 'hi' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeliveryError);
    expect(error).toMatchObject({ status, retryAfterMs });
    expect(connector!.requests).toHaveLength(1); // botbuilder's own retries are off: the outbox decides
  });

  it('rejects a card update the connector refuses (404: the conversation is gone)', async () => {
    const { deliverer: proactive, reference } = await deliverer([connectorError(404)]);
    await expect(proactive.update(reference, 'activity-1', { text: 'closed' })).rejects.toMatchObject({
      status: 404,
    });
    expect(connector!.requests[0]).toMatchObject({ method: 'PUT' });
  });

  it('aborts a connector call that does not answer in time, as a transient failure', async () => {
    const { deliverer: proactive, reference } = await deliverer([never], 200);
    const error = await proactive.deliver(reference, { text: 'hi' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeliveryError);
    expect(error).toMatchObject({ status: undefined, message: expect.stringContaining('within 200 ms') });
    while (connector!.aborted.length === 0) await new Promise((resolve) => setImmediate(resolve));
    expect(connector!.aborted).toHaveLength(1); // the HTTP request itself was ended
  });

  it('aborts only the call past its deadline: a delivery beside it on the same connector client goes through', async () => {
    const { deliverer: proactive, reference } = await deliverer([never, json(200, { id: 'second' })], 300);
    const hung = proactive.deliver(reference, { text: 'first' }).catch((e: unknown) => e);
    while (connector!.requests.length === 0) await new Promise((resolve) => setImmediate(resolve));
    await expect(proactive.deliver(reference, { text: 'second' })).resolves.toBe('second');
    expect(await hung).toBeInstanceOf(DeliveryError);
    while (connector!.aborted.length === 0) await new Promise((resolve) => setImmediate(resolve));
    expect(connector!.aborted).toHaveLength(1);
    expect(connector!.requests).toHaveLength(2);
  });
});

describe('parseRetryAfter', () => {
  it.each<[string | undefined, number | undefined]>([
    ['120', 120_000],
    ['0', 0],
    ['1.5', 1_500],
    [new Date(NOW.getTime() + 30_000).toUTCString(), 30_000],
    [new Date(NOW.getTime() - 30_000).toUTCString(), 0],
    ['soon', undefined],
    [undefined, undefined],
  ])('%s → %s ms', (header, ms) => {
    expect(parseRetryAfter(header, NOW)).toBe(ms);
  });
});
