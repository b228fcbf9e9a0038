// The floor: the least a bot can do on the same stack (restify, the body parser as configured, the
// CloudAdapter without credentials). Every scenario's throughput is read against this one.
import restify, { type Request, type Response } from 'restify';
import { createAdapter, type Logger } from '../src/bot/adapter.js';
import type { Config } from '../src/config.js';

export function createEchoServer(config: Config, logger: Logger): restify.Server {
  const adapter = createAdapter(config, logger);
  const server = restify.createServer({ name: 'echo-floor', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ maxBodySize: config.maxBodyBytes, mapParams: false }));
  server.post('/api/messages', async (req: Request, res: Response) => {
    await adapter.process(req, res, async (context) => {
      await context.sendActivity(`echo: ${context.activity.text ?? ''}`);
    });
  });
  return server;
}
