// The bench's child processes: the generated store, and a server under test alone in its process.
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../src/paths.js';

const dist = join(PROJECT_ROOT, 'dist', 'bench');

export interface Child {
  process: ChildProcess;
  ready: Record<string, number>;
  ask(message: Record<string, unknown>): Promise<Record<string, unknown>>;
}

export async function startChild(args: string[]): Promise<Child> {
  const child = fork(join(dist, 'server-child.js'), args, {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    execArgv: ['--expose-gc', '--no-deprecation', ...(process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean)],
  });
  const next = () =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const exited = (code: number | null) => reject(new Error(`the server child exited (${code})`));
      child.once('exit', exited);
      child.once('message', (message) => {
        child.off('exit', exited);
        resolve(message as Record<string, unknown>);
      });
    });
  const ready = (await next()) as Record<string, number>;
  return {
    process: child,
    ready,
    ask: (message) => {
      const answer = next();
      child.send(message);
      return answer;
    },
  };
}

export async function stopChild(child: Child): Promise<void> {
  const exited = new Promise((resolve) => child.process.once('exit', resolve));
  child.process.send({ cmd: 'stop' });
  await exited;
}

export function generate(
  size: number,
  spares: number,
  file: string,
  metaFile: string,
  databaseUrl?: string,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const args = [String(size), String(spares), file, metaFile, ...(databaseUrl ? [databaseUrl] : [])];
    const child = fork(join(dist, 'generate-store.js'), args, { stdio: 'inherit' });
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`generating ${size} failed (${code})`))));
  });
}

/** The connector stand-in in its own process (see sink-child.ts): its URL, what it received, how to stop it. */
export async function startSinkChild(): Promise<{
  url: string;
  /** Proactive messages and card updates received so far. */
  received: () => Promise<number>;
  close: () => Promise<void>;
}> {
  const child = fork(join(dist, 'sink-child.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the connector stand-in exited (${code})`)));
    child.once('message', (message) => resolve((message as { url: string }).url));
  });
  return {
    url,
    received: () =>
      new Promise<number>((resolve) => {
        child.once('message', (message) => resolve((message as { received: number }).received));
        child.send({ cmd: 'count' });
      }),
    close: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.send({ cmd: 'stop' });
      await exited;
    },
  };
}
