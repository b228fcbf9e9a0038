// The floor: the least a bot can do on Partner Desk's stack (restify with the same body parser settings,
// the CloudAdapter without credentials, expectReplies). Every scenario's throughput is read against it.
import restify, { type Request, type Response } from 'restify';
import { createAdapter, type Logger } from '../src/bot/adapter.js';
import type { Config } from '../src/config.js';

export function createFloorServer(config: Config, logger: Logger): restify.Server {
  const adapter = createAdapter(config, logger);
  const server = restify.createServer({ name: 'partner-desk-floor', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ maxBodySize: config.maxBodyBytes, mapParams: false }));
  server.post('/api/messages', async (req: Request, res: Response) => {
    await adapter.process(req, res, async (context) => {
      await context.sendActivity(`echo: ${context.activity.text ?? ''}`);
    });
  });
  return server;
}
