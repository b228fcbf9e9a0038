// `npm run bench`: Partner Desk's turn cost against the framework's own floor, and how the embedded store
// grows, at generated stores of 1,000 / 10,000 / 100,000 relationships (BENCH_SIZES to choose).
// `--store postgres` runs the same on a throwaway PostgreSQL server it starts itself; `--instances N` runs
// N bot processes on that one database, requests spread over them.
// Prints tables and writes bench/results.json. Timings are reported against targets, never asserted.
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createHash } from 'node:crypto';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { PROJECT_ROOT } from '../src/paths.js';
import { startThrowawayPostgres, stopThrowawayPostgres } from '../src/tools/throwaway-postgres.js';
import { percentile, runLoad, type LoadResult, type Unit } from './load.js';
import { FLOOR, SCENARIOS, openPersonalChats, type Scenario, type Target, type WorldFacts } from './scenarios.js';
import { generate, startChild, startSinkChild, stopChild, type Child } from './children.js';
import { HEAP, SETTLE_MS, heapReport, memoryReport, printHeapReport, type HeapReport } from './heap-report.js';
import { printMemory } from './heap-summary.js';
import { soak } from './soak.js';
import { checkTargets, printLoadTable, printStoreTable, type LoadRow, type StoreRow } from './report.js';

if (process.argv.includes('--help') || process.argv.includes('-h')) {
  console.log(
    [
      'npm run bench [-- --store embedded|postgres] [--instances N]',
      '  --store      embedded (default) or postgres: a throwaway PostgreSQL started from the installed binaries',
      '  --instances  N bot processes on the one database, requests spread round-robin (postgres only; default 1)',
      '  --heap       after the load at each size: memory figures and a heap snapshot of the bot and the echo bot',
      '  BENCH_SIZES  relationships per generated store, comma-separated (default 1000,10000,100000)',
      '  BENCH_SCENARIOS  comma-separated words: only the scenarios whose names hold one (the floor always runs)',
      '  BENCH_NODE_FLAGS  extra node flags for the bot processes',
      '  BENCH_STORE_CACHE  a directory keeping generated embedded stores per size (copied for each run)',
      'Writes bench/results.json (embedded) or bench/results-postgres-<N>.json.',
    ].join('\n'),
  );
  process.exit(0);
}
const SIZES = (process.env.BENCH_SIZES ?? '1000,10000,100000').split(',').map(Number);
/** BENCH_SCENARIOS: run only the scenarios whose names contain one of these words (the floor always runs). */
const ONLY = (process.env.BENCH_SCENARIOS ?? '')
  .split(',')
  .map((w) => w.trim().toLowerCase())
  .filter(Boolean);
const chosen = (scenario: Scenario) => ONLY.length === 0 || ONLY.some((w) => scenario.name.toLowerCase().includes(w));
const option = (name: string) => {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
};
const STORE = option('--store') ?? 'embedded';
const INSTANCES = Number(option('--instances') ?? 1);
if (STORE !== 'embedded' && STORE !== 'postgres') throw new Error(`--store ${STORE}: embedded or postgres`);
if (!Number.isInteger(INSTANCES) || INSTANCES < 1) throw new Error(`--instances ${option('--instances')}: 1 or more`);
if (STORE === 'embedded' && INSTANCES > 1)
  throw new Error('The embedded store is one process: --instances needs --store postgres');
if (option('--soak') !== undefined) {
  await soak(Number(option('--soak')), Number(process.env.BENCH_SOAK_SIZE ?? 10_000));
  process.exit(0);
}
/** Units per run: reads are single requests, writes consume a fresh invitation or customer each. */
const LEVELS = [
  { concurrency: 1, reads: 100, writes: 50 },
  { concurrency: 16, reads: 320, writes: 160 },
  { concurrency: 64, reads: 640, writes: 320 },
];
const WARMUP = { reads: 20, writes: 10 };
const SPARES = WARMUP.writes + LEVELS.reduce((sum, level) => sum + level.writes, 0) + 20;
/** No run may take longer than this: it stops issuing units and reports what it did. */
const CAP_MS = 20_000;

/** An empty database of its own on the bench's server, for one size. */
async function createDatabase(serverUrl: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function databaseMB(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ bytes: string }>('SELECT pg_database_size(current_database()) AS bytes');
    return Number(rows[0]!.bytes) / 1024 / 1024;
  } finally {
    await client.end();
  }
}

const directoryBytes = (dir: string, except: string) =>
  readdirSync(dir)
    .filter((name) => name !== except)
    .reduce((sum, name) => sum + statSync(join(dir, name)).size, 0);

/**
 * The world of one size into `dir`. Generating 100,000 relationships takes minutes, so with BENCH_STORE_CACHE
 * (embedded store only) it is generated once per size and day (its dates are relative to the day it was made)
 * and copied: a run changes its store, the cached copy stays as generated.
 */
