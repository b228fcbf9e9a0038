import { metrics, trace, type Histogram, type Meter, type Tracer } from '@opentelemetry/api';

/**
 * The names operators chart and alert on. Instruments come from the global OpenTelemetry API: without an
 * SDK registered (OTEL_EXPORTER_OTLP_ENDPOINT unset) they are the API's no-ops and cost next to nothing.
 */
export const INSTRUMENTATION_SCOPE = 'partner-desk';

export const SPAN_TURN = 'partner_desk.turn';
export const METRIC_TURN_DURATION = 'partner_desk.turn.duration';
export const METRIC_STORE_COMMIT_DURATION = 'partner_desk.store.commit.duration';
export const METRIC_OUTBOX_PENDING = 'partner_desk.outbox.pending';
export const METRIC_OUTBOX_FAILED = 'partner_desk.outbox.failed';

/** Span and metric attributes of a turn: what kind of turn and how it ended, never what anyone typed. */
export const ATTR = {
  activityType: 'partner_desk.activity.type',
  activityName: 'partner_desk.activity.name',
  conversationType: 'partner_desk.conversation.type',
  command: 'partner_desk.command',
  verb: 'partner_desk.verb',
  outcome: 'partner_desk.outcome',
  durationMs: 'partner_desk.duration_ms',
  errorType: 'error.type',
} as const;

export type TurnOutcome = 'answered' | 'refused' | 'failed';

export function tracer(): Tracer {
  return trace.getTracer(INSTRUMENTATION_SCOPE);
}

export function meter(): Meter {
  return metrics.getMeter(INSTRUMENTATION_SCOPE);
}

/** Histograms are created once per meter provider: the first call after the SDK is registered creates them. */
const histograms = new WeakMap<Meter, Map<string, Histogram>>();

export function histogram(name: string, description: string): Histogram {
  const m = meter();
  let byName = histograms.get(m);
  if (!byName) histograms.set(m, (byName = new Map()));
  let h = byName.get(name);
  if (!h) byName.set(name, (h = m.createHistogram(name, { description, unit: 'ms' })));
  return h;
}
