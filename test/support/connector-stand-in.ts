// Stands in for the Bot Connector on loopback: records every proactive message and card update the bot
// instances send, and can hold back the answers to some of them (an instance killed mid-send).
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

export interface ConnectorRequest {
  method: string;
  path: string;
  body: string;
  remotePort: number;
}

export interface ConnectorStandIn {
  url: string;
  requests: ConnectorRequest[];
  /** Requests being held (not answered) now. */
  held(): number;
  /** Holds the answer to every request `matches` picks, until release. */
  holdWhen(matches: (request: ConnectorRequest) => boolean): void;
  release(): void;
  close(): Promise<void>;
}

export async function startConnectorStandIn(): Promise<ConnectorStandIn> {
  const requests: ConnectorRequest[] = [];
  const holding = new Set<ServerResponse>();
  let matches: ((request: ConnectorRequest) => boolean) | undefined;
  const answer = (res: ServerResponse) => {
    holding.delete(res);
    if (res.destroyed) return;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ id: randomUUID() }));
  };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const remotePort = req.socket.remotePort ?? 0;
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const request = { method: req.method ?? '', path: req.url ?? '', body, remotePort };
      requests.push(request);
      if (matches?.(request)) {
        holding.add(res);
        res.once('close', () => holding.delete(res));
      } else answer(res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    held: () => holding.size,
    holdWhen: (m) => (matches = m),
    release: () => {
      matches = undefined;
      for (const res of [...holding]) answer(res);
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