async function generateOrCopy(size: number, dir: string, databaseUrl?: string): Promise<void> {
  const cacheRoot = process.env.BENCH_STORE_CACHE;
  if (!cacheRoot || databaseUrl)
    return generate(size, SPARES, join(dir, 'store.json'), join(dir, 'meta.json'), databaseUrl);
  // A store generated by other code for the world is not this world: the cache is keyed by that code too.
  const code = ['world.js', 'generate-store.js'].map((file) => readFileSync(join(import.meta.dirname, file)));
  const version = createHash('sha256').update(Buffer.concat(code)).digest('hex').slice(0, 12);
  const cached = join(cacheRoot, `${size}-${SPARES}-${new Date().toISOString().slice(0, 10)}-${version}`);
  if (!existsSync(join(cached, 'meta.json'))) {
    rmSync(cached, { recursive: true, force: true });
    mkdirSync(cached, { recursive: true });
    await generate(size, SPARES, join(cached, 'store.json'), join(cached, 'meta.json'));
  }
  cpSync(cached, dir, { recursive: true });
}

/** One scenario against one server: the units of a run are counted out so consuming scenarios never reuse an item. */
class ScenarioRun {
  private consumed = 0;
  private readonly unit: Unit;

  constructor(
    readonly scenario: Scenario,
    target: Target,
    facts: WorldFacts,
  ) {
    this.unit = scenario.unit(target, facts);
  }

  run(units: number, concurrency: number): Promise<LoadResult> {
    const base = this.consumed;
    if (this.scenario.consumes) this.consumed += units;
    return runLoad(units, concurrency, (worker, n) => this.unit(worker, base + n), CAP_MS);
  }

  warmUp(): Promise<LoadResult> {
    return this.run(this.scenario.consumes ? WARMUP.writes : WARMUP.reads, 4);
  }

  unitsAt(level: (typeof LEVELS)[number]): number {
    return this.scenario.consumes ? level.writes : level.reads;
  }
}

const sink = await startSinkChild();
const loadRows: LoadRow[] = [];
const storeRows: StoreRow[] = [];
const heapRows: { size: number; bot: HeapReport; floor: HeapReport }[] = [];
const began = Date.now();
// Timings on a machine that is already busy say more about the other work than about the bot.
const [load1] = loadavg();
if (load1! > cpus().length / 2) {
  console.warn(
    `Warning: load average ${load1!.toFixed(2)} on ${cpus().length} cores before starting; numbers will be noisy.`,
  );
}
console.log(
  `Partner Desk bench: ${STORE} store, ${INSTANCES} instance(s); sizes ${SIZES.join(', ')}; concurrency ${LEVELS.map((l) => l.concurrency).join(', ')}\n`,
);
const server = STORE === 'postgres' ? await startThrowawayPostgres() : undefined;

