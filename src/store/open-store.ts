import type { Config } from '../config.js';
import type { Logger } from '../logging/logger.js';
import { openLowdbStore } from './lowdb-store.js';
import { DatabaseUnavailableError, describeTarget } from './postgres/connection.js';
import { SchemaTooNewError } from './postgres/migrations.js';
import { openPostgresStore } from './postgres/postgres-store.js';
import { StoreFileError, type SeedData, type Store } from './store.js';

/** The configured store (the embedded file unless STORE=postgres), seeded with `seed` when empty. */
export function openConfiguredStore(
  config: Config['store'],
  options: { seed?: SeedData; logger?: Logger } = {},
): Promise<Store> {
  return config.kind === 'postgres'
    ? openPostgresStore({ url: config.url, poolSize: config.poolSize, poolWaitMs: config.poolWaitMs, ...options })
    : openLowdbStore({ file: config.file, ...options });
}

/** Where the store is, for the start-up line: a file, or a database's host and name (never its password). */
export function describeStore(config: Config['store']): string {
  return config.kind === 'postgres' ? `PostgreSQL ${describeTarget(config.url)}` : config.file;
}

/** A store that cannot be used as it is: start-up stops with its message alone, which names no secret. */
export function isStoreRefusal(error: unknown): error is Error {
  return (
    error instanceof StoreFileError || error instanceof DatabaseUnavailableError || error instanceof SchemaTooNewError
  );
}
