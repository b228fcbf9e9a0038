import type { FileHandle } from 'node:fs/promises';

const PIECE_BYTES = 256 * 1024;
/** A UTF-16 code unit takes at most 3 bytes in UTF-8 (a surrogate pair, two units, takes 4). */
const PIECE_CHARS = Math.floor(PIECE_BYTES / 3);

/**
 * Writes text as UTF-8 through one buffer of its own, a piece at a time, instead of a new buffer the size of
 * each text. A commit holding a CSV download is hundreds of kilobytes and the hint file tens of megabytes:
 * buffers that size, made and dropped on every write, are what left the process's malloc arenas holding
 * hundreds of megabytes after a load. One writer serves one caller at a time (its buffer is shared).
 */
export class TextWriter {
  private readonly buffer = Buffer.allocUnsafe(PIECE_BYTES);

  /** Writes all of `text` at `position` of `handle` and returns how many bytes that was. */
  async write(handle: FileHandle, text: string, position: number): Promise<number> {
    let written = 0;
    for (let start = 0; start < text.length;) {
      let end = Math.min(text.length, start + PIECE_CHARS);
      // A surrogate pair split between two pieces would be written as two replacement characters.
      const last = text.charCodeAt(end - 1);
      if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--;
      const bytes = this.buffer.write(start === 0 && end === text.length ? text : text.slice(start, end));
      let done = 0;
      while (done < bytes) {
        const { bytesWritten } = await handle.write(this.buffer, done, bytes - done, position + written + done);
        done += bytesWritten;
      }
      written += bytes;
      start = end;
    }
    return written;
  }
}
