import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { UNAVAILABLE_VARIABLE, URL_VARIABLE } from './postgres-server.js';

/** The test server's URL for a database of its own; fails (never skips) when there is no server. */
export async function freshDatabase(): Promise<string> {
  const admin = process.env[URL_VARIABLE];
  if (!admin) {
    throw new Error(
      process.env[UNAVAILABLE_VARIABLE] ??
        'No test PostgreSQL: run the tests through jest.config.js (its globalSetup starts one).',
    );
  }
  const name = `pd_${randomUUID().replace(/-/g, '')}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return url.toString();
}
