// `npm run bench`: Partner Desk's turn cost over real HTTP against the floor (an echo bot on the same stack),
// and how the embedded store grows, at generated stores of BENCH_SIZES relationships (default
// 1000,10000,100000). Prints tables and the targets (reported, never asserted); writes bench/results.json.
// Nothing leaves the machine: the bot's proactive messages go to a connector sink on 127.0.0.1.
import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { PROJECT_ROOT } from '../src/paths.js';
import type { BotRequest, ReadyMessage } from './bot-process.js';
import type { WorldMeta } from './generate.js';
import { percentile, runLoad, type LoadResult } from './load.js';
import { FLOOR, SCENARIOS, type Scenario } from './workflows.js';

const SIZES = (process.env.BENCH_SIZES ?? '1000,10000,100000')
  .split(',')
  .map((s) => Number(s.trim()))
  .filter((n) => Number.isInteger(n) && n > 0);
/** Units per run at each concurrency: reads are one request each; writes use up a fresh item each. */
const LEVELS = [
  { concurrency: 1, reads: 100, writes: 50 },
  { concurrency: 16, reads: 320, writes: 160 },
  { concurrency: 64, reads: 640, writes: 320 },
];
const WARMUP = { units: 20, concurrency: 4 };
const SPARES = WARMUP.units + LEVELS.reduce((sum, level) => sum + level.writes, 0) + 50;
/** A run stops issuing units after this long and reports what it did. */
const CAP_MS = 20_000;
const COMMITS = 50;
const HERE = fileURLToPath(new URL('.', import.meta.url));
const MB = 1024 * 1024;

interface LoadRow extends LoadResult {
  size: number;
  scenario: string;
  concurrency: number;
  asked: number;
  requestsPerSecond: number;
  /** requests/s over the floor's requests/s at the same concurrency in the same size's run. */
  ratioToFloor: number;
  /** The server's RSS right after this run, and its heap in use after a full collection then. */
  rssMB: number;
  heapGcMB: number;
  /** How much the store's files grew per unit issued in this run (bot only). */
  storeBytesPerUnit: number;
}

interface RunContext {
  size: number;
  meta: WorldMeta;
  sink: { url: string };
  /** The bot's store directory (not for the floor). */
  storeDir?: string;
}

interface StoreRow {
  size: number;
  relationships: number;
  records: number;
  storeMB: number;
  storeMBAfterLoad: number;
  generateSeconds: number;
  generateWallSeconds: number;
  coldStartMs: number;
  appStartMs: number;
  rssStartMB: number;
  /** Heap in use after a full collection, once listening. */
  heapStartMB: number;
  rssAfterLoadMB: number;
  heapAfterLoadMB: number;
  /** After a full garbage collection: what the bot really holds after the load. */
  rssAfterGcMB: number;
  heapAfterGcMB: number;
  floorRssStartMB: number;
  floorRssAfterLoadMB: number;
  commitP50Ms: number;
  commitP95Ms: number;
  proactiveCalls: number;
}

interface TargetLine {
  met: boolean;
  text: string;
}

const log = (line: string) => process.stderr.write(`${line}\n`);

