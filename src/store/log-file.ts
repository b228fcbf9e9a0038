import { readSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { LOG_VERSION, RECORD_CHECKSUM_BYTES, verifiedRecord, type LogVersion } from './log-line.js';
import { StoreFileError } from './store.js';
import { TextWriter } from './text-writer.js';

/** How the log opens its file: `open` itself, or (in tests) one whose writes fail like a full disk. */
export type OpenFile = (path: string, flags: string) => Promise<FileHandle>;

const HEADER_FORMAT = 'partner-desk-store-log';
const NEWLINE = 0x0a;
const CHUNK = 4 * 1024 * 1024;
/** Records up to this size are read into a buffer kept for the next read; a larger one (a download) is not kept. */
const KEPT_READ_BUFFER = 1024 * 1024;

/** An append-only log of commits. Appends are durable (fdatasync) before they resolve. */
export class LogFile {
  private readBuffer = Buffer.alloc(64 * 1024);
  private readonly writer = new TextWriter();
  /** An append failed and cutting its bytes off failed too: the next append cuts them first. */
  private tornTail = false;

  private constructor(
    readonly path: string,
    private readonly handle: FileHandle,
    public size: number,
    readonly version: LogVersion,
  ) {}

  /** A new, empty log for `generation` (an existing file of that name, left by a crash, is replaced). */
  static async create(path: string, generation: number, openFile: OpenFile = open): Promise<LogFile> {
    const handle = await openFile(path, 'w+');
    const header = `${JSON.stringify({ format: HEADER_FORMAT, version: LOG_VERSION, generation })}\n`;
    try {
      await handle.write(header, 0);
    } catch (error) {
      await handle.close();
      throw error;
    }
    return new LogFile(path, handle, Buffer.byteLength(header), LOG_VERSION);
  }

  static async open(path: string, generation: number, openFile: OpenFile = open): Promise<LogFile> {
    let handle: FileHandle;
    try {
      handle = await openFile(path, 'r+');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new StoreFileError(path, 'the manifest names this log, but it does not exist');
      }
      throw error;
    }
    const { size } = await handle.stat();
    const probe = new LogFile(path, handle, size, 1);
    const firstLine = probe.firstLine();
    let header: { format?: unknown; version?: unknown; generation?: unknown } | undefined;
    try {
      header = JSON.parse(firstLine ?? '') as typeof header;
    } catch {
      header = undefined;
    }
    if (header?.format !== HEADER_FORMAT || header.generation !== generation) {
      await handle.close();
      throw new StoreFileError(path, `it is not generation ${generation} of a Partner Desk store log`);
    }
    const version = header.version ?? 1;
    if (version !== 1 && version !== LOG_VERSION) {
      await handle.close();
      throw new StoreFileError(
        path,
        `it is in log format ${String(version)}; this Partner Desk knows up to ${LOG_VERSION}`,
      );
    }
    return new LogFile(path, handle, size, version);
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
    return this.readBytes(offset, length).toString('utf8');
  }

  /** The JSON of the record at `offset`, checked against its checksum (version 2): StoreFileError when damaged. */
  readRecord(offset: number, length: number): string {
    if (this.version === 1) return this.read(offset, length);
    return verifiedRecord(
      this.path,
      this.readBytes(offset - RECORD_CHECKSUM_BYTES, length + RECORD_CHECKSUM_BYTES),
      offset,
    );
  }

  private readBytes(offset: number, length: number): Buffer {
    if (this.readBuffer.length < length && length <= KEPT_READ_BUFFER)
      this.readBuffer = Buffer.alloc(Math.min(KEPT_READ_BUFFER, Math.max(length, this.readBuffer.length * 2)));
    const into = length <= this.readBuffer.length ? this.readBuffer : Buffer.allocUnsafe(length);
    let done = 0;
    while (done < length) {
      const n = readSync(this.handle.fd, into, done, length - done, offset + done);
      if (n === 0)
        throw new StoreFileError(this.path, `it ends at byte ${offset + done}, inside a record it should hold`);
      done += n;
    }
    return into.subarray(0, length);
  }

  /**
   * Appends complete lines and waits until they are on disk. On failure the log is cut back to where it
   * was, so a later append never follows half a line.
   */
  async append(text: string): Promise<void> {
    if (this.tornTail) {
      await this.handle.truncate(this.size);
      this.tornTail = false;
    }
    let bytes: number;
    try {
      bytes = await this.writer.write(this.handle, text, this.size);
      await this.handle.datasync();
    } catch (error) {
      await this.handle.truncate(this.size).catch(() => {
        // Reported by the append's own error; the next append cuts the bytes off before writing.
        this.tornTail = true;
      });
      throw error;
    }
    this.size += bytes;
  }

  /** Appends without syncing (bulk writes); call sync() once at the end. */
  async appendUnsynced(text: string): Promise<void> {
    this.size += await this.writer.write(this.handle, text, this.size);
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