try {
  for (const size of SIZES) {
    const dir = mkdtempSync(join(tmpdir(), `partner-desk-bench-${size}-`));
    try {
      const file = join(dir, 'store.json');
      const metaFile = join(dir, 'meta.json');
      const databaseUrl = server ? await createDatabase(server.url, `bench_${size}`) : undefined;
      await generateOrCopy(size, dir, databaseUrl);
      const storeMB = () =>
        databaseUrl ? databaseMB(databaseUrl) : Promise.resolve(directoryBytes(dir, 'meta.json') / 1024 / 1024);
      const generatedMB = await storeMB();
      const meta = JSON.parse(readFileSync(metaFile, 'utf8')) as WorldFacts & {
        counts: Record<string, number>;
        seconds: number;
      };
      // Both servers run side by side; at each concurrency the floor is measured right before the scenarios,
      // so a noisy moment on the machine weighs on both.
      const floor = await startChild(['floor']);
      const bots: Child[] = [];
      for (let i = 0; i < INSTANCES; i++) bots.push(await startChild(['bot', databaseUrl ?? file]));
      const bot = bots[0]!;
      // Before any load: what the store and the app hold once started, against what the load leaves.
      const botAtStart = HEAP ? await memoryReport(bot) : undefined;
      const ports = bots.map((b) => b.ready.port!);
      // One committed change, measured while the bot is idle: the store's own cost, not the queue behind a load.
      const commits = ((await bot.ask({ cmd: 'commit', n: 50 })).commit as number[]).sort((a, b) => a - b);
      const floorRun = new ScenarioRun(FLOOR, { port: floor.ready.port!, serviceUrl: sink.url }, meta);
      const runs = SCENARIOS.filter(chosen).map(
        (s) => new ScenarioRun(s, { port: ports[0]!, ports, serviceUrl: sink.url }, meta),
      );
      await openPersonalChats({ port: ports[0]!, serviceUrl: sink.url }, meta);
      for (const run of [floorRun, ...runs]) await run.warmUp();
      for (const level of LEVELS) {
        await floor.ask({ cmd: 'delay-reset' });
        const floorResult = await floorRun.run(floorRun.unitsAt(level), level.concurrency);
        const floorDelay = await floor.ask({ cmd: 'delay' });
        for (const run of [floorRun, ...runs]) {
          if (run !== floorRun) await bot.ask({ cmd: 'delay-reset' });
          if (run.scenario.duringGuardianPass) await bot.ask({ cmd: 'guardian-start' });
          const sentBefore = await sink.received();
          const result = run === floorRun ? floorResult : await run.run(run.unitsAt(level), level.concurrency);
          const guardianMs = run.scenario.duringGuardianPass
            ? ((await bot.ask({ cmd: 'guardian-wait' })).guardianMs as number)
            : undefined;
          const delay = (run === floorRun ? floorDelay : await bot.ask({ cmd: 'delay' })) as {
            p99Ms: number;
            maxMs: number;
            cpuMs: number;
          };
          loadRows.push({
            loopDelayP99Ms: delay.p99Ms,
            loopDelayMaxMs: delay.maxMs,
            cpuMsPerUnit: delay.cpuMs / Math.max(1, result.units),
            sentPerUnit: run === floorRun ? 0 : ((await sink.received()) - sentBefore) / Math.max(1, result.units),
            ...(guardianMs === undefined ? {} : { guardianMs }),
            size,
            scenario: run.scenario.name,
            concurrency: level.concurrency,
            ...result,
            ratioToFloor: result.throughput / floorResult.throughput,
          });
        }
      }
      const floorRssMB = (await floor.ask({ cmd: 'rss' })).rssMB as number;
      const floorHeap = HEAP ? await heapReport(floor, `${size}-floor`) : undefined;
      await stopChild(floor);
      const afterLoad = (await bot.ask({ cmd: 'rss' })) as Record<string, number>;
      await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
      const settled = (await bot.ask({ cmd: 'rss' })) as Record<string, number>;
      const botHeap = HEAP ? await heapReport(bot, `${size}-bot`) : undefined;
      for (const b of bots) await stopChild(b);
      if (botAtStart) printMemory(`${size}-bot after start (before the load, after a full collection)`, botAtStart);
      if (botHeap && floorHeap)
        heapRows.push({ size, bot: printHeapReport(botHeap), floor: printHeapReport(floorHeap) });
      storeRows.push({
        size,
        records: Object.values(meta.counts).reduce((a, b) => a + b, 0),
        storeMB: generatedMB,
        storeAfterLoadMB: await storeMB(),
        generateSeconds: meta.seconds,
        coldStartMs: bot.ready.coldStartMs!,
        appStartMs: bot.ready.appStartMs!,
        rssStartMB: bot.ready.rssMB!,
        rssAfterLoadMB: afterLoad.rssMB!,
        rssCollectedMB: afterLoad.collectedRssMB!,
        rssSettledMB: settled.collectedRssMB!,
        heapUsedMB: afterLoad.heapUsedMB!,
        heapTotalMB: afterLoad.heapTotalMB!,
        floorRssStartMB: floor.ready.rssMB!,
        floorRssAfterLoadMB: floorRssMB,
        commitP50Ms: percentile(commits, 50),
        commitP95Ms: percentile(commits, 95),
      });
      const order = [FLOOR, ...SCENARIOS].map((x) => x.name);
      printLoadTable(
        loadRows
          .filter((row) => row.size === size)
          .sort((a, b) => order.indexOf(a.scenario) - order.indexOf(b.scenario) || a.concurrency - b.concurrency),
      );
      printStoreTable(storeRows.slice(-1));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
} finally {
  if (server) stopThrowawayPostgres(server.dir);
}
await sink.close();

const targets = checkTargets(loadRows, storeRows);
console.log('\nTargets (reported, not asserted):');
for (const target of targets) console.log(`  ${target.met ? 'met    ' : 'NOT met'}  ${target.text}`);
const machine = {
  cpu: cpus()[0]?.model ?? 'unknown',
  cores: cpus().length,
  memoryGB: Math.round(totalmem() / 1024 ** 3),
  node: process.version,
  platform: `${process.platform} ${process.arch}`,
  loadAverageAtStart: load1,
  store: STORE,
  instances: INSTANCES,
};
console.log(
  `\n${machine.cores} × ${machine.cpu}, ${machine.memoryGB} GB, Node ${machine.node}; ${((Date.now() - began) / 1000).toFixed(0)} s in all`,
);
writeFileSync(
  join(PROJECT_ROOT, 'bench', STORE === 'embedded' ? 'results.json' : `results-${STORE}-${INSTANCES}.json`),
  `${JSON.stringify({ date: new Date().toISOString(), machine, seconds: (Date.now() - began) / 1000, load: loadRows, store: storeRows, targets, ...(HEAP ? { heap: heapRows } : {}) }, null, 2)}\n`,
);
