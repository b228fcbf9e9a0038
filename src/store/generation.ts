import { syncDirectory } from './durable-file-adapter.js';
import { LogFile, type OpenFile } from './log-file.js';
import { encodeLine, type LogWrite } from './log-line.js';
import type { Location } from './table.js';
import { dirname } from 'node:path';
import { performance } from 'node:perf_hooks';

export interface GenerationRecord {
  collection: string;
  id: string;
  version: number;
  json: string;
}

const RECORDS_PER_LINE = 500;
const BYTES_PER_WRITE = 4 * 1024 * 1024;
/**
 * A compaction runs while turns wait: reading and encoding 4 MB of records held the event loop 60-75 ms, so
 * a line is also ended, and what is encoded written (the loop given back), once this long has passed.
 */
const SLICE_MS = 10;
/** A line of 500 CSV downloads (hundreds of kilobytes each) would be checksummed and joined in one go. */
const CHARS_PER_LINE = 1024 * 1024;

/**
 * Writes a whole new log generation (the seed, an imported single-file store, or a compaction's live
 * records) and syncs it; `located` learns where each record landed. Nothing refers to it until the
 * manifest names it, so a crash half-way leaves only an unused file.
 */
export async function writeGeneration(
  path: string,
  generation: number,
  records: Iterable<GenerationRecord>,
  located: (record: GenerationRecord, at: Location) => void,
  openFile?: OpenFile,
): Promise<LogFile> {
  const log = await LogFile.create(path, generation, openFile);
  let line: GenerationRecord[] = [];
  let pending: string[] = [];
  let pendingBytes = 0;
  const encode = () => {
    const writes: LogWrite[] = line.map((r) => ({ collection: r.collection, id: r.id, json: r.json }));
    const encoded = encodeLine(writes, log.size + pendingBytes);
    line.forEach((r, i) => located(r, { ...encoded.at[i]!, version: r.version }));
    pending.push(encoded.text);
    pendingBytes += encoded.bytes;
    line = [];
  };
  try {
    let sliceStart = performance.now();
    let lineChars = 0;
    for (const record of records) {
      line.push(record);
      lineChars += record.json.length;
      const late = performance.now() - sliceStart >= SLICE_MS;
      if (line.length === RECORDS_PER_LINE || lineChars >= CHARS_PER_LINE || late) {
        encode();
        lineChars = 0;
      }
      if (pendingBytes >= BYTES_PER_WRITE || (pendingBytes > 0 && late)) {
        const text = pending.join('');
        pending = [];
        pendingBytes = 0;
        await log.appendUnsynced(text);
        sliceStart = performance.now();
      }
    }
    if (line.length) encode();
    if (pending.length) await log.appendUnsynced(pending.join(''));
    await log.sync();
    await syncDirectory(dirname(path));
  } catch (error) {
    await log.close();
    throw error;
  }
  return log;
}
