// The kernel's view of a process's memory (Linux), for `npm run bench -- --heap`: what of the RSS the V8 heap
// explains and what malloc holds. Elsewhere it is empty: memoryUsage and the heap spaces still say most of it.
import { readFileSync } from 'node:fs';

/** glibc gives each thread arena a 64 MB-aligned reservation of 64 MB (HEAP_MAX_SIZE on 64-bit). */
const ARENA = 64 * 1024 * 1024;

interface Mapping {
  start: number;
  end: number;
  perms: string;
  name: string;
  rssKB: number;
}

function mappings(): Mapping[] {
  const found: Mapping[] = [];
  for (const line of readFileSync('/proc/self/smaps', 'utf8').split('\n')) {
    const head = /^([0-9a-f]+)-([0-9a-f]+) (\S+) \S+ \S+ \d+\s*(.*)$/.exec(line);
    if (head)
      found.push({
        start: parseInt(head[1]!, 16),
        end: parseInt(head[2]!, 16),
        perms: head[3]!,
        name: head[4]!,
        rssKB: 0,
      });
    const rss = /^Rss:\s+(\d+) kB$/.exec(line);
    if (rss && found.length > 0) found[found.length - 1]!.rssKB = Number(rss[1]);
  }
  return found;
}

/**
 * kB from /proc/self/status (VmRSS, RssAnon, RssFile) and resident kB by kind of mapping: `[heap]` is
 * malloc's main arena (brk), `malloc arenas` other threads' arenas (a 64 MB-aligned region of 64 MB),
 * `anonymous` the rest: V8's pages, typed arrays and other large mallocs (mmapped one by one).
 */
export function kernelMemory(): Record<string, number> {
  try {
    const status = readFileSync('/proc/self/status', 'utf8');
    const figures: Record<string, number> = Object.fromEntries(
      [...status.matchAll(/^(VmRSS|RssAnon|RssFile):\s+(\d+) kB$/gm)].map((m) => [m[1]!, Number(m[2])]),
    );
    const all = mappings();
    all.forEach((m, i) => {
      const next = all[i + 1];
      const reserved = next && next.start === m.end && next.perms.startsWith('---') ? next.end : m.end;
      const arena = m.name === '' && m.start % ARENA === 0 && reserved - m.start === ARENA;
      const kind = arena ? 'malloc arenas' : m.name === '' ? 'anonymous' : m.name.startsWith('[') ? m.name : 'files';
      if (m.rssKB > 0) figures[kind] = (figures[kind] ?? 0) + m.rssKB;
    });
    return figures;
  } catch {
    return {};
  }
}
