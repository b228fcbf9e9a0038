// The bench's `--heap` option: after the load at a size, each server child reports its memory (after a full
// collection) and writes a heap snapshot beside the system's temporary files; both are printed once the
// children have stopped, so reading a snapshot never weighs on a measurement.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Child } from './children.js';
import { printMemory, printSnapshot, type MemoryReport } from './heap-summary.js';

export const HEAP = process.argv.includes('--heap');

export interface HeapReport {
  label: string;
  memory: MemoryReport;
  snapshot: string;
  /** Self size by node type in MB, filled in when printed. */
  byType?: Record<string, number>;
}

export async function heapReport(child: Child, label: string): Promise<HeapReport> {
  const memory = (await child.ask({ cmd: 'memory', gc: true })) as unknown as MemoryReport;
  const file = join(tmpdir(), `partner-desk-${label}-${process.pid}.heapsnapshot`);
  const { file: snapshot } = (await child.ask({ cmd: 'heap-snapshot', file })) as { file: string };
  return { label, memory, snapshot };
}

export function printHeapReport(report: HeapReport): HeapReport {
  printMemory(report.label, report.memory);
  return { ...report, byType: printSnapshot(report.label, report.snapshot) };
}