/** Stands in for the Bot Connector: any call gets 200 and an activity id. */
async function startConnectorSink() {
  let calls = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      calls++;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: randomUUID() }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/_connector/`,
    calls: () => calls,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

interface Child {
  ready: ReadyMessage;
  ask(request: BotRequest): Promise<Record<string, unknown>>;
  stop(): Promise<void>;
}

/** Forks bench/bot-process.js and waits for it to listen; requests go one at a time. */
async function startChild(args: string[]): Promise<Child> {
  const child: ChildProcess = fork(join(HERE, 'bot-process.js'), args, {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    // restify's process.binding warning is noise here; gc() lets the bench tell garbage from what is held.
    execArgv: ['--no-deprecation', '--expose-gc'],
  });
  let exitCode: number | null | undefined;
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code) => {
      exitCode = code;
      resolve();
    }),
  );
  const next = () =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`bot-process ${args[0]} exited (${code})`));
      child.once('exit', onExit);
      child.once('message', (message) => {
        child.off('exit', onExit);
        const answer = message as Record<string, unknown>;
        if (typeof answer.error === 'string') reject(new Error(`bot-process: ${answer.error}`));
        else resolve(answer);
      });
    });
  const ready = (await next()) as unknown as ReadyMessage;
  return {
    ready,
    ask: (request) => {
      const answer = next();
      child.send(request);
      return answer;
    },
    stop: async () => {
      if (exitCode === undefined) child.send({ cmd: 'stop' } satisfies BotRequest);
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
      if (exitCode !== 0) log(`  bot-process ${args[0]} exited with ${exitCode}`);
    },
  };
}

async function generate(size: number, file: string, metaFile: string): Promise<number> {
  const start = performance.now();
  await new Promise<void>((resolve, reject) => {
    const child = fork(join(HERE, 'generate.js'), [String(size), String(SPARES), file, metaFile], {
      stdio: 'inherit',
    });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`generate ${size} exited (${code})`))));
  });
  return (performance.now() - start) / 1000;
}

/** Total bytes of every file under dir: the store may keep logs, hints and locks beside its file. */
function directoryBytes(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((sum, entry) => {
    const path = join(dir, entry.name);
    return sum + (entry.isDirectory() ? directoryBytes(path) : entry.isFile() ? statSync(path).size : 0);
  }, 0);
}

/** Warms the server up, then runs the scenario at each concurrency; write scenarios count their items out. */
async function measure(scenario: Scenario, server: Child, context: RunContext, rows: LoadRow[]) {
  const { size, meta, storeDir } = context;
  const target = { port: server.ready.port, serviceUrl: context.sink.url };
  let consumed = 0;
  const run = async (units: number, concurrency: number) => {
    const first = consumed;
    if (scenario.consumes) consumed += units;
    return runLoad(units, concurrency, scenario.unit(target, meta, first), CAP_MS);
  };
  const warm = await run(WARMUP.units, WARMUP.concurrency);
  if (warm.errors) log(`  ${scenario.name}: ${warm.errors} errors in warm-up, first: ${warm.firstError}`);
  for (const { concurrency, reads, writes } of LEVELS) {
    const asked = scenario.consumes ? writes : reads;
    const bytesBefore = storeDir ? directoryBytes(storeDir) : 0;
    const result = await run(asked, concurrency);
    const storeBytesPerUnit = storeDir ? (directoryBytes(storeDir) - bytesBefore) / Math.max(1, result.issued) : NaN;
    const { rssMB } = (await server.ask({ cmd: 'rss' })) as { rssMB: number };
    const { heapMB: heapGcMB } = (await server.ask({ cmd: 'rss', gc: true })) as { heapMB: number };
    const perUnit = scenario.requestsPerUnit ?? 1;
    const floor = rows.find((r) => r.size === size && r.scenario === FLOOR.name && r.concurrency === concurrency);
    const requestsPerSecond = result.throughput * perUnit;
    rows.push({
      size,
      scenario: scenario.name,
      concurrency,
      asked,
      ...result,
      requestsPerSecond,
      ratioToFloor: floor ? requestsPerSecond / floor.requestsPerSecond : NaN,
      rssMB,
      heapGcMB,
      storeBytesPerUnit,
    });
    log(
      `  ${scenario.name} c${concurrency}: ${result.units}/${asked} in ${result.seconds.toFixed(1)} s, ` +
        `${result.errors} errors${result.capped ? ' (capped)' : ''}, RSS ${rssMB.toFixed(0)} MB, heap ${heapGcMB.toFixed(0)} MB`,
    );
  }
}

const fixed = (value: number | undefined, digits = 1) =>
  value !== undefined && Number.isFinite(value) ? value.toFixed(digits) : '–';
/** One line of a table: a negative width pads on the right (text), a positive one on the left (numbers). */
const table = (cells: (string | number)[], widths: number[]) =>
  cells
    .map((cell, k) => (widths[k]! < 0 ? String(cell).padEnd(-widths[k]!) : String(cell).padStart(widths[k]!)))
    .join(' ');

function printLoadTable(rows: LoadRow[]): void {
  console.log('\nThroughput and latency. Latency is per unit (a journey is 4 turns); ×floor compares requests/s with');
  console.log("the echo bot's at the same concurrency; done = units that succeeded; RSS = the server's after the run,");
  console.log('heap = its heap in use after a full GC then (MB); KB/unit = growth of the store files per unit.');
  const widths = [9, -18, 4, 5, 5, 4, 7, 6, 7, 7, 7, 7, 6, 5, 5, 7];
  const header = ['rels', 'scenario', 'conc', 'asked', 'done', 'err', 'units/s', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms'];
  console.log(table([...header, 'max ms', '×floor', 'RSS', 'heap', 'KB/unit'], widths));
  for (const r of rows) {
    const cells = [
      r.size.toLocaleString('en-US'),
      r.scenario,
      r.concurrency,
      r.asked,
      `${r.units}${r.capped ? '*' : ''}`,
      r.errors,
      fixed(r.throughput, 0),
      fixed(r.requestsPerSecond, 0),
      fixed(r.p50),
      fixed(r.p95),
      fixed(r.p99),
      fixed(r.max),
      fixed(r.ratioToFloor, 2),
      fixed(r.rssMB, 0),
      fixed(r.heapGcMB, 0),
      fixed(r.storeBytesPerUnit / 1024),
    ];
    console.log(table(cells, widths));
    if (r.firstError) console.log(`          ↳ ${r.errors} error(s), first: ${r.firstError}`);
  }
  if (rows.some((r) => r.capped)) console.log(`  * stopped issuing units after ${CAP_MS / 1000} s`);
}

function printStoreTable(rows: StoreRow[]): void {
  console.log('\nStore and bot process (MB; commit = one committed change after the load, sequential)');
  const widths = [9, 8, 7, 7, 6, 7, 6, 9, 10, 8, 6, 7, 8, 8];
  const header = ['rels', 'records', 'store', 'store+', 'gen s', 'cold ms', 'app ms', 'RSS start', 'heap start'];
  console.log(table([...header, 'RSS load', 'RSS gc', 'heap gc', 'commit50', 'commit95'], widths));
  for (const r of rows) {
    const cells = [
      r.size.toLocaleString('en-US'),
      r.records,
      fixed(r.storeMB),
      fixed(r.storeMBAfterLoad),
      fixed(r.generateSeconds),
      fixed(r.coldStartMs, 0),
      fixed(r.appStartMs, 0),
      fixed(r.rssStartMB, 0),
      fixed(r.heapStartMB, 0),
      fixed(r.rssAfterLoadMB, 0),
      fixed(r.rssAfterGcMB, 0),
      fixed(r.heapAfterGcMB, 0),
      fixed(r.commitP50Ms, 2),
      fixed(r.commitP95Ms, 2),
    ];
    console.log(table(cells, widths));
  }
  console.log(
    '  store = files after generating, store+ = after the load; RSS/heap gc = after a full garbage collection',
  );
  const floors = rows.map((r) => `${r.floorRssAfterLoadMB.toFixed(0)} MB at ${r.size.toLocaleString('en-US')}`);
  console.log(`  the echo bot's RSS after its load: ${floors.join(', ')}`);
}

