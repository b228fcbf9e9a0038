import { createServer } from 'node:net';

/** Whether nothing listens on this loopback port now. */
function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/**
 * The first free loopback port from `preferred` on, skipping those already handed out: a playground port
 * another program holds moves that persona to the next free one instead of stopping `npm start`.
 */
export async function freePort(
  preferred: number,
  taken: ReadonlySet<number> = new Set(),
  tries = 100,
): Promise<number> {
  for (let port = preferred; port < preferred + tries; port++) {
    if (!taken.has(port) && (await isFree(port))) return port;
  }
  throw new Error(`No free port between ${preferred} and ${preferred + tries - 1}`);
}
