import { createServer } from 'node:net';
import pg from 'pg';
import { StorageUnavailableError } from '../../../src/store/store.js';
import { DatabaseUnavailableError, describeTarget, isUnavailable } from '../../../src/store/postgres/connection.js';
import { openPostgresStore, PostgresStore } from '../../../src/store/postgres/postgres-store.js';
import { silentLogger } from '../../../src/logging/logger.js';
import { freshDatabase } from '../../support/postgres.js';

/** A loopback port nobody listens on. */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe('reaching PostgreSQL', () => {
  it.each([
    ['postgres://bot:hunter2@db.example:6543/partnerdesk', '"partnerdesk" on db.example:6543'],
    ['postgresql://bot@db.example/partner%20desk', '"partner desk" on db.example:5432'],
    ['not a url', '(an unparsable DATABASE_URL)'],
  ])('describes %s as %s (never the user or password)', (url, described) => {
    expect(describeTarget(url)).toBe(described);
  });

  it.each([
    ['53100', 'disk full'],
    ['53300', 'too many connections'],
    ['08006', 'connection failure'],
    ['57P01', 'server shut down'],
    ['ECONNREFUSED', 'nobody listens'],
  ])('takes %s (%s) for "the store cannot save now"', (code) => {
    expect(isUnavailable(Object.assign(new Error('x'), { code }))).toBe(code);
  });

  it.each([
    ['23505', 'unique violation'],
    ['42P01', 'undefined table'],
    ['', 'a bug'],
  ])('takes %s (%s) for what it is', (code) => {
    expect(isUnavailable(Object.assign(new Error('x'), { code }))).toBeUndefined();
  });

  it('an unreachable server stops start-up naming host, port and database, never the password', async () => {
    const port = await closedPort();
    const attempt = openPostgresStore({ url: `postgres://bot:hunter2@127.0.0.1:${port}/partnerdesk` });
    await expect(attempt).rejects.toBeInstanceOf(DatabaseUnavailableError);
    const message = await attempt.catch((e: Error) => e.message);
    expect(message).toContain(`"partnerdesk" on 127.0.0.1:${port}`);
    expect(message).not.toContain('hunter2');
  });

  it('a database that does not exist stops start-up naming it', async () => {
    const url = new URL(await freshDatabase());
    url.pathname = '/no_such_database';
    url.password = 'hunter2';
    const attempt = openPostgresStore({ url: url.toString() });
    await expect(attempt).rejects.toThrow(/"no_such_database" on 127\.0\.0\.1:\d+.*does not exist/);
    await expect(attempt).rejects.not.toThrow(/hunter2/);
  });

  it('a commit or read while the server is gone is StorageUnavailableError, not a crash', async () => {
    const port = await closedPort();
    const pool = new pg.Pool({ connectionString: `postgres://bot@127.0.0.1:${port}/partnerdesk` });
    const store = new PostgresStore(pool, 'test', silentLogger);
    try {
      await expect(
        store.transaction((tx) => void tx.insert('activities', { id: 'a', at: new Date().toISOString() })),
      ).rejects.toBeInstanceOf(StorageUnavailableError);
      await expect(store.get('activities', 'a')).rejects.toBeInstanceOf(StorageUnavailableError);
      await expect(store.ping()).rejects.toBeInstanceOf(StorageUnavailableError);
    } finally {
      await store.close();
    }
  });
});
