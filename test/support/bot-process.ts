// A real bot process (`node dist/src/index.js`), as a deployment runs one instance: its own event loop,
// store connection and timers. Used by the multi-instance test to run several on one database.
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/paths.js';

export interface BotProcess {
  port: number;
  pid: number;
  child: ChildProcess;
  /** What it wrote to stderr so far (for a failing test's message). */
  errors(): string;
  /** Ends it at once, as a crash or an out-of-memory kill would: no shutdown, nothing flushed. */
  kill(): Promise<void>;
  /** SIGTERM, as a deployment's scale-in: finishes turns in flight, then exits. */
  stop(): Promise<void>;
}

const LISTENING = /listening on http:\/\/127\.0\.0\.1:(\d+)\/api\/messages/;

export async function startBotProcess(env: Record<string, string>): Promise<BotProcess> {
  const child = spawn(process.execPath, ['--no-warnings', join(PROJECT_ROOT, 'dist', 'src', 'index.js')], {
    cwd: PROJECT_ROOT,
    env: { PATH: process.env.PATH ?? '', PORT: '0', EXPIRY_GUARDIAN: 'false', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    let stdout = '';
    const onExit = (code: number | null) => reject(new Error(`the bot process exited (${code}): ${stderr}`));
    child.once('exit', onExit);
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const found = LISTENING.exec(stdout);
      if (found) {
        child.off('exit', onExit);
        resolve(Number(found[1]));
      }
    });
  });
  child.stdout!.resume();
  return {
    port,
    pid: child.pid!,
    child,
    errors: () => stderr,
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/**
 * The local TCP ports of a process's sockets (Linux /proc): tells which instance a connector request came
 * from, since every instance posts to the same connector.
 */
export function socketPortsOf(pid: number): Set<number> {
  const inodes = new Set<string>();
  let fds: string[];
  try {
    fds = readdirSync(`/proc/${pid}/fd`);
  } catch {
    return new Set(); // the process is gone: it holds no socket
  }
  for (const fd of fds) {
    try {
      const target = readlinkSync(`/proc/${pid}/fd/${fd}`);
      const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
      if (inode) inodes.add(inode);
    } catch {
      // A descriptor closed between the listing and the read: it holds no socket any more.
    }
  }
  const ports = new Set<number>();
  for (const table of ['tcp', 'tcp6']) {
    let lines: string[];
    try {
      lines = readFileSync(`/proc/${pid}/net/${table}`, 'utf8').split('\n').slice(1);
    } catch {
      continue; // no such table (no IPv6), or the process is gone
    }
    for (const line of lines) {
      const fields = line.trim().split(/\s+/);
      if (fields.length > 9 && inodes.has(fields[9]!)) ports.add(parseInt(fields[1]!.split(':')[1]!, 16));
    }
  }
  return ports;
}
