// The load generator: runs a scenario's unit of work (one request, or one whole journey) with `concurrency`
// workers for a bounded number of units, and summarises throughput and latency.
import { performance } from 'node:perf_hooks';

/** One unit of work; throws when the answer is not the one a user would expect. */
export type Unit = (worker: number, i: number) => Promise<void>;

export interface LoadResult {
  /** Units that succeeded (their latencies are the percentiles). */
  units: number;
  /** Units started: fewer than asked when the time cap stopped the run. */
  issued: number;
  capped: boolean;
  errors: number;
  firstError?: string;
  seconds: number;
  /** Successful units per second of the run's wall time. */
  throughput: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentile of an ascending array (NaN when empty). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/**
 * Runs `unit(worker, i)` for i = 0…units-1 on `concurrency` workers, each starting its next unit when its
 * last one ended. Stops issuing new units after `capMs` (units in flight finish). A unit that throws
 * counts as an error, not as a latency.
 */
export async function runLoad(units: number, concurrency: number, unit: Unit, capMs: number): Promise<LoadResult> {
  const times: number[] = [];
  let next = 0;
  let errors = 0;
  let firstError: string | undefined;
  const start = performance.now();
  const worker = async (w: number) => {
    while (next < units && performance.now() - start < capMs) {
      const i = next++;
      const begin = performance.now();
      try {
        await unit(w, i);
        times.push(performance.now() - begin);
      } catch (error) {
        errors++;
        firstError ??= error instanceof Error ? error.message : String(error);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, (_, w) => worker(w)));
  const seconds = (performance.now() - start) / 1000;
  times.sort((a, b) => a - b);
  return {
    units: times.length,
    issued: next,
    capped: next < units,
    errors,
    ...(firstError === undefined ? {} : { firstError }),
    seconds,
    throughput: times.length / seconds,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    max: times.at(-1) ?? NaN,
  };
}
