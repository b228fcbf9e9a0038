// The bench's `--heap` option: after the load at a size, each server child reports its memory (after a full
// collection) and writes a heap snapshot beside the system's temporary files; both are printed once the
// children have stopped, so reading a snapshot never weighs on a measurement.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Child } from './children.js';
import { printMemory, printSnapshot, type MemoryReport } from './heap-summary.js';

export const HEAP = process.argv.includes('--heap');
/** How long V8 is given to hand freed pages back before memory is read again. */
export const SETTLE_MS = 10_000;

export interface HeapReport {
  label: string;
  memory: MemoryReport;
  /** Again after SETTLE_MS and another collection: V8 unmaps freed pages in the background. */
  settled: MemoryReport;
  snapshot: string;
  /** Self size by node type in MB, filled in when printed. */
  byType?: Record<string, number>;
}

/** The child's memory after a full collection. */
export async function memoryReport(child: Child): Promise<MemoryReport> {
  return (await child.ask({ cmd: 'memory', gc: true })) as unknown as MemoryReport;
}

export async function heapReport(child: Child, label: string): Promise<HeapReport> {
  const memory = await memoryReport(child);
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  const settled = await memoryReport(child);
  const file = join(tmpdir(), `partner-desk-${label}-${process.pid}.heapsnapshot`);
  const { file: snapshot } = (await child.ask({ cmd: 'heap-snapshot', file })) as { file: string };
  return { label, memory, settled, snapshot };
}

export function printHeapReport(report: HeapReport): HeapReport {
  printMemory(report.label, report.memory);
  printMemory(`${report.label}, ${SETTLE_MS / 1000} s later`, report.settled);
  return { ...report, byType: printSnapshot(report.label, report.snapshot) };
}