/** The store's targets; a target whose size was not run is left out. Errors in a run fail its target. */
function checkTargets(load: LoadRow[], store: StoreRow[]): TargetLine[] {
  const lines: TargetLine[] = [];
  for (const scenario of [SCENARIOS[0]!.name, SCENARIOS[2]!.name]) {
    const r = load.find((l) => l.size === 10_000 && l.scenario === scenario && l.concurrency === 16);
    if (!r) continue;
    const errors = r.errors ? ` with ${r.errors} errors` : '';
    lines.push({
      met: r.ratioToFloor >= 0.5 && r.errors === 0,
      text: `10,000 relationships, ${scenario} at c16: ${fixed(r.requestsPerSecond, 0)} req/s = ${fixed(r.ratioToFloor, 2)} × floor${errors} (target ≥ 0.5 × floor)`,
    });
    lines.push({
      met: r.p99 < 100 && r.errors === 0,
      text: `10,000 relationships, ${scenario} at c16: p99 ${fixed(r.p99)} ms${errors} (target < 100 ms)`,
    });
  }
  const small = store.find((s) => s.size === 1_000);
  const large = store.find((s) => s.size === 100_000);
  if (small && large) {
    const growth = large.commitP50Ms / small.commitP50Ms;
    lines.push({
      met: growth <= 2,
      text: `commit p50: ${fixed(small.commitP50Ms, 2)} ms at 1,000 → ${fixed(large.commitP50Ms, 2)} ms at 100,000 = ${fixed(growth, 2)}× (target ≤ 2×)`,
    });
  }
  if (large) {
    lines.push({
      met: large.coldStartMs < 2000,
      text: `cold start (open the store) at 100,000: ${fixed(large.coldStartMs, 0)} ms (target < 2,000 ms)`,
    });
    const rss = Math.max(large.rssStartMB, large.rssAfterLoadMB);
    lines.push({
      met: rss < 300,
      text: `RSS at 100,000: ${fixed(large.rssStartMB, 0)} MB after start, ${fixed(large.rssAfterLoadMB, 0)} MB after load (target < 300 MB)`,
    });
  }
  return lines;
}

