import { pino, type Logger as PinoLogger } from 'pino';

/**
 * The structured log every layer writes to. Fields are data (ids, counts, statuses), never codes, tokens,
 * links or what a person typed: the log is read by operators who may not see a tenant's data.
 */
export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  /** A logger whose every line also carries `bindings` (one per turn, per timer run…). */
  child(bindings: Record<string, unknown>): Logger;
}

function wrap(target: PinoLogger): Logger {
  return {
    debug: (message, fields) => target.debug(fields ?? {}, message),
    info: (message, fields) => target.info(fields ?? {}, message),
    warn: (message, fields) => target.warn(fields ?? {}, message),
    error: (message, fields) => target.error(fields ?? {}, message),
    child: (bindings) => wrap(target.child(bindings)),
  };
}

/** JSON lines on stdout (pino); `level` is the validated LOG_LEVEL (`silent` for none). */
export function createLogger(level = 'info'): Logger {
  return wrap(pino({ level, base: { app: 'partner-desk' }, timestamp: pino.stdTimeFunctions.isoTime }));
}

/** What an error says, for a log line: its stack where there is one. */
export function describeError(error: unknown): string {
  return error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
}

export interface LogLine {
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
  fields: Record<string, unknown>;
}

/** Keeps every line in memory: tests read what was logged (and that nothing was swallowed). */
export class MemoryLogger implements Logger {
  constructor(
    readonly lines: LogLine[] = [],
    private readonly bindings: Record<string, unknown> = {},
  ) {}
  private add(level: LogLine['level'], message: string, fields?: Record<string, unknown>) {
    this.lines.push({ level, message, fields: { ...this.bindings, ...fields } });
  }
  debug(message: string, fields?: Record<string, unknown>) {
    this.add('debug', message, fields);
  }
  info(message: string, fields?: Record<string, unknown>) {
    this.add('info', message, fields);
  }
  warn(message: string, fields?: Record<string, unknown>) {
    this.add('warn', message, fields);
  }
  error(message: string, fields?: Record<string, unknown>) {
    this.add('error', message, fields);
  }
  child(bindings: Record<string, unknown>): Logger {
    return new MemoryLogger(this.lines, { ...this.bindings, ...bindings });
  }
  errors(): LogLine[] {
    return this.lines.filter((l) => l.level === 'error' || l.level === 'warn');
  }
}

/** Discards everything (benchmarks); tests prefer MemoryLogger so they can read it. */
export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  child: () => silentLogger,
};
