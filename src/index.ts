import { createApp } from './app.js';
import { warningBox } from './local/warning-box.js';
import { listen, shutdown } from './bot/server.js';
import { ConfigError, loadConfig, loadDotEnv } from './config.js';
import { demoWorld } from './store/demo-world.js';
import { describeStore, isStoreRefusal, openConfiguredStore } from './store/open-store.js';
import { ExpiryGuardian } from './services/relationships/expiry-guardian.js';
import { createLogger } from './logging/logger.js';
import { startTelemetry } from './telemetry/sdk.js';
import { timedStore } from './telemetry/timed-store.js';
import { observeOutbox } from './telemetry/outbox-gauges.js';

/** The composition root: configuration, store, app, HTTP server, signals. */
export async function main(): Promise<void> {
  loadDotEnv();
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  // Before anything is instrumented: the instruments come from the providers registered here.
  const telemetry = config.telemetry
    ? startTelemetry(config.telemetry, logger.child({ component: 'telemetry' }))
    : undefined;
  const engine = await openConfiguredStore(config.store, {
    seed: demoWorld(new Date()),
    logger: logger.child({ component: 'store' }),
  });
  const store = telemetry ? timedStore(engine) : engine;
  if (telemetry) observeOutbox(store, logger.child({ component: 'telemetry' }));
  const app = createApp(config, { store, logger });
  const port = await listen(app.server, config.port, config.host);
  const guardian = new ExpiryGuardian({
    store,
    notifier: app.notifier,
    clock: () => new Date(),
    defaultLanguage: config.defaultLanguage,
    logger: logger.child({ component: 'expiry-guardian' }),
  });
  if (config.expiryGuardian) guardian.start();

  if (config.localMode) {
    console.warn(
      warningBox([
        'LOCAL MODE: MicrosoftAppId is empty, so NO TOKEN IS CHECKED.',
        'Anyone who can reach this port can act as any user. Listening on',
        'loopback only; never expose it. Set the Bot Framework credentials',
        '(see .env.example) to run for real.',
      ]),
    );
  }
  console.log(
    `Partner Desk listening on http://${config.host}:${port}/api/messages (store: ${describeStore(config.store)})`,
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: finishing turns in flight, then stopping`);
    app.stopTimers();
    guardian.stop();
    await shutdown(app.server);
    await app.notifier.drain();
    await store.close();
    await telemetry?.shutdown();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || isStoreRefusal(error)) {
    console.error(error.message);
  } else {
    console.error(error);
  }
  process.exit(1);
});
