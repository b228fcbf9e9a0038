import { existsSync } from 'node:fs';
import { z } from 'zod';

const flag = z
  .enum(['true', 'false', '1', '0', ''])
  .transform((v) => v === 'true' || v === '1')
  .optional();

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  HOST: z.string().min(1).optional(),
  MicrosoftAppId: z.string().default(''),
  MicrosoftAppPassword: z.string().default(''),
  MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
  MicrosoftAppTenantId: z.string().default(''),
  STORE_FILE: z.string().min(1).default('./data/partner-desk.json'),
  STORE: z.enum(['embedded', 'postgres']).default('embedded'),
  DATABASE_URL: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .string()
      .regex(/^postgres(ql)?:\/\/[^\s]+$/, 'must be a postgres://user:password@host:port/database URL')
      .optional(),
  ),
  /** STORE=postgres: connections an instance keeps for commits and reads (as many again hold conversation locks). */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(500).default(10),
  /** STORE=postgres: how long a turn queues for a free connection before it is answered 503 (Retry-After). */
  DATABASE_POOL_WAIT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
  ALLOWED_TENANTS: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((t) => t.trim().toLowerCase())
        .filter(Boolean),
    ),
  PUBLIC_URL: z.string().url().default('http://localhost:3978'),
  MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(10_000_000)
    .default(256 * 1024),
  FOUR_EYES: flag,
  SINGLE_DELEGATED_ADMIN_PARTNER: flag,
  DEFAULT_LANGUAGE: z.enum(['en', 'es']).default('en'),
  EXPIRY_GUARDIAN: flag,
  /** How long one Bot Connector call (a proactive message, a card update) may take before it is abandoned. */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  CONNECTOR_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  /** How long an instance's claim on a notification it is sending holds before another may take it back. */
  OUTBOX_CLAIM_LEASE_MS: z.coerce.number().int().min(1_000).max(3_600_000).default(120_000),
  INVITE_PAGE_RATE_LIMIT: z.coerce.number().int().min(1).max(10_000).default(20),
  /** OpenTelemetry: traces and metrics are exported over OTLP/HTTP only when this is set. */
  OTEL_EXPORTER_OTLP_ENDPOINT: z
    .union([
      z.literal(''),
      z
        .string()
        .url()
        .regex(/^https?:\/\//, 'must be an http:// or https:// URL'),
    ])
    .default(''),
  OTEL_SERVICE_NAME: z.string().min(1).default('partner-desk'),
  OTEL_METRIC_EXPORT_INTERVAL: z.coerce.number().int().min(1000).max(3_600_000).default(60_000),
});

/** Every variable the configuration reads (the Agents Toolkit files are checked against it). */
export const CONFIG_VARIABLES: readonly string[] = Object.keys(EnvSchema.shape);

