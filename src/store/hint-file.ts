import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { writeDurably } from './durable-file-adapter.js';
import { ORDERED_INDEXES } from './ordered-indexes.js';
import { INDEXES, StoreFileError } from './store.js';
import { keyHash, type Table } from './table.js';

/**
 * A hint file lets the store open without reading the log: where every live record lies and every index
 * entry, as of `covers` bytes of the log. It is derived data: without it (or when it does not match the
 * log) the store reads the whole log instead.
 */
/** Bumped whenever the hint's layout changes; a hint of another layout is not used. */
const HINT_FORMAT = 'partner-desk-store-hint/3';

interface HintHeader {
  hint: typeof HINT_FORMAT;
  generation: number;
  covers: number;
  /** Which indexes (names and key functions) the hint holds; a hint from other code is not used. */
  indexes: number;
}
type HintLine =
  | { c: string; from: number; ids: (string | null)[]; o: number[]; l: number[]; v: number[] }
  | { c: string; ix: string; e: number[] }
  /** An ordered index's per-slot times (null: none) and group checks, from slot `from` on. */
  | { c: string; ox: string; from: number; t: (number | null)[]; k: number[] };

const PER_LINE = 5000;

/** Changes whenever an index is added, removed or computed differently, or an ordered one places its keys differently. */
export function indexSignature(
  indexes: Record<string, Record<string, (record: never) => string[]>>,
  ordered: Record<string, Record<string, (at: string) => number>> = {},
): number {
  const named = (of: Record<string, Record<string, (x: never) => unknown>>) =>
    Object.entries(of).map(([c, ix]) => [c, Object.entries(ix).map(([n, fn]) => [n, String(fn)])]);
  return keyHash(JSON.stringify([named(indexes), named(ordered)]));
}

/** This code's indexes: a hint written for others is not used (the log is read and they are built anew). */
export const INDEX_SIGNATURE = indexSignature(INDEXES, ORDERED_INDEXES);

function* hintLines(
  generation: number,
  covers: number,
  indexes: number,
  tables: ReadonlyMap<string, Table>,
): Generator<string> {
  const header: HintHeader = { hint: HINT_FORMAT, generation, covers, indexes };
  yield `${JSON.stringify(header)}\n`;
  for (const [c, table] of tables) {
    const { ids, offsets, lengths, versions, indexes, ordered } = table.export();
    for (let from = 0; from < ids.length; from += PER_LINE) {
      const to = from + PER_LINE;
      const line: HintLine = {
        c,
        from,
        ids: ids.slice(from, to),
        o: offsets.slice(from, to),
        l: lengths.slice(from, to),
        v: versions.slice(from, to),
      };
      yield `${JSON.stringify(line)}\n`;
    }
    for (const [ix, pairs] of Object.entries(indexes)) {
      for (let i = 0; i < pairs.length; i += 2 * PER_LINE) {
        const line: HintLine = { c, ix, e: pairs.slice(i, i + 2 * PER_LINE) };
        yield `${JSON.stringify(line)}\n`;
      }
    }
    for (const [ox, { times, checks }] of Object.entries(ordered)) {
      const perSlot = checks.length / Math.max(1, times.length);
      for (let from = 0; from < times.length; from += PER_LINE) {
        const to = from + PER_LINE;
        const line: HintLine = { c, ox, from, t: times.slice(from, to), k: checks.slice(from * perSlot, to * perSlot) };
        yield `${JSON.stringify(line)}\n`;
      }
    }
  }
}

export async function writeHint(
  path: string,
  generation: number,
  covers: number,
  indexes: number,
  tables: ReadonlyMap<string, Table>,
): Promise<void> {
  await writeDurably(path, hintLines(generation, covers, indexes, tables));
}

/**
 * Loads the hint into the (empty) tables and returns the log offset it covers, or undefined when there is
 * no usable hint; the tables may then be partly filled and must be discarded. A log shorter than its own
 * generation's hint says lost acknowledged commits: StoreFileError, whatever the hint's layout.
 */
export async function readHint(
  path: string,
  generation: number,
  logSize: number,
  indexes: number,
  tables: ReadonlyMap<string, Table>,
  logPath: string,
): Promise<number | undefined> {
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  let covers: number | undefined;
  try {
    for await (const text of lines) {
      if (covers === undefined) {
        const header = JSON.parse(text) as Partial<HintHeader>;
        if (header.generation === generation && typeof header.covers === 'number' && header.covers > logSize) {
          throw new StoreFileError(
            logPath,
            `it is ${logSize} bytes long, but its hint ${path} says it held at least ${header.covers}: commits are missing`,
          );
        }
        if (header.hint !== HINT_FORMAT || header.generation !== generation || header.indexes !== indexes) {
          return undefined;
        }
        if (typeof header.covers !== 'number' || header.covers > logSize) return undefined;
        covers = header.covers;
        continue;
      }
      const line = JSON.parse(text) as HintLine;
      const table = tables.get(line.c);
      if (!table) return undefined;
      if ('ix' in line) table.importIndex(line.ix, line.e);
      else if ('ox' in line) table.importOrderedSlots(line.ox, line.from, { times: line.t, checks: line.k });
      else table.importSlots(line.from, { ids: line.ids, offsets: line.o, lengths: line.l, versions: line.v });
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || error instanceof SyntaxError) return undefined;
    throw error;
  } finally {
    lines.close();
  }
  return covers;
}
