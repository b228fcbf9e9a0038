// The throwaway PostgreSQL of the test run: jest's globalSetup starts one from the installed binaries on
// a loopback port, globalTeardown stops it and removes its data. Tests reach it through DATABASE_URL.
import {
  NOT_INSTALLED,
  postgresBinaries,
  startThrowawayPostgres,
  stopThrowawayPostgres,
} from '../../src/tools/throwaway-postgres.js';

/** Set instead of TEST_DATABASE_URL when no server could be started: the PostgreSQL tests fail with it. */
export const UNAVAILABLE_VARIABLE = 'PARTNER_DESK_TEST_PG_UNAVAILABLE';
export const URL_VARIABLE = 'PARTNER_DESK_TEST_DATABASE_URL';
const DIR_VARIABLE = 'PARTNER_DESK_TEST_PG_DIR';

export async function startServer(): Promise<void> {
  const bin = postgresBinaries();
  if (!bin) {
    const message = `${NOT_INSTALLED} The PostgreSQL store tests FAIL.`;
    if (process.env.CI === 'true') throw new Error(message);
    console.error(`\n${message}\n`);
    process.env[UNAVAILABLE_VARIABLE] = message;
    return;
  }
  const server = await startThrowawayPostgres(bin);
  process.env[DIR_VARIABLE] = server.dir;
  process.env[URL_VARIABLE] = server.url;
}

export async function stopServer(): Promise<void> {
  const dir = process.env[DIR_VARIABLE];
  if (dir) stopThrowawayPostgres(dir);
}
