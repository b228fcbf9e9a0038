// Child process: the server under test, alone in its process so its memory and CPU are its own.
// `bot <store file>` runs Partner Desk in local mode on the embedded store, `bot <postgres://…>` on that
// PostgreSQL database; `floor` runs the echo bot. Talks to the parent over IPC.
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { getHeapSpaceStatistics, getHeapStatistics, writeHeapSnapshot } from 'node:v8';
import { ExpiryGuardian } from '../src/services/relationships/expiry-guardian.js';
import { Notifier } from '../src/services/outbox/notifications.js';
import { createApp } from '../src/app.js';
import { listen, shutdown } from '../src/bot/server.js';
import { loadConfig } from '../src/config.js';
import { DEMO_TENANTS } from '../src/store/demo-world.js';
import { openLowdbStore } from '../src/store/lowdb-store.js';
import { openPostgresStore } from '../src/store/postgres/postgres-store.js';
import { createEchoServer } from './echo-bot.js';
import { kernelMemory } from './process-memory.js';
import { createLogger, silentLogger } from '../src/logging/logger.js';

const quiet = process.env.BENCH_DEBUG ? createLogger('debug') : silentLogger;
const config = loadConfig({ EXPIRY_GUARDIAN: 'false' });
const rssMB = () => process.memoryUsage().rss / 1024 / 1024;
const send = (message: unknown) => process.send!(message);
// A bench that dies (a scenario throws) must not leave its servers running: they go with its IPC channel.
process.on('disconnect', () => process.exit(1));
/**
 * Records the embedded store holds (every table's size; undefined on PostgreSQL): the soak tells the store's
 * own growth (a ledger entry per turn, kept a day) from memory nothing holds on purpose.
 */
function recordCount(store: unknown): number | undefined {
  const tables = (store as { tables?: Map<string, { size: number }> }).tables;
  return tables ? [...tables.values()].reduce((sum, table) => sum + table.size, 0) : undefined;
}
/** `memory`: usage, heap spaces and kernel figures; `heap-snapshot`: a snapshot written to the given file. */
function answerMemory(message: { cmd: string; file?: string; gc?: boolean }): void {
  if (message.cmd === 'memory' && message.gc) (globalThis as { gc?: () => void }).gc?.();
  if (message.cmd === 'memory')
    send({
      usage: process.memoryUsage(),
      heap: getHeapStatistics(),
      spaces: getHeapSpaceStatistics(),
      kernel: kernelMemory(),
    });
  if (message.cmd === 'heap-snapshot') send({ file: writeHeapSnapshot(message.file) });
}
const [mode, file] = process.argv.slice(2);
// How long a timer waited for the event loop while a scenario ran: what one turn's work costs everyone else.
const delay = monitorEventLoopDelay({ resolution: 5 });
delay.enable();
// The process's CPU over the same span (user + system, both threads' worth): what a unit costs, whatever the floor did.
let cpuAtReset = process.cpuUsage();
function answerDelay(cmd: string): void {
  if (cmd === 'delay-reset') {
    delay.reset();
    cpuAtReset = process.cpuUsage();
    send({ reset: true });
  }
  if (cmd === 'delay') {
    const cpu = process.cpuUsage(cpuAtReset);
    send({ p99Ms: delay.percentile(99) / 1e6, maxMs: delay.max / 1e6, cpuMs: (cpu.user + cpu.system) / 1000 });
  }
}

if (mode === 'floor') {
  const server = createEchoServer(config, quiet);
  const port = await listen(server, 0, '127.0.0.1');
  send({ ready: true, port, rssMB: rssMB() });
  process.on('message', (message: { cmd: string; file?: string; gc?: boolean }) => {
    answerDelay(message.cmd);
    answerMemory(message);
    if (message.cmd === 'rss') send({ rssMB: rssMB() });
    if (message.cmd === 'stop') server.close(() => process.exit(0));
  });
} else {
  const opened = performance.now();
  const store = file!.startsWith('postgres://')
    ? await openPostgresStore({ url: file! })
    : await openLowdbStore({ file: file! });
  const coldStartMs = performance.now() - opened;
  const app = createApp(config, { store, logger: quiet });
  const port = await listen(app.server, 0, '127.0.0.1');
  const appStartMs = performance.now() - opened;
  send({ ready: true, port, coldStartMs, appStartMs, rssMB: rssMB() });
  const clock = () => new Date();
  const notifier = new Notifier(store, { clock, logger: quiet });
  const guardian = new ExpiryGuardian({ store, notifier, clock, defaultLanguage: 'en', logger: quiet });
  let pass: Promise<number> | undefined;

  /** The cost of one committed change: a relationship touched and committed, one after the other. */
  async function commitLatencies(n: number): Promise<number[]> {
    const ids = (await store.findBy('relationships', 'partner', DEMO_TENANTS.adatum)).slice(0, 20).map((r) => r.id);
    const times: number[] = [];
    for (let i = 0; i < n; i++) {
      const begin = performance.now();
      await store.transaction(async (tx) => {
        const relationship = await tx.get('relationships', ids[i % ids.length]!);
        tx.update('relationships', { ...relationship!, updatedAt: new Date().toISOString() });
      });
      times.push(performance.now() - begin);
    }
    return times;
  }

  process.on('message', (message: { cmd: string; n?: number; file?: string; gc?: boolean }) => {
    void (async () => {
      if (message.cmd === 'commit') send({ commit: await commitLatencies(message.n ?? 50) });
      answerDelay(message.cmd);
      answerMemory(message);
      if (message.cmd === 'guardian-start') {
        const began = performance.now();
        pass = guardian.runOnce().then(() => performance.now() - began);
        send({ started: true });
      }
      if (message.cmd === 'guardian-wait') send({ guardianMs: await pass });
      if (message.cmd === 'rss') {
        const loaded = rssMB();
        // The parent starts this process with --expose-gc: what stays after a full collection is what is held.
        (globalThis as { gc?: () => void }).gc?.();
        await new Promise((resolve) => setTimeout(resolve, 500));
        const { heapUsed, heapTotal } = process.memoryUsage();
        send({
          rssMB: loaded,
          collectedRssMB: rssMB(),
          heapUsedMB: heapUsed / 1048576,
          heapTotalMB: heapTotal / 1048576,
          records: recordCount(store),
        });
      }
      if (message.cmd === 'stop') {
        app.stopTimers();
        await shutdown(app.server, 2000);
        await store.close();
        process.exit(0);
      }
    })();
  });
}
