// The bench's tables and the targets it reports against.
import type { LoadResult } from './load.js';

export interface LoadRow extends LoadResult {
  size: number;
  scenario: string;
  concurrency: number;
  /** This scenario's throughput over the echo bot's, at the same concurrency, in the same run. */
  ratioToFloor: number;
  /** The server's event-loop delay during the run (monitorEventLoopDelay): how long any turn could be held up. */
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
  /**
   * The server process's CPU (user + system) from the run's start to its end, over the units that succeeded.
   * Work a unit leaves behind (an outbox drain still sending) counts where it happens to fall.
   */
  cpuMsPerUnit: number;
  /** What the connector stand-in received over the run (proactive messages, card updates), over the units. */
  sentPerUnit: number;
  /** The expiry guardian's pass that ran alongside, for the scenario that runs during one. */
  guardianMs?: number;
}

export interface StoreRow {
  size: number;
  records: number;
  /** The store's files as generated, and after the load (the log grows with every commit until compacted). */
  storeMB: number;
  storeAfterLoadMB: number;
  generateSeconds: number;
  coldStartMs: number;
  appStartMs: number;
  rssStartMB: number;
  rssAfterLoadMB: number;
  /** After the load and a full garbage collection: what the bot holds, without the heap's slack. */
  rssCollectedMB: number;
  /** Ten seconds later, after another collection: V8 hands freed pages back in the background. */
  rssSettledMB: number;
  heapUsedMB: number;
  /** The V8 heap's capacity after that collection: pages it keeps for the next burst count in RSS. */
  heapTotalMB: number;
  /** The echo bot's, for comparison: what the stack itself holds after the same load. */
  floorRssStartMB: number;
  floorRssAfterLoadMB: number;
  commitP50Ms: number;
  commitP95Ms: number;
}

const fixed = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : '–');

export function printLoadTable(rows: LoadRow[]): void {
  console.log(
    `\n${'relationships'.padStart(13)}  ${'scenario'.padEnd(26)} ${'conc'.padStart(4)} ${'units'.padStart(5)} ${'err'.padStart(4)} ${'units/s'.padStart(8)} ${'p50 ms'.padStart(7)} ${'p95 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'× floor'.padStart(8)} ${'loop p99'.padStart(8)} ${'loop max'.padStart(8)} ${'CPU ms'.padStart(6)} ${'sent'.padStart(4)}`,
  );
  for (const r of rows) {
    console.log(
      `${r.size.toLocaleString('en-US').padStart(13)}  ${r.scenario.padEnd(26)} ${String(r.concurrency).padStart(4)} ${String(r.units).padStart(5)} ${String(r.errors).padStart(4)} ${fixed(r.throughput, 0).padStart(8)} ${fixed(r.p50).padStart(7)} ${fixed(r.p95).padStart(7)} ${fixed(r.p99).padStart(7)} ${fixed(r.ratioToFloor, 2).padStart(8)} ${fixed(r.loopDelayP99Ms).padStart(8)} ${fixed(r.loopDelayMaxMs).padStart(8)} ${fixed(r.cpuMsPerUnit, 2).padStart(6)} ${fixed(r.sentPerUnit, 1).padStart(4)}`,
    );
    if (r.guardianMs !== undefined) console.log(`               guardian pass alongside: ${fixed(r.guardianMs, 0)} ms`);
    if (r.firstError) console.log(`               first error: ${r.firstError}`);
  }
}

export function printStoreTable(rows: StoreRow[]): void {
  console.log(
    `\n${'relationships'.padStart(13)} ${'records'.padStart(8)} ${'store MB'.padStart(9)} ${'after MB'.padStart(8)} ${'generate s'.padStart(10)} ${'cold start ms'.padStart(13)} ${'app start ms'.padStart(12)} ${'RSS start MB'.padStart(12)} ${'RSS after MB'.padStart(12)} ${'collected MB'.padStart(12)} ${'settled MB'.padStart(10)} ${'heap MB'.padStart(7)} ${'commit p50 ms'.padStart(13)} ${'commit p95 ms'.padStart(13)} ${'echo RSS after MB'.padStart(17)}`,
  );
  for (const r of rows) {
    console.log(
      `${r.size.toLocaleString('en-US').padStart(13)} ${String(r.records).padStart(8)} ${fixed(r.storeMB).padStart(9)} ${fixed(r.storeAfterLoadMB).padStart(8)} ${fixed(r.generateSeconds).padStart(10)} ${fixed(r.coldStartMs, 0).padStart(13)} ${fixed(r.appStartMs, 0).padStart(12)} ${fixed(r.rssStartMB, 0).padStart(12)} ${fixed(r.rssAfterLoadMB, 0).padStart(12)} ${fixed(r.rssCollectedMB, 0).padStart(12)} ${fixed(r.rssSettledMB, 0).padStart(10)} ${fixed(r.heapUsedMB, 0).padStart(7)} ${fixed(r.commitP50Ms, 2).padStart(13)} ${fixed(r.commitP95Ms, 2).padStart(13)} ${fixed(r.floorRssAfterLoadMB, 0).padStart(17)}`,
    );
  }
}

