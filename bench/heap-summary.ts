// `npm run bench -- --heap`: what a server child's memory is made of after the load. The child reports
// process.memoryUsage(), the V8 heap's spaces and the kernel's view (/proc/self/status), and writes a heap
// snapshot; this prints those and, from the snapshot, self size per type and constructor and the objects
// that retain the most.
import { readHeapSnapshot } from './heap-snapshot.js';

export interface MemoryReport {
  usage: NodeJS.MemoryUsage;
  /** v8.getHeapStatistics(): malloced_memory is V8's own malloc (compiler zones, GC worklists), outside the spaces. */
  heap: { total_physical_size: number; malloced_memory: number; peak_malloced_memory: number };
  spaces: { space_name: string; space_size: number; space_used_size: number; physical_space_size: number }[];
  /** kB from /proc/self/status: VmRSS, RssAnon, RssFile, RssShmem (empty off Linux). */
  kernel: Record<string, number>;
}

const mb = (bytes: number) => (bytes / 1048576).toFixed(1).padStart(8);

export function printMemory(label: string, report: MemoryReport): void {
  const { rss, heapTotal, heapUsed, external, arrayBuffers } = report.usage;
  console.log(`\n${label}: memoryUsage (MB)`);
  console.log(
    `  rss ${mb(rss)}  heapTotal ${mb(heapTotal)}  heapUsed ${mb(heapUsed)}  external ${mb(external)}  arrayBuffers ${mb(arrayBuffers)}`,
  );
  const { malloced_memory: malloced, peak_malloced_memory: peak } = report.heap;
  console.log(`  V8's own malloc ${mb(malloced).trim()} MB (peak ${mb(peak).trim()} MB)`);
  const kernel = Object.entries(report.kernel).map(([k, v]) => `${k} ${mb(v * 1024)}`);
  if (kernel.length > 0) console.log(`  kernel: ${kernel.join('  ')}`);
  console.log(`  ${'V8 space'.padEnd(24)} ${'size MB'.padStart(8)} ${'used MB'.padStart(8)} ${'resident'.padStart(8)}`);
  let resident = 0;
  for (const s of report.spaces) {
    resident += s.physical_space_size;
    console.log(
      `  ${s.space_name.padEnd(24)} ${mb(s.space_size)} ${mb(s.space_used_size)} ${mb(s.physical_space_size)}`,
    );
  }
  console.log(
    `  V8 heap resident ${mb(resident).trim()} MB; RSS outside it (external, malloc, code, binary) ${mb(rss - resident).trim()} MB`,
  );
}

/** Prints the snapshot's summary and returns its totals by node type (MB), for the bench's results. */
export function printSnapshot(label: string, file: string, top = 25): Record<string, number> {
  const began = Date.now();
  const snapshot = readHeapSnapshot(file);
  const byType = new Map<string, number>();
  const byConstructor = new Map<string, { size: number; count: number }>();
  let total = 0;
  for (let n = 0; n < snapshot.nodeCount; n++) {
    const type = snapshot.type(n);
    const size = snapshot.selfSize(n);
    total += size;
    byType.set(type, (byType.get(type) ?? 0) + size);
    // Strings are grouped by kind, not by their text; objects by constructor.
    const key =
      type.includes('string') || type === 'number' ? `(${type})` : `${snapshot.name(n).slice(0, 60)} (${type})`;
    const entry = byConstructor.get(key) ?? { size: 0, count: 0 };
    entry.size += size;
    entry.count++;
    byConstructor.set(key, entry);
  }
  console.log(
    `\n${label}: heap snapshot ${file} — ${snapshot.nodeCount.toLocaleString('en-US')} nodes, ${mb(total).trim()} MB self size in all (read in ${((Date.now() - began) / 1000).toFixed(1)} s)`,
  );
  console.log('  self size by node type:');
  for (const [type, size] of [...byType].sort((a, b) => b[1] - a[1]))
    console.log(`    ${type.padEnd(22)} ${mb(size)} MB`);
  console.log(`  top ${top} by self size (constructor or kind):`);
  for (const [key, { size, count }] of [...byConstructor].sort((a, b) => b[1].size - a[1].size).slice(0, top))
    console.log(`    ${mb(size)} MB  ${String(count).padStart(9)} ×  ${key}`);
  console.log(`  top ${top} retainers (retained MB, self MB, the object, and the chain of dominators above it):`);
  const candidates: number[] = [];
  for (let n = 0; n < snapshot.nodeCount; n++) if (snapshot.type(n) !== 'synthetic') candidates.push(n);
  candidates.sort((a, b) => snapshot.retained[b]! - snapshot.retained[a]!);
  for (const n of candidates.slice(0, top)) {
    const chain: string[] = [];
    for (let at = n, up = snapshot.dominator[n]!; chain.length < 4 && up !== at; at = up, up = snapshot.dominator[up]!)
      chain.push(`${snapshot.name(up).slice(0, 30) || snapshot.type(up)}.${snapshot.edgeName(up, at) ?? '…'}`);
    console.log(
      `    ${mb(snapshot.retained[n]!)} ${mb(snapshot.selfSize(n))}  ${snapshot.name(n).slice(0, 40)} (${snapshot.type(n)}) ← ${chain.join(' ← ')}`,
    );
  }
  return Object.fromEntries([...byType].map(([type, size]) => [type, size / 1048576]));
}
