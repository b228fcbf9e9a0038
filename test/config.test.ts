import { ConfigError, loadConfig } from '../src/config.js';

describe('loadConfig', () => {
  it('runs in local mode on loopback without credentials', () => {
    const config = loadConfig({});
    expect(config.localMode).toBe(true);
    expect(config.host).toBe('127.0.0.1');
    expect(config.port).toBe(3978);
  });

  it('validates tokens when credentials are set', () => {
    const config = loadConfig({ MicrosoftAppId: 'app', MicrosoftAppPassword: 'secret' });
    expect(config.localMode).toBe(false);
    expect(config.host).toBe('0.0.0.0');
  });

  it.each([
    [{ NODE_ENV: 'production' }, 'MicrosoftAppId'],
    [{ PORT: 'eighty' }, 'PORT'],
    [{ MicrosoftAppType: 'Whatever' }, 'MicrosoftAppType'],
    [{ MicrosoftAppId: 'app' }, 'MicrosoftAppPassword'],
    [{ MicrosoftAppId: 'app', MicrosoftAppPassword: 'x', MicrosoftAppType: 'SingleTenant' }, 'MicrosoftAppTenantId'],
    [{ PUBLIC_URL: 'not a url' }, 'PUBLIC_URL'],
    [{ FOUR_EYES: 'maybe' }, 'FOUR_EYES'],
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' }, 'OTEL_EXPORTER_OTLP_ENDPOINT'],
    [{ OTEL_METRIC_EXPORT_INTERVAL: 'often' }, 'OTEL_METRIC_EXPORT_INTERVAL'],
    [{ STORE: 'postgres' }, 'DATABASE_URL'],
    [{ STORE: 'postgres', DATABASE_URL: 'mysql://db/x' }, 'DATABASE_URL'],
    [{ STORE: 'mongo' }, 'STORE'],
  ])('refuses %j naming %s', (env, variable) => {
    expect(() => loadConfig(env as NodeJS.ProcessEnv)).toThrow(ConfigError);
    expect(() => loadConfig(env as NodeJS.ProcessEnv)).toThrow(variable);
  });

  it('keeps the embedded store unless STORE=postgres names a database', () => {
    expect(loadConfig({}).store).toEqual({ kind: 'embedded', file: './data/partner-desk.json' });
    // As .env.example leaves it.
    expect(loadConfig({ STORE: 'embedded', DATABASE_URL: '' }).store.kind).toBe('embedded');
    const url = 'postgres://bot:secret@db.example:5432/partnerdesk';
    expect(loadConfig({ STORE: 'postgres', DATABASE_URL: url }).store).toEqual({
      kind: 'postgres',
      url,
      poolSize: 10,
      poolWaitMs: 5_000,
    });
    expect(
      loadConfig({ STORE: 'postgres', DATABASE_URL: url, DATABASE_POOL_SIZE: '25', DATABASE_POOL_WAIT_MS: '2000' })
        .store,
    ).toEqual({ kind: 'postgres', url, poolSize: 25, poolWaitMs: 2_000 });
  });

  it.each([
    [{ DATABASE_POOL_SIZE: '0' }, 'DATABASE_POOL_SIZE'],
    [{ DATABASE_POOL_SIZE: 'many' }, 'DATABASE_POOL_SIZE'],
    [{ DATABASE_POOL_SIZE: '2.5' }, 'DATABASE_POOL_SIZE'],
    [{ DATABASE_POOL_WAIT_MS: '10' }, 'DATABASE_POOL_WAIT_MS'],
    [{ DATABASE_POOL_WAIT_MS: '600000' }, 'DATABASE_POOL_WAIT_MS'],
  ])('refuses the pool setting %j naming %s', (env, variable) => {
    const postgres = { STORE: 'postgres', DATABASE_URL: 'postgres://bot:secret@db.example:5432/partnerdesk' };
    expect(() => loadConfig({ ...postgres, ...env })).toThrow(new RegExp(`${variable}`));
  });

  it('never repeats a DATABASE_URL password in its refusal', () => {
    expect(() => loadConfig({ STORE: 'postgres', DATABASE_URL: 'postgres://bot:hunter2 @db/x' })).toThrow(ConfigError);
    expect(() => loadConfig({ STORE: 'postgres', DATABASE_URL: 'postgres://bot:hunter2 @db/x' })).not.toThrow(
      /hunter2/,
    );
  });

  it('reads the tenant allow-list', () => {
    expect(loadConfig({ ALLOWED_TENANTS: ' A, b ,' }).allowedTenants).toEqual(['a', 'b']);
  });

  it.each([
    [{}, undefined],
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: '' }, undefined],
    [
      { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' },
      { endpoint: 'http://collector:4318', serviceName: 'partner-desk', metricIntervalMs: 60_000 },
    ],
  ])('telemetry with %j is %j (off without an OTLP endpoint)', (env, telemetry) => {
    expect(loadConfig(env as NodeJS.ProcessEnv).telemetry).toEqual(telemetry);
  });
});