export interface TargetCheck {
  met: boolean;
  text: string;
}

/** The targets for the embedded store; a target whose size was not run is left out. */
export function checkTargets(load: LoadRow[], store: StoreRow[]): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const row = (size: number, scenario: string, concurrency: number) =>
    load.find((r) => r.size === size && r.scenario === scenario && r.concurrency === concurrency);
  for (const scenario of ['status <customer>', 'Accept & Authorize']) {
    const r = row(10_000, scenario, 16);
    if (!r) continue;
    checks.push({
      met: r.ratioToFloor >= 0.5 && r.errors === 0,
      text: `10,000 relationships, ${scenario}, concurrency 16: ${fixed(r.throughput, 0)}/s = ${fixed(r.ratioToFloor, 2)} × floor (target ≥ 0.5)`,
    });
    checks.push({
      met: r.p99 < 100,
      text: `10,000 relationships, ${scenario}, concurrency 16: p99 ${fixed(r.p99)} ms (target < 100 ms)`,
    });
  }
  const at100k = load.filter((r) => r.size === 100_000 && r.scenario !== 'floor (echo bot)');
  if (at100k.length > 0) {
    const worst = at100k.reduce((a, b) => (b.loopDelayP99Ms > a.loopDelayP99Ms ? b : a));
    checks.push({
      met: worst.loopDelayP99Ms < 50,
      text: `100,000 relationships, event-loop delay p99 in every scenario: worst ${fixed(worst.loopDelayP99Ms)} ms (${worst.scenario}, concurrency ${worst.concurrency}; target < 50 ms)`,
    });
  }
  for (const scenario of ['status <misspelt name>', 'message-extension search']) {
    const r = row(100_000, scenario, 16);
    if (!r) continue;
    checks.push({
      met: r.p99 < 100 && r.errors === 0,
      text: `100,000 relationships, ${scenario}, concurrency 16: p99 ${fixed(r.p99)} ms, ${r.errors} errors (target < 100 ms)`,
    });
  }
  for (const scenario of ['status <customer>', 'my partners']) {
    const r = row(100_000, scenario, 16);
    if (!r) continue;
    checks.push({
      met: r.ratioToFloor >= 0.5 && r.errors === 0,
      text: `100,000 relationships, ${scenario}, concurrency 16: ${fixed(r.ratioToFloor, 2)} × floor (target ≥ 0.5)`,
    });
  }
  const small = store.find((s) => s.size === 1_000);
  const large = store.find((s) => s.size === 100_000);
  if (small && large) {
    const growth = large.commitP50Ms / small.commitP50Ms;
    checks.push({
      met: growth <= 2,
      text: `one committed change: ${fixed(small.commitP50Ms, 2)} ms at 1,000 → ${fixed(large.commitP50Ms, 2)} ms at 100,000 = ${fixed(growth, 2)}× (target ≤ 2×)`,
    });
  }
  if (large) {
    checks.push({
      met: large.coldStartMs < 2000,
      text: `cold start at 100,000: ${fixed(large.coldStartMs, 0)} ms (target < 2,000 ms)`,
    });
    // What the bot holds once the load is over; the figures at the end of the burst, garbage included, beside it.
    const held = Math.max(large.rssStartMB, large.rssSettledMB);
    checks.push({
      met: held < 300,
      text: `RSS at 100,000: ${fixed(held, 0)} MB held (the larger of after start and 10 s after the load, collected); at the end of the load ${fixed(large.rssAfterLoadMB, 0)} MB, ${fixed(large.rssCollectedMB, 0)} MB right after a full collection (target < 300 MB)`,
    });
  }
  return checks;
}
