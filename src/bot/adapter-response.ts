import type { Request, Response } from 'restify';
import type { CloudAdapter, TurnContext } from 'botbuilder';
import { describeError, type Logger } from '../logging/logger.js';
import { answerDeferred, DeferredTurn } from './deferred-turn.js';

/** What CloudAdapter wrote, held back so that its error texts (library internals, Microsoft's URLs) never reach a caller. */
interface Captured {
  status: number;
  body: unknown;
}

/**
 * Runs `adapter.process` against a stand-in response, then answers the caller itself. CloudAdapter writes its
 * own error message as the body (for an unreachable OpenID endpoint, the endpoint's URL), so only success is
 * passed through; every failure becomes a generic body and its detail goes to the log.
 */
export async function processActivity(
  adapter: CloudAdapter,
  req: Request,
  res: Response,
  logic: (context: TurnContext) => Promise<void>,
  logger: Logger,
): Promise<void> {
  const captured: Captured = { status: 200, body: undefined };
  // The logic runs only once the caller's token is verified: anything that fails before it is an authentication failure.
  let authenticated = false;
  const standIn = {
    socket: res.socket,
    status: (code: number) => {
      captured.status = code;
    },
    send: (body: unknown) => {
      captured.body = body;
    },
    header: (name: string, value: unknown) => res.header(name, value),
    end: () => undefined,
  };
  let deferred: DeferredTurn | undefined;
  await adapter.process(req, standIn, async (context) => {
    authenticated = true;
    try {
      await logic(context);
    } catch (error) {
      // Kept from the adapter's turn-error handler: no apology, the caller is asked to send it again.
      if (!(error instanceof DeferredTurn)) throw error;
      deferred = error;
    }
  });
  if (deferred) {
    answerDeferred(res, deferred, logger, (req.body as { type?: string } | undefined)?.type);
    return;
  }
  if (captured.status < 400) {
    if (captured.body === undefined) res.send(captured.status);
    else res.send(captured.status, captured.body);
    return;
  }
  const detail = redact(captured.body);
  if (!authenticated && captured.status === 400) {
    // CloudAdapter's own shape check of the activity, before any token is looked at.
    logger.warn('activity refused by the adapter', { adapterStatus: 400, detail });
    res.send(400, { error: 'Bad request' });
    return;
  }
  if (!authenticated) {
    // A token we could not verify (even because Microsoft's keys were unreachable) has not shown who sent it.
    const reason = captured.status === 401 ? 'token rejected' : 'token could not be verified';
    const log = captured.status === 401 ? logger.warn.bind(logger) : logger.error.bind(logger);
    log('request not authenticated', { reason, adapterStatus: captured.status, detail });
    res.send(401, { error: 'Unauthorized' });
    return;
  }
  logger.error('request failed', { adapterStatus: captured.status, detail });
  res.send(500, { error: 'Internal error' });
}

/** The adapter's message for the log: no bearer token, and a URL reduced to its host. */
function redact(body: unknown): string {
  const text = typeof body === 'string' ? body : describeError(body);
  return text
    .replace(/eyJ[\w-]*\.[\w-]*\.[\w-]*/g, '<token>')
    .replace(/\b(?:Bearer)\s+\S+/gi, 'Bearer <token>')
    .replace(/https?:\/\/([^/\s:]+)[^\s]*/g, '$1');
}
