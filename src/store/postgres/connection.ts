import { StorageUnavailableError } from '../store.js';
import { StoreBusyError } from '../store-busy.js';

/** Where a DATABASE_URL points, for messages and logs: host, port and database, never user or password. */
export function describeTarget(url: string): string {
  try {
    const parsed = new URL(url);
    const database = decodeURIComponent(parsed.pathname.replace(/^\//, '')) || '(default database)';
    const host = parsed.hostname || parsed.searchParams.get('host') || 'localhost';
    return `"${database}" on ${host}:${parsed.port || '5432'}`;
  } catch {
    return '(an unparsable DATABASE_URL)';
  }
}

/** Start-up could not reach or use the database; the message names host and database only. */
export class DatabaseUnavailableError extends Error {
  override readonly name = 'DatabaseUnavailableError';
  constructor(target: string, reason: string, options?: { cause?: unknown }) {
    super(
      `Cannot use the PostgreSQL database ${target}: ${reason}. Check DATABASE_URL and that the server runs.`,
      options,
    );
  }
}

/** PostgreSQL's own words for why it could not be used, without anything from the URL's credentials. */
export function reasonOf(error: unknown, url: string): string {
  const message = error instanceof Error ? error.message : String(error);
  const password = (() => {
    try {
      return decodeURIComponent(new URL(url).password);
    } catch {
      return '';
    }
  })();
  return password ? message.split(password).join('***') : message;
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND']);

/**
 * The PostgreSQL failures that mean "the store cannot save now" rather than a bug: class 53 (disk full,
 * out of memory, too many connections), class 08 (connection), 57P01-03 (server shutting down or
 * starting), and a socket that broke.
 */
export function isUnavailable(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string') {
    if (code.startsWith('53') || code.startsWith('08') || /^57P0[123]$/.test(code) || NETWORK_CODES.has(code))
      return code;
  }
  if (
    error instanceof Error &&
    /Connection terminated|connection timeout|Client has encountered a connection error/i.test(error.message)
  )
    return 'connection-lost';
  return undefined;
}

/**
 * Waiting turns, not a broken database: the pool's wait for a free connection ran out
 * (connectionTimeoutMillis), or the server refused a connection for want of slots (53300).
 */
export function isBusy(error: unknown): string | undefined {
  if ((error as { code?: unknown } | undefined)?.code === '53300') return '53300';
  if (error instanceof Error && /^timeout exceeded when trying to connect$/.test(error.message)) return 'pool-wait';
  return undefined;
}

export function unavailable(error: unknown): unknown {
  const busy = isBusy(error);
  if (busy) return new StoreBusyError(busy, { cause: error });
  const code = isUnavailable(error);
  return code ? new StorageUnavailableError(code, { cause: error }) : error;
}
