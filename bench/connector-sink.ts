// Stands in for the Bot Connector during benchmarks: proactive messages and card updates the bot sends
// land here on loopback, so nothing leaves the machine and delivery costs what an HTTP round trip costs.
import { createServer, type Server } from 'node:http';
import { randomUUID } from 'node:crypto';

export async function startConnectorSink(): Promise<{
  url: string;
  received: () => number;
  close: () => Promise<void>;
}> {
  let received = 0;
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      received++;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: randomUUID() }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/`,
    received: () => received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
