// `npm run bench -- --soak <minutes>`: mixed turns at one size (BENCH_SOAK_SIZE, 10,000 relationships by
// default) for that long, the bot's RSS and heap printed every minute (after a full collection, so what is
// printed is what stays held), then a growth verdict. Writes bench/soak.json.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../src/paths.js';
import { generate, startChild, startSinkChild, stopChild } from './children.js';
import { runLoad } from './load.js';
import { SCENARIOS, openPersonalChats, type WorldFacts } from './scenarios.js';

const CONCURRENCY = 8;
/** Fresh invitations for Accept & Authorize: one unit in this many is one, while they last. */
const ACCEPT_EVERY = 10;
/** Spare invitations never accepted: the `pending` list's page 2 must still exist when the others are used up. */
const PENDING_KEPT = 50;
const SPARES = 4_000;
const MINUTE_MS = 60_000;

interface Sample {
  minute: number;
  units: number;
  errors: number;
  rssMB: number;
  collectedRssMB: number;
  heapUsedMB: number;
  /** Records in the store (embedded): it grows by a ledger entry per turn, kept a day, and by what turns add. */
  records: number;
  loopMaxMs: number;
  load1: number;
}

/** Least-squares slope of `of` per minute, from the second minute on (the first warms caches up). */
function slope(samples: Sample[], of: (s: Sample) => number): number {
  const xs = samples.map((s) => s.minute);
  const ys = samples.map(of);
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  const num = xs.reduce((sum, x, i) => sum + (x - mx) * (ys[i]! - my), 0);
  const den = xs.reduce((sum, x) => sum + (x - mx) ** 2, 0);
  return den === 0 ? 0 : num / den;
}

export async function soak(minutes: number, size: number): Promise<void> {
  if (!Number.isFinite(minutes) || minutes < 1) throw new Error('--soak <minutes>: 1 or more');
  const dir = mkdtempSync(join(tmpdir(), `partner-desk-soak-${size}-`));
  const sink = await startSinkChild();
  try {
    const file = join(dir, 'store.json');
    const metaFile = join(dir, 'meta.json');
    await generate(size, SPARES, file, metaFile);
    const facts = JSON.parse(readFileSync(metaFile, 'utf8')) as WorldFacts;
    const bot = await startChild(['bot', file]);
    const target = { port: bot.ready.port!, serviceUrl: sink.url };
    await openPersonalChats(target, facts);
    const accept = SCENARIOS.find((s) => s.name === 'Accept & Authorize')!.unit(target, facts);
    const reads = SCENARIOS.filter((s) => !s.consumes && !s.duringGuardianPass).map((s) => s.unit(target, facts));
    let accepted = 0;
    const unit = (worker: number, n: number) =>
      n % ACCEPT_EVERY === 0 && accepted < facts.pendingAccepts.length - PENDING_KEPT
        ? accept(worker, accepted++)
        : reads[n % reads.length]!(worker, Math.floor(n / reads.length));
    console.log(`Soak: ${size} relationships, ${minutes} min of mixed turns at concurrency ${CONCURRENCY}`);
    console.log('minute  units  errors  RSS MB  RSS after GC  heap used MB  loop max ms  records  load');
    const samples: Sample[] = [];
    let issued = 0;
    for (let minute = 1; minute <= minutes; minute++) {
      await bot.ask({ cmd: 'delay-reset' });
      const base = issued;
      const result = await runLoad(1e9, CONCURRENCY, (w, n) => unit(w, base + n), MINUTE_MS);
      issued += result.issued;
      const delay = (await bot.ask({ cmd: 'delay' })) as { maxMs: number };
      const memory = (await bot.ask({ cmd: 'rss' })) as Record<string, number>;
      const sample: Sample = {
        minute,
        units: result.units,
        errors: result.errors,
        rssMB: memory.rssMB!,
        collectedRssMB: memory.collectedRssMB!,
        heapUsedMB: memory.heapUsedMB!,
        records: memory.records ?? 0,
        loopMaxMs: delay.maxMs,
        load1: loadavg()[0]!,
      };
      samples.push(sample);
      console.log(
        [
          minute,
          result.units,
          result.errors,
          sample.rssMB,
          sample.collectedRssMB,
          sample.heapUsedMB,
          delay.maxMs,
          sample.records,
        ]
          .map((v, i) => (i < 3 ? String(v) : v.toFixed(0)).padStart(i === 0 ? 6 : 7))
          .join('  ') + `  ${sample.load1.toFixed(1)}${result.firstError ? `  first error: ${result.firstError}` : ''}`,
      );
    }
    await stopChild(bot);
    const settled = samples.slice(1);
    const perMinute = settled.length > 1 ? slope(settled, (x) => x.heapUsedMB) : 0;
    const recordsPerMinute = settled.length > 1 ? slope(settled, (x) => x.records) : 0;
    // What the store holds in memory for a record (its place and index entries) is its own, by design.
    const bytesPerRecord = recordsPerMinute > 0 ? (perMinute * 1048576) / recordsPerMinute : undefined;
    const growth = perMinute * 60;
    const verdict = growth < 5 ? 'no growth' : `grows about ${growth.toFixed(0)} MB an hour`;
    console.log(
      `\nHeap in use after a full collection: ${perMinute.toFixed(2)} MB a minute from minute 2 on (${verdict}),` +
        ` while the store gained ${recordsPerMinute.toFixed(0)} records a minute` +
        (bytesPerRecord === undefined ? '.' : `: ${bytesPerRecord.toFixed(0)} bytes of heap per record added.`),
    );
    writeFileSync(
      join(PROJECT_ROOT, 'bench', 'soak.json'),
      `${JSON.stringify({ date: new Date().toISOString(), size, minutes, concurrency: CONCURRENCY, accepted, samples, heapSlopeMBPerMinute: perMinute, recordsPerMinute, bytesPerRecord, verdict }, null, 2)}\n`,
    );
  } finally {
    await sink.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