const began = performance.now();
// Timings on a busy machine mean little: say so (a run is compared with the floor measured alongside it).
const loadBefore = loadavg()[0]!;
if (loadBefore > cpus().length / 2) {
  log(
    `warning: load average ${loadBefore.toFixed(2)} on ${cpus().length} cores before the bench; timings will be noisy`,
  );
}
const sink = await startConnectorSink();
const loadRows: LoadRow[] = [];
const storeRows: StoreRow[] = [];
log(`Partner Desk bench: sizes ${SIZES.join(', ')}; concurrency ${LEVELS.map((l) => l.concurrency).join(', ')}`);

for (const size of SIZES) {
  const dir = mkdtempSync(join(tmpdir(), `partner-desk-bench-${size}-`));
  try {
    const storeDir = join(dir, 'store');
    mkdirSync(storeDir);
    const file = join(storeDir, 'partner-desk.json');
    const metaFile = join(dir, 'meta.json');
    log(`\n${size.toLocaleString('en-US')} relationships: generating (${SPARES} spares)…`);
    const generateWallSeconds = await generate(size, file, metaFile);
    const meta = JSON.parse(readFileSync(metaFile, 'utf8')) as WorldMeta;
    const storeMB = directoryBytes(storeDir) / MB;
    log(`  generated in ${(meta.generateMs / 1000).toFixed(1)} s, ${storeMB.toFixed(1)} MB`);

    const floor = await startChild(['floor']);
    await measure(FLOOR, floor, { size, meta, sink }, loadRows);
    const floorAfter = await floor.ask({ cmd: 'rss' });
    await floor.stop();

    const sinkBefore = sink.calls();
    const bot = await startChild(['bot', file]);
    log(`  bot: store opened in ${fixed(bot.ready.coldStartMs, 0)} ms, app in ${fixed(bot.ready.appStartMs, 0)} ms`);
    for (const scenario of SCENARIOS) await measure(scenario, bot, { size, meta, sink, storeDir }, loadRows);
    const commits = ((await bot.ask({ cmd: 'commit', n: COMMITS })).commitMs as number[]).sort((a, b) => a - b);
    const after = await bot.ask({ cmd: 'rss' });
    const afterGc = await bot.ask({ cmd: 'rss', gc: true });
    await bot.stop();
    storeRows.push({
      size,
      relationships: meta.counts.relationships ?? 0,
      records: Object.values(meta.counts).reduce((a, b) => a + b, 0),
      storeMB,
      storeMBAfterLoad: directoryBytes(storeDir) / MB,
      generateSeconds: meta.generateMs / 1000,
      generateWallSeconds,
      coldStartMs: bot.ready.coldStartMs ?? NaN,
      appStartMs: bot.ready.appStartMs ?? NaN,
      rssStartMB: bot.ready.rssMB,
      heapStartMB: bot.ready.heapMB,
      rssAfterLoadMB: after.rssMB as number,
      heapAfterLoadMB: after.heapMB as number,
      rssAfterGcMB: afterGc.rssMB as number,
      heapAfterGcMB: afterGc.heapMB as number,
      floorRssStartMB: floor.ready.rssMB,
      floorRssAfterLoadMB: floorAfter.rssMB as number,
      commitP50Ms: percentile(commits, 50),
      commitP95Ms: percentile(commits, 95),
      proactiveCalls: sink.calls() - sinkBefore,
    });
    log(`  ${((performance.now() - began) / 1000).toFixed(0)} s so far`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
await sink.close();

printLoadTable(loadRows);
printStoreTable(storeRows);
const targets = checkTargets(loadRows, storeRows);
console.log('\nTargets (reported, not asserted):');
if (targets.length === 0) console.log('  none of the target sizes (10,000 / 100,000 with 1,000) was run');
for (const t of targets) console.log(`  ${t.met ? 'met    ' : 'NOT met'}  ${t.text}`);
const machine = {
  loadAverageBefore: loadBefore,
  loadAverageAfter: loadavg()[0]!,
  cpu: cpus()[0]?.model ?? 'unknown',
  cores: cpus().length,
  memoryGB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
  node: process.version,
  platform: `${process.platform} ${process.arch}`,
};
const seconds = (performance.now() - began) / 1000;
console.log(
  `\n${machine.cores} × ${machine.cpu}, ${machine.memoryGB} GB, Node ${machine.node}; ${seconds.toFixed(0)} s`,
);
writeFileSync(
  join(PROJECT_ROOT, 'bench', 'results.json'),
  `${JSON.stringify({ date: new Date().toISOString(), machine, seconds, sizes: SIZES, levels: LEVELS, capMs: CAP_MS, load: loadRows, store: storeRows, targets }, null, 2)}\n`,
);