export interface TelemetryConfig {
  /** OTLP/HTTP base URL (OTEL_EXPORTER_OTLP_ENDPOINT); /v1/traces and /v1/metrics are appended. */
  endpoint: string;
  serviceName: string;
  /** Milliseconds between metric exports (OTEL_METRIC_EXPORT_INTERVAL). */
  metricIntervalMs: number;
}

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  /** Local mode: no Bot Framework credentials, so no token check (for the local Teams client only). */
  localMode: boolean;
  botAuth: { appId: string; appPassword: string; appType: string; appTenantId: string };
  storeFile: string;
  /** Which store: the embedded file (one instance) or PostgreSQL (several instances on one database). */
  store: { kind: 'embedded'; file: string } | { kind: 'postgres'; url: string; poolSize: number; poolWaitMs: number };
  allowedTenants: string[];
  publicUrl: string;
  maxBodyBytes: number;
  fourEyes: boolean;
  singleDelegatedAdminPartner: boolean;
  defaultLanguage: 'en' | 'es';
  /** The in-process scheduler of reminders and expiries (off only for tests and demos that must stay quiet). */
  expiryGuardian: boolean;
  /** The least severe log line written (LOG_LEVEL): JSON lines on stdout. */
  logLevel: string;
  /** Milliseconds one Bot Connector call may take (CONNECTOR_TIMEOUT_MS); a timeout is retried later. */
  connectorTimeoutMs: number;
  /**
   * Milliseconds a claim on a notification being sent holds (OUTBOX_CLAIM_LEASE_MS): when its instance dies,
   * another sends it after this. Keep it longer than a delivery round (three CONNECTOR_TIMEOUT_MS and waits).
   */
  outboxClaimLeaseMs: number;
  /** Requests per minute (and burst) one client address may make to the invitation page (INVITE_PAGE_RATE_LIMIT). */
  invitePageRateLimit: number;
  /** Absent: telemetry off (no OTEL_EXPORTER_OTLP_ENDPOINT). */
  telemetry?: TelemetryConfig;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Reads the configuration once; a bad value stops start-up with a message naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(environment)'}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const localMode = e.MicrosoftAppId.trim() === '';
  if (!localMode && e.MicrosoftAppType !== 'UserAssignedMSI' && e.MicrosoftAppPassword === '') {
    throw new ConfigError('Invalid configuration:\n  MicrosoftAppPassword: required when MicrosoftAppId is set');
  }
  if (!localMode && e.MicrosoftAppType === 'SingleTenant' && e.MicrosoftAppTenantId === '') {
    throw new ConfigError(
      'Invalid configuration:\n  MicrosoftAppTenantId: required when MicrosoftAppType is SingleTenant',
    );
  }
  if (localMode && e.NODE_ENV === 'production') {
    throw new ConfigError(
      'Invalid configuration:\n  MicrosoftAppId: required when NODE_ENV=production (without it no token is checked)',
    );
  }
  if (e.STORE === 'postgres' && !e.DATABASE_URL) {
    throw new ConfigError('Invalid configuration:\n  DATABASE_URL: required when STORE=postgres');
  }
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    // Local mode accepts unauthenticated traffic, so it never listens beyond loopback.
    host: localMode ? '127.0.0.1' : (e.HOST ?? '0.0.0.0'),
    localMode,
    botAuth: {
      appId: e.MicrosoftAppId,
      appPassword: e.MicrosoftAppPassword,
      appType: e.MicrosoftAppType,
      appTenantId: e.MicrosoftAppTenantId,
    },
    storeFile: e.STORE_FILE,
    store:
      e.STORE === 'postgres'
        ? {
            kind: 'postgres',
            url: e.DATABASE_URL!,
            poolSize: e.DATABASE_POOL_SIZE,
            poolWaitMs: e.DATABASE_POOL_WAIT_MS,
          }
        : { kind: 'embedded', file: e.STORE_FILE },
    allowedTenants: e.ALLOWED_TENANTS,
    publicUrl: e.PUBLIC_URL.replace(/\/$/, ''),
    maxBodyBytes: e.MAX_BODY_BYTES,
    fourEyes: e.FOUR_EYES ?? true,
    singleDelegatedAdminPartner: e.SINGLE_DELEGATED_ADMIN_PARTNER ?? false,
    defaultLanguage: e.DEFAULT_LANGUAGE,
    expiryGuardian: e.EXPIRY_GUARDIAN ?? true,
    connectorTimeoutMs: e.CONNECTOR_TIMEOUT_MS,
    outboxClaimLeaseMs: e.OUTBOX_CLAIM_LEASE_MS,
    logLevel: e.LOG_LEVEL,
    invitePageRateLimit: e.INVITE_PAGE_RATE_LIMIT,
    ...(e.OTEL_EXPORTER_OTLP_ENDPOINT
      ? {
          telemetry: {
            endpoint: e.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/$/, ''),
            serviceName: e.OTEL_SERVICE_NAME,
            metricIntervalMs: e.OTEL_METRIC_EXPORT_INTERVAL,
          },
        }
      : {}),
  };
}

/** Loads `.env` into process.env when present (values already set win). */
export function loadDotEnv(file = '.env'): void {
  if (existsSync(file)) process.loadEnvFile(file);
}
