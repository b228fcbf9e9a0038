import restify, { type Request, type Response } from 'restify';
import { INVOKE_RESPONSE_KEY, type CloudAdapter, type TurnContext } from 'botbuilder';
import type { Config } from '../config.js';
import type { Language } from '../domain/model.js';
import { languageOf } from '../i18n/i18n.js';
import type { Store } from '../store/store.js';
import { TurnStarts } from './turn-starts.js';
import { ActivityLedger, ConversationQueue, IncomingActivity, isAllowedTenant } from './activity-gate.js';
import { describeError, type Logger } from '../logging/logger.js';
import { processActivity } from './adapter-response.js';
import { DeferredTurn, TurnWrites } from './deferred-turn.js';
import { storeBusyIn } from '../store/store-busy.js';
import { holdingTurnEnd, TurnEndWrites } from './turn-end-writes.js';

export interface ServerDeps {
  config: Config;
  adapter: CloudAdapter;
  store: Store;
  logger: Logger;
  clock: () => Date;
  /** The bot's turn logic. */
  run: (context: TurnContext) => Promise<void>;
  /** Extra routes (downloads) added by later features. */
  routes?: (server: restify.Server) => void;
  /** How turns begin, a few per turn of the event loop (one for this server unless given). */
  starts?: TurnStarts;
}

export interface RunningServer {
  server: restify.Server;
  port: number;
  /** Stops accepting, waits for turns in flight. */
  close(): Promise<void>;
  inFlight(): number;
}

const GENERIC_MESSAGES: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthorized',
  404: 'Not found',
  405: 'Method not allowed',
  413: 'Request body too large',
  415: 'Unsupported media type',
};

export function createServer(deps: ServerDeps): restify.Server {
  const { config, adapter, store, logger } = deps;
  const queue = new ConversationQueue(store.withLock?.bind(store));
  const ledger = new ActivityLedger(store, deps.clock, logger);
  const writes = new TurnWrites(store);
  const starts = deps.starts ?? new TurnStarts();
  const server = restify.createServer({ name: 'partner-desk', handleUncaughtExceptions: false });
  let inFlight = 0;
  (server as unknown as { inFlight: () => number }).inFlight = () => inFlight;

  server.use(restify.plugins.bodyParser({ maxBodySize: config.maxBodyBytes, mapParams: false }));
  // Restify's own errors (bad JSON, too large) must not echo parser internals to the caller.
  server.on('restifyError', (_req: Request, _res: Response, err: { statusCode?: number; toJSON?: unknown }, cb) => {
    const status = err.statusCode ?? 500;
    err.toJSON = () => ({ error: GENERIC_MESSAGES[status] ?? 'Internal error' });
    return cb();
  });

  server.get('/healthz', async (_req: Request, res: Response) => {
    try {
      await store.ping();
      res.send(200, { status: 'ok' });
    } catch {
      res.send(503, { status: 'unavailable' });
    }
  });

  server.post('/api/messages', async (req: Request, res: Response) => {
    // In flight from arrival: a shutdown waits for a turn still waiting to begin, too.
    inFlight++;
    try {
      await starts.begin();
      const valid = IncomingActivity.safeParse(req.body);
      if (!valid.success) {
        res.send(400, { error: 'Malformed activity' });
        return;
      }
      if (!isAllowedTenant(req.body, config.allowedTenants)) {
        // Dropped quietly: nothing from a tenant that is not allowed reaches the bot.
        res.send(200);
        return;
      }
      await processActivity(
        adapter,
        req,
        res,
        (context) =>
          writes.run((changed) => guardedTurn(context, queue, ledger, deps.run, config.defaultLanguage, changed)),
        logger,
      );
    } catch (error) {
      logger.error('request failed', { error: describeError(error) });
      if (!res.headersSent) res.send(500, { error: 'Internal error' });
    } finally {
      inFlight--;
    }
  });

  deps.routes?.(server);
  return server;
}

/**
 * One conversation's turns run in order; a re-delivered activity id has one effect. A turn the store was
 * too busy to serve before it saved anything of its own becomes a DeferredTurn (answered 503), its claim
 * given back so that Teams' re-sent activity runs.
 */
async function guardedTurn(
  context: TurnContext,
  queue: ConversationQueue,
  ledger: ActivityLedger,
  run: (context: TurnContext) => Promise<void>,
  defaultLanguage: Language,
  changed: () => boolean,
): Promise<void> {
  const conversationKey = `${context.activity.channelId}/${context.activity.conversation.id}`;
  const key = ActivityLedger.key(context.activity);
  let claimed = false;
  try {
    await queue.run(conversationKey, async () => {
      if (!key) return run(context);
      const claim = await ledger.claim(key);
      if (claim.kind === 'duplicate') {
        if (context.activity.type === 'invoke' && claim.response) {
          context.turnState.set(INVOKE_RESPONSE_KEY, { type: 'invokeResponse', value: claim.response });
        }
        return;
      }
      claimed = true;
      // The state the turn saves as it ends commits with its "done": one fsync, not two, before the answer.
      const turnEnd = new TurnEndWrites(ledger.store);
      try {
        await holdingTurnEnd(turnEnd, () => run(context));
      } catch (error) {
        // A failed turn never reached its state save (the last thing a turn does): nothing held is lost.
        turnEnd.take();
        if (storeBusyIn(error) && !changed()) throw error;
        claimed = false;
        await ledger.release(key);
        throw error;
      }
      const response =
        context.activity.type === 'invoke'
          ? (context.turnState.get(INVOKE_RESPONSE_KEY) as { value?: unknown } | undefined)?.value
          : undefined;
      await ledger.done(
        key,
        response ? { response, language: languageOf(context.activity.locale, defaultLanguage) } : undefined,
        turnEnd.take(),
      );
    });
  } catch (error) {
    const busy = storeBusyIn(error);
    if (!busy || changed()) throw error;
    const released = claimed && key ? await ledger.release(key) : true;
    throw new DeferredTurn(busy, released);
  }
}

export async function listen(server: restify.Server, port: number, host: string): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address();
  return typeof address === 'object' && address ? address.port : port;
}

/** Stops accepting connections, then waits (bounded) for turns in flight to finish. */
export async function shutdown(server: restify.Server, timeoutMs = 10_000): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  const inFlight = (server as unknown as { inFlight?: () => number }).inFlight ?? (() => 0);
  const deadline = Date.now() + timeoutMs;
  while (inFlight() > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
  await Promise.race([closed, new Promise((r) => setTimeout(r, Math.max(0, deadline - Date.now())))]);
}
