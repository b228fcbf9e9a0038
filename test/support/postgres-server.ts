// The throwaway PostgreSQL of the test run: jest's globalSetup starts one from the installed binaries on
// a loopback port, globalTeardown stops it and removes its data. Tests reach it through DATABASE_URL.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Set instead of TEST_DATABASE_URL when no server could be started: the PostgreSQL tests fail with it. */
export const UNAVAILABLE_VARIABLE = 'PARTNER_DESK_TEST_PG_UNAVAILABLE';
export const URL_VARIABLE = 'PARTNER_DESK_TEST_DATABASE_URL';
const DIR_VARIABLE = 'PARTNER_DESK_TEST_PG_DIR';

function binaries(): string | undefined {
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

export async function startServer(): Promise<void> {
  const bin = binaries();
  if (!bin) {
    const message =
      'PostgreSQL is not installed (no initdb/pg_ctl under /usr/lib/postgresql/*/bin or PG_BIN): the PostgreSQL store tests FAIL. Install it with `apt-get install -y postgresql`.';
    if (process.env.CI === 'true') throw new Error(message);
    console.error(`\n${message}\n`);
    process.env[UNAVAILABLE_VARIABLE] = message;
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'partner-desk-pg-'));
  chmodSync(dir, 0o700);
  if (asRoot) execFileSync('chown', ['postgres', dir]);
  const port = await freePort();
  try {
    run(bin, 'initdb', ['-D', join(dir, 'data'), '-A', 'trust', '-U', 'partnerdesk', '--no-sync', '-E', 'UTF8']);
    // fsync off: the tests kill clients, never this server, and a loaded CI machine stays fast.
    const settings = `-k ${dir} -c listen_addresses=127.0.0.1 -p ${port} -c fsync=off -c max_connections=200`;
    run(bin, 'pg_ctl', ['-D', join(dir, 'data'), '-o', settings, '-l', join(dir, 'log'), '-w', '-t', '120', 'start']);
  } catch (error) {
    const detail = (error as { stderr?: Buffer }).stderr?.toString() ?? String(error);
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`The test PostgreSQL did not start: ${detail}`);
  }
  process.env[DIR_VARIABLE] = dir;
  process.env[URL_VARIABLE] = `postgres://partnerdesk@127.0.0.1:${port}/postgres`;
}

export async function stopServer(): Promise<void> {
  const dir = process.env[DIR_VARIABLE];
  const bin = binaries();
  if (!dir || !bin) return;
  try {
    run(bin, 'pg_ctl', ['-D', join(dir, 'data'), '-m', 'immediate', '-w', 'stop']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
