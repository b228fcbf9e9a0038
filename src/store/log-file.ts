import { readSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
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

const HEADER_FORMAT = 'partner-desk-store-log';
const NEWLINE = 0x0a;
const CHUNK = 4 * 1024 * 1024;

/**
 * A line is one commit: `[["collection","id",{record}],["collection","id",null],…]`. A crash can only
 * tear the last line, which then was never acknowledged and is dropped on open.
 */
export function encodeLine(writes: readonly LogWrite[], lineStart: number): EncodedLine {
  const parts: string[] = ['['];
  let position = lineStart + 1;
  const at: EncodedLine['at'] = [];
  writes.forEach((w, i) => {
    const prefix = `${i ? ',' : ''}[${JSON.stringify(w.collection)},${JSON.stringify(w.id)},`;
    position += Buffer.byteLength(prefix);
    const body = w.json ?? 'null';
    const length = Buffer.byteLength(body);
    at.push(w.json === null ? null : { offset: position, length });
    position += length + 1;
    parts.push(prefix, body, ']');
  });
  parts.push(']\n');
  position += 2;
  return { text: parts.join(''), bytes: position - lineStart, at };
}

/** The writes of one line read back, with where each record lies (the same layout encodeLine produced). */
export function decodeLine(
  file: string,
  line: string,
  lineStart: number,
): { collection: string; id: string; record: Record<string, unknown> | null; at: EncodedLine['at'][number] }[] {
  let writes: [string, string, Record<string, unknown> | null][];
  try {
    writes = JSON.parse(line) as typeof writes;
  } catch (error) {
    throw new StoreFileError(file, `the commit at byte ${lineStart} is not valid JSON (${(error as Error).message})`);
  }
  if (!Array.isArray(writes)) throw new StoreFileError(file, `the commit at byte ${lineStart} is not a list of writes`);
  const encoded = encodeLine(
    writes.map(([collection, id, record]) => ({
      collection,
      id,
      json: record === null ? null : JSON.stringify(record),
    })),
    lineStart,
  );
  if (encoded.bytes !== Buffer.byteLength(line) + 1) {
    throw new StoreFileError(file, `the commit at byte ${lineStart} does not match its own layout`);
  }
  return writes.map(([collection, id, record], i) => ({ collection, id, record, at: encoded.at[i]! }));
}

/** An append-only log of commits. Appends are durable (fdatasync) before they resolve. */
export class LogFile {
  private readBuffer = Buffer.alloc(64 * 1024);

  private constructor(
    readonly path: string,
    private readonly handle: FileHandle,
    public size: number,
  ) {}

  /** A new, empty log for `generation` (an existing file of that name, left by a crash, is replaced). */
  static async create(path: string, generation: number): Promise<LogFile> {
    const handle = await open(path, 'w+');
    const header = `${JSON.stringify({ format: HEADER_FORMAT, generation })}\n`;
    await handle.write(header, 0);
    return new LogFile(path, handle, Buffer.byteLength(header));
  }

  static async open(path: string, generation: number): Promise<LogFile> {
    let handle: FileHandle;
    try {
      handle = await open(path, 'r+');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new StoreFileError(path, 'the manifest names this log, but it does not exist');
      }
      throw error;
    }
    const { size } = await handle.stat();
    const log = new LogFile(path, handle, size);
    const firstLine = log.firstLine();
    let header: { format?: unknown; generation?: unknown } | undefined;
    try {
      header = JSON.parse(firstLine ?? '') as typeof header;
    } catch {
      header = undefined;
    }
    if (header?.format !== HEADER_FORMAT || header.generation !== generation) {
      await handle.close();
      throw new StoreFileError(path, `it is not generation ${generation} of a Partner Desk store log`);
    }
    return log;
  }

  private firstLine(): string | undefined {
    const length = Math.min(this.size, 256);
    const text = this.read(0, length);
    const end = text.indexOf('\n');
    return end < 0 ? undefined : text.slice(0, end);
  }

  get headerBytes(): number {
    return Buffer.byteLength(this.firstLine() ?? '') + 1;
  }

  read(offset: number, length: number): string {
    if (this.readBuffer.length < length) this.readBuffer = Buffer.alloc(Math.max(length, this.readBuffer.length * 2));
    let done = 0;
    while (done < length) {
      const n = readSync(this.handle.fd, this.readBuffer, done, length - done, offset + done);
      if (n === 0) throw new Error(`${this.path}: unexpected end of log at ${offset + done}`);
      done += n;
    }
    return this.readBuffer.toString('utf8', 0, length);
  }

  /**
   * Appends complete lines and waits until they are on disk. On failure the log is cut back to where it
   * was, so a later append never follows half a line.
   */
  async append(text: string): Promise<void> {
    const bytes = Buffer.from(text);
    try {
      let done = 0;
      while (done < bytes.length) {
        const { bytesWritten } = await this.handle.write(bytes, done, bytes.length - done, this.size + done);
        done += bytesWritten;
      }
      await this.handle.datasync();
    } catch (error) {
      await this.handle.truncate(this.size).catch(() => undefined);
      throw error;
    }
    this.size += bytes.length;
  }

  /** Appends without syncing (bulk writes); call sync() once at the end. */
  async appendUnsynced(text: string): Promise<void> {
    const bytes = Buffer.from(text);
    let done = 0;
    while (done < bytes.length) {
      const { bytesWritten } = await this.handle.write(bytes, done, bytes.length - done, this.size + done);
      done += bytesWritten;
    }
    this.size += bytes.length;
  }

  async sync(): Promise<void> {
    await this.handle.sync();
  }

  /**
   * Calls `onLine` for every complete line from `from` on. Bytes after the last newline are a commit a
   * crash interrupted (never acknowledged): they are cut off.
   */
  async scan(from: number, onLine: (line: string, lineStart: number) => void): Promise<void> {
    let position = from;
    let carry = Buffer.alloc(0);
    let carryStart = from;
    while (position < this.size) {
      const chunk = Buffer.alloc(Math.min(CHUNK, this.size - position));
      const { bytesRead } = await this.handle.read(chunk, 0, chunk.length, position);
      position += bytesRead;
      const data = carry.length ? Buffer.concat([carry, chunk.subarray(0, bytesRead)]) : chunk.subarray(0, bytesRead);
      let start = 0;
      for (let nl = data.indexOf(NEWLINE); nl >= 0; nl = data.indexOf(NEWLINE, start)) {
        onLine(data.toString('utf8', start, nl), carryStart + start);
        start = nl + 1;
      }
      carryStart += start;
      carry = Buffer.from(data.subarray(start));
    }
    if (carry.length > 0) {
      await this.handle.truncate(carryStart);
      await this.handle.datasync();
      this.size = carryStart;
    }
  }

  async close(): Promise<void> {
    await this.handle.close();
  }
}
