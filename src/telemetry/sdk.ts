import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { diag, DiagLogLevel, metrics, trace } from '@opentelemetry/api';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';
import type { TelemetryConfig } from '../config.js';
import type { Logger } from '../logging/logger.js';
import { PROJECT_ROOT } from '../paths.js';

export interface RunningTelemetry {
  /** Exports what is buffered, then stops the exporters. */
  shutdown(): Promise<void>;
}

/**
 * Registers the OpenTelemetry SDK as the global provider of traces and metrics, exported over OTLP/HTTP
 * to `<endpoint>/v1/traces` and `<endpoint>/v1/metrics` (headers from OTEL_EXPORTER_OTLP_HEADERS, read by
 * the exporters). Export failures go to the log as warnings.
 */
export function startTelemetry(config: TelemetryConfig, logger: Logger): RunningTelemetry {
  diag.setLogger(
    {
      error: (message) => logger.warn('telemetry export problem', { detail: message }),
      warn: (message) => logger.warn('telemetry export problem', { detail: message }),
      info: () => undefined,
      debug: () => undefined,
      verbose: () => undefined,
    },
    DiagLogLevel.WARN,
  );
  const resource = resourceFromAttributes({
    [ATTR_SERVICE_NAME]: config.serviceName,
    [ATTR_SERVICE_VERSION]: (
      JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string }
    ).version,
  });
  const tracerProvider = new BasicTracerProvider({
    resource,
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: `${config.endpoint}/v1/traces` }))],
  });
  const meterProvider = new MeterProvider({
    resource,
    readers: [
      new PeriodicExportingMetricReader({
        exporter: new OTLPMetricExporter({ url: `${config.endpoint}/v1/metrics` }),
        exportIntervalMillis: config.metricIntervalMs,
      }),
    ],
  });
  trace.setGlobalTracerProvider(tracerProvider);
  metrics.setGlobalMeterProvider(meterProvider);
  // The host only: a collector URL can carry credentials in its user part.
  logger.info('telemetry on', { collector: new URL(config.endpoint).host, serviceName: config.serviceName });
  return {
    async shutdown() {
      await Promise.all([tracerProvider.shutdown(), meterProvider.shutdown()]);
    },
  };
}
