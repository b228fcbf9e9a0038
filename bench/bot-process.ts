// Child process (forked with IPC): the server under test, alone in its process so its memory and CPU are
// its own. `bot <store file>` runs Partner Desk on that store; `floor` runs the echo bot.
// Sends { ready, port, coldStartMs, appStartMs, rssMB } once listening, then answers the parent's requests:
// { cmd: 'commit', n } → { commitMs: number[] }, { cmd: 'rss', gc? } → { rssMB, heapMB }, { cmd: 'stop' } → exits 0.
import { performance } from 'node:perf_hooks';
import { createApp } from '../src/app.js';
import { listen, shutdown } from '../src/bot/server.js';
import { loadConfig } from '../src/config.js';
import { DEMO_TENANTS } from '../src/store/demo-world.js';
import { openLowdbStore } from '../src/store/lowdb-store.js';
import type { Store } from '../src/store/store.js';
import { createFloorServer } from './floor-bot.js';

export type BotRequest = { cmd: 'commit'; n: number } | { cmd: 'rss'; gc?: boolean } | { cmd: 'stop' };

export interface ReadyMessage {
  ready: true;
  port: number;
  /** Wall time of openLowdbStore (bot mode). */
  coldStartMs?: number;
  /** Wall time of createApp + listen, after the store is open (bot mode). */
  appStartMs?: number;
  rssMB: number;
  /** Heap in use after a full collection. */
  heapMB: number;
}

const quiet = {
  info: () => undefined,
  error: process.env.BENCH_DEBUG ? (m: string, f?: unknown) => console.error('[bot]', m, f) : () => undefined,
};
const config = loadConfig({ EXPIRY_GUARDIAN: 'false' });
const MB = 1024 * 1024;
/** RSS and heap in use; with gc (and --expose-gc), after a full collection. */
const memory = (gc = false) => {
  if (gc) (globalThis as { gc?: () => void }).gc?.();
  return { rssMB: process.memoryUsage.rss() / MB, heapMB: process.memoryUsage().heapUsed / MB };
};
const send = (message: unknown) => process.send!(message);
const [mode, file] = process.argv.slice(2);
if (!process.send) throw new Error('bot-process must be forked with an IPC channel');
// The parent went away (crashed, interrupted): do not linger holding the store.
process.on('disconnect', () => process.exit(1));

/** Latencies of n committed changes one after the other: a relationship read by id, touched, committed. */
async function commitLatencies(store: Store, n: number): Promise<number[]> {
  const ids = (await store.findBy('relationships', 'partner', DEMO_TENANTS.adatum)).slice(0, 8).map((r) => r.id);
  if (ids.length === 0) throw new Error('Adatum has no relationships to touch');
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const begin = performance.now();
    await store.transaction(async (tx) => {
      const relationship = await tx.get('relationships', ids[i % ids.length]!);
      if (!relationship) throw new Error(`relationship ${ids[i % ids.length]} vanished`);
      tx.update('relationships', { ...relationship, updatedAt: new Date().toISOString() });
    });
    times.push(performance.now() - begin);
  }
  return times;
}

if (mode === 'floor') {
  const server = createFloorServer(config, quiet);
  const port = await listen(server, 0, '127.0.0.1');
  send({ ready: true, port, rssMB: memory().rssMB, heapMB: memory(true).heapMB } satisfies ReadyMessage);
  process.on('message', (request: BotRequest) => {
    if (request.cmd === 'rss') send(memory(request.gc));
    else if (request.cmd === 'stop') void shutdown(server, 1000).then(() => process.exit(0));
    else send({ error: `floor cannot ${request.cmd}` });
  });
} else if (mode === 'bot' && file) {
  const opening = performance.now();
  const store = await openLowdbStore({ file });
  const opened = performance.now();
  const app = createApp(config, { store, logger: quiet });
  const port = await listen(app.server, 0, '127.0.0.1');
  const listening = performance.now();
  send({
    ready: true,
    port,
    coldStartMs: opened - opening,
    appStartMs: listening - opened,
    rssMB: memory().rssMB,
    heapMB: memory(true).heapMB,
  } satisfies ReadyMessage);

  process.on('message', (request: BotRequest) => {
    void (async () => {
      try {
        if (request.cmd === 'commit') send({ commitMs: await commitLatencies(store, request.n) });
        else if (request.cmd === 'rss') send(memory(request.gc));
        else if (request.cmd === 'stop') {
          app.stopTimers();
          await shutdown(app.server, 1000);
          await store.close();
          process.exit(0);
        }
      } catch (error) {
        send({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
      }
    })();
  });
} else {
  console.error('usage: bot-process.js bot <store file> | floor');
  process.exit(2);
}
