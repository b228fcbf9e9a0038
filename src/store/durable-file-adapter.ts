import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Adapter } from 'lowdb';
import { parseDataFile, type DataFile } from './data-file.js';

/**
 * A lowdb adapter whose writes are atomic and durable: the new content goes to a temporary file in the
 * same directory, is fsynced, renamed over the old file, and the directory is fsynced, before write()
 * resolves. A reader (or a crash) sees the old file or the new one, never half of one.
 */
export class DurableJsonFile implements Adapter<DataFile> {
  constructor(private readonly file: string) {}

  async read(): Promise<DataFile | null> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    return parseDataFile(this.file, text);
  }

  async write(data: DataFile): Promise<void> {
    const dir = dirname(this.file);
    await mkdir(dir, { recursive: true });
    const temp = join(dir, `.${basename(this.file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
    const handle = await open(temp, 'w');
    try {
      await handle.writeFile(JSON.stringify(data));
      await handle.sync();
    } catch (error) {
      await handle.close();
      await rm(temp, { force: true });
      throw error;
    }
    await handle.close();
    await rename(temp, this.file);
    await syncDirectory(dir);
  }
}

async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } catch (error) {
    // Some file systems cannot fsync a directory; the rename itself is still atomic there.
    if (!['EINVAL', 'EISDIR', 'EPERM'].includes((error as NodeJS.ErrnoException).code ?? '')) throw error;
  } finally {
    await handle.close();
  }
}
