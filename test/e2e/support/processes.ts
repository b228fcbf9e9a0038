import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

/** A free loopback port, asked from the OS. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Every process the suite started, so each is stopped by its pid, also when a journey fails. */
export class ProcessRegistry {
  private readonly children: ChildProcess[] = [];

  add(child: ChildProcess): ChildProcess {
    this.children.push(child);
    return child;
  }

  spawn(command: string, args: string[], env: NodeJS.ProcessEnv, cwd?: string): ChildProcess {
    return this.add(spawn(command, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] }));
  }

  async stopAll(): Promise<void> {
    await Promise.all(this.children.splice(0).map((child) => stopChild(child)));
  }

  /** Stops one process this registry started (by its own handle, never by name). */
  async stop(child: ChildProcess): Promise<void> {
    const at = this.children.indexOf(child);
    if (at >= 0) this.children.splice(at, 1);
    await stopChild(child);
  }
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return resolve();
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
    }, 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export async function waitForHttp(url: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
