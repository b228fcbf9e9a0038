import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { StoreFileError } from './store.js';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * One process at a time owns the data file: lowdb keeps the data in memory and rewrites the whole file,
 * so a second writer (the admin CLI while the bot runs) would silently undo the other's changes.
 * A lock left by a process that died (a crash, SIGKILL) is taken over.
 */
export function lockDataFile(file: string): () => void {
  const lock = `${file}.lock`;
  mkdirSync(dirname(file), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(lock, String(process.pid), { flag: 'wx' });
      return () => rmSync(lock, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(readFileSync(lock, 'utf8'));
      if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && isAlive(owner)) {
        throw new StoreFileError(
          file,
          `it is in use by another Partner Desk process (pid ${owner}); stop that process first`,
        );
      }
      rmSync(lock, { force: true });
    }
  }
  throw new StoreFileError(file, `its lock file ${lock} cannot be taken`);
}
