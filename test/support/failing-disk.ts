import { open, type FileHandle } from 'node:fs/promises';
import type { OpenFile } from '../../src/store/log-file.js';

/**
 * Opens real files whose writes behave like a full disk while `full` is set: a write puts half its bytes
 * down and then fails with ENOSPC (as a real short write does), fsync fails, and optionally cutting the
 * file back fails too (EIO), so the store must cope with half a line left behind.
 */
export class FailingDisk {
  full = false;
  failTruncate = false;
  failures = 0;

  readonly openFile: OpenFile = async (path, flags) => {
    const handle = await open(path, flags);
    return new Proxy(handle, {
      get: (target, prop) => {
        if (this.full && prop === 'write') return this.halfWrite(target);
        if (this.full && (prop === 'datasync' || prop === 'sync')) return () => this.fail('ENOSPC');
        if (this.full && this.failTruncate && prop === 'truncate') return () => this.fail('EIO');
        const value = Reflect.get(target, prop, target) as unknown;
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
  };

  private halfWrite(target: FileHandle) {
    return async (buffer: Buffer | string, offset?: number, length?: number, position?: number) => {
      if (Buffer.isBuffer(buffer) && typeof offset === 'number' && typeof length === 'number' && length > 1) {
        await target.write(buffer, offset, Math.floor(length / 2), position);
      }
      return this.fail('ENOSPC');
    };
  }

  private fail(code: string): Promise<never> {
    this.failures++;
    return Promise.reject(Object.assign(new Error(`${code}: simulated disk failure`), { code }));
  }
}
