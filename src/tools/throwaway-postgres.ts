// A throwaway PostgreSQL server from the installed binaries, on a loopback port, its data in a temporary
// directory: the test run and the benchmark each start one and remove it when done.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const NOT_INSTALLED =
  'PostgreSQL is not installed (no initdb/pg_ctl under /usr/lib/postgresql/*/bin or PG_BIN). Install it with `apt-get install -y postgresql`.';

/** The directory of initdb and pg_ctl: PG_BIN, or the newest under /usr/lib/postgresql. */
export function postgresBinaries(): string | undefined {
  const candidates = [process.env.PG_BIN, '/usr/lib/postgresql/15/bin'];
  if (existsSync('/usr/lib/postgresql')) {
    for (const v of readdirSync('/usr/lib/postgresql').sort().reverse())
      candidates.push(`/usr/lib/postgresql/${v}/bin`);
  }
  return candidates.find((dir) => dir && existsSync(join(dir, 'pg_ctl')) && existsSync(join(dir, 'initdb')));
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const asRoot = process.getuid?.() === 0;

/** PostgreSQL refuses to run as root: as root, its tools run as the postgres user. */
function run(bin: string, tool: string, args: string[]): void {
  const quoted = [join(bin, tool), ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  if (asRoot) execFileSync('su', ['postgres', '-s', '/bin/sh', '-c', quoted], { stdio: 'pipe' });
  else execFileSync(join(bin, tool), args, { stdio: 'pipe' });
}

export interface ThrowawayPostgres {
  /** The server's own `postgres` database, as the superuser `partnerdesk` (no password: trust on loopback). */
  url: string;
  /** Its data directory (the server's socket and log are there too). */
  dir: string;
}

/**
 * Starts a server with fsync off (its data is thrown away; clients are killed in tests, never the server).
 * Throws when PostgreSQL is not installed or does not start.
 */
export async function startThrowawayPostgres(bin = postgresBinaries()): Promise<ThrowawayPostgres> {
  if (!bin) throw new Error(NOT_INSTALLED);
  const dir = mkdtempSync(join(tmpdir(), 'partner-desk-pg-'));
  chmodSync(dir, 0o700);
  if (asRoot) execFileSync('chown', ['postgres', dir]);
  const port = await freePort();
  try {
    run(bin, 'initdb', ['-D', join(dir, 'data'), '-A', 'trust', '-U', 'partnerdesk', '--no-sync', '-E', 'UTF8']);
    const settings = `-k ${dir} -c listen_addresses=127.0.0.1 -p ${port} -c fsync=off -c max_connections=200`;
    run(bin, 'pg_ctl', ['-D', join(dir, 'data'), '-o', settings, '-l', join(dir, 'log'), '-w', '-t', '120', 'start']);
  } catch (error) {
    const detail = (error as { stderr?: Buffer }).stderr?.toString() ?? String(error);
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`The throwaway PostgreSQL did not start: ${detail}`);
  }
  return { url: `postgres://partnerdesk@127.0.0.1:${port}/postgres`, dir };
}

/** Stops the server at once and removes its data. */
export function stopThrowawayPostgres(dir: string, bin = postgresBinaries()): void {
  if (!bin) return;
  try {
    run(bin, 'pg_ctl', ['-D', join(dir, 'data'), '-m', 'immediate', '-w', 'stop']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
