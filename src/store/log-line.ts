import { crc32 } from 'node:zlib';
import { StoreFileError } from './store.js';

/** One write as it goes into the log: the record's JSON, or null when the record is removed. */
export interface LogWrite {
  collection: string;
  id: string;
  json: string | null;
}

export interface EncodedLine {
  text: string;
  bytes: number;
  /** Where each write's record JSON starts in the file, and its length in bytes (null for a removal). */
  at: ({ offset: number; length: number } | null)[];
}

/**
 * Version 1 lines carried no checksum; version 2 lines carry one for the whole line and one for each
 * record, so a body read later (not only the scan at start) notices a changed byte.
 */
export const LOG_VERSION = 2;
export type LogVersion = 1 | 2;

const CHECKSUM_CHARS = 8;
/** `"xxxxxxxx",` right before each record of a version 2 line. */
export const RECORD_CHECKSUM_BYTES = CHECKSUM_CHARS + 3;

/** CRC-32 (zlib's, native): cheap enough for every commit, and catches any changed byte or torn write. */
export function checksum(data: string | Uint8Array): string {
  return crc32(data).toString(16).padStart(CHECKSUM_CHARS, '0');
}

/**
 * A line is one commit. Version 2: `<crc of the rest>[["collection","id","<crc of record>",{record}],
 * ["collection","id",null],…]`; version 1 had neither checksum. A crash can only tear the last line,
 * which then was never acknowledged and is dropped on open.
 */
export function encodeLine(
  writes: readonly LogWrite[],
  lineStart: number,
  version: LogVersion = LOG_VERSION,
): EncodedLine {
  const parts: string[] = ['['];
  const head = version === 1 ? 0 : CHECKSUM_CHARS;
  let position = lineStart + head + 1;
  const at: EncodedLine['at'] = [];
  writes.forEach((w, i) => {
    let prefix = `${i ? ',' : ''}[${JSON.stringify(w.collection)},${JSON.stringify(w.id)},`;
    if (version !== 1 && w.json !== null) prefix += `"${checksum(w.json)}",`;
    position += Buffer.byteLength(prefix);
    const body = w.json ?? 'null';
    const length = Buffer.byteLength(body);
    at.push(w.json === null ? null : { offset: position, length });
    position += length + 1;
    parts.push(prefix, body, ']');
  });
  parts.push(']');
  position += 2;
  const payload = parts.join('');
  const text = version === 1 ? `${payload}\n` : `${checksum(payload)}${payload}\n`;
  return { text, bytes: position - lineStart, at };
}

type DecodedWrite = {
  collection: string;
  id: string;
  record: Record<string, unknown> | null;
  at: EncodedLine['at'][number];
};

/** The writes of one line read back, with where each record lies (the same layout encodeLine produced). */
export function decodeLine(file: string, line: string, lineStart: number, version: LogVersion): DecodedWrite[] {
  let payload = line;
  if (version !== 1) {
    payload = line.slice(CHECKSUM_CHARS);
    if (line.length < CHECKSUM_CHARS || checksum(payload) !== line.slice(0, CHECKSUM_CHARS)) {
      throw new StoreFileError(file, `the commit at byte ${lineStart} does not match its checksum`);
    }
  }
  let writes: unknown[][];
  try {
    writes = JSON.parse(payload) as typeof writes;
  } catch (error) {
    throw new StoreFileError(file, `the commit at byte ${lineStart} is not valid JSON (${(error as Error).message})`);
  }
  if (!Array.isArray(writes) || !writes.every(Array.isArray)) {
    throw new StoreFileError(file, `the commit at byte ${lineStart} is not a list of writes`);
  }
  const decoded = writes.map((w) => {
    const [collection, id] = w as [string, string];
    const record = w[w.length - 1] as Record<string, unknown> | null;
    return { collection, id, record };
  });
  const encoded = encodeLine(
    decoded.map(({ collection, id, record }) => ({
      collection,
      id,
      json: record === null ? null : JSON.stringify(record),
    })),
    lineStart,
    version,
  );
  if (encoded.text !== `${line}\n`) {
    throw new StoreFileError(file, `the commit at byte ${lineStart} does not match its own layout`);
  }
  return decoded.map((w, i) => ({ ...w, at: encoded.at[i]! }));
}

/** Checks a record read back from a version 2 log (its checksum precedes it) and returns its JSON. */
export function verifiedRecord(file: string, bytes: Buffer, offset: number): string {
  const length = bytes.length - RECORD_CHECKSUM_BYTES;
  const stated = bytes.toString('latin1', 1, 1 + CHECKSUM_CHARS);
  const body = bytes.subarray(RECORD_CHECKSUM_BYTES);
  if (
    bytes[0] !== 0x22 ||
    bytes[CHECKSUM_CHARS + 1] !== 0x22 ||
    bytes[CHECKSUM_CHARS + 2] !== 0x2c ||
    length < 0 ||
    checksum(body) !== stated
  ) {
    throw new StoreFileError(file, `the record at byte ${offset} does not match its checksum`);
  }
  return body.toString('utf8');
}
