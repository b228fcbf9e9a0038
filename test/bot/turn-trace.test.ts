import { metrics, trace } from '@opentelemetry/api';
import {
  AggregationTemporality,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
  type HistogramMetricData,
  type ResourceMetrics,
} from '@opentelemetry/sdk-metrics';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SET_LANGUAGE_VERB } from '../../src/cards/whoami-card.js';
import { demoWorld } from '../../src/store/demo-world.js';
import { openLowdbStore } from '../../src/store/lowdb-store.js';
import { timedStore } from '../../src/telemetry/timed-store.js';
import { BotHarness } from '../support/bot-harness.js';
import { useBotWorld } from '../support/bot-world.js';
import { FailingDisk } from '../support/failing-disk.js';
import { NOW } from '../support/world.js';
import { persona } from '../support/personas.js';

const alex = persona('alex'); // Adatum admin agent
const hana = persona('hana'); // Adatum helpdesk agent: may not manage users
const carmen = persona('carmen'); // Contoso global admin

const spans = new InMemorySpanExporter();
const reader = new PeriodicExportingMetricReader({
  exporter: new InMemoryMetricExporter(AggregationTemporality.DELTA),
  exportIntervalMillis: 3_600_000,
});
const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] });
const meterProvider = new MeterProvider({ readers: [reader] });

beforeAll(() => {
  trace.setGlobalTracerProvider(tracerProvider);
  metrics.setGlobalMeterProvider(meterProvider);
});
afterAll(async () => {
  await tracerProvider.shutdown();
  await meterProvider.shutdown();
  trace.disable();
  metrics.disable();
});
beforeEach(() => spans.reset());

const turnSpans = () => spans.getFinishedSpans().filter((s) => s.name === 'partner_desk.turn');

async function histograms() {
  const { resourceMetrics } = await reader.collect();
  return (name: string) => histogramPoints(resourceMetrics, name);
}

function histogramPoints(resourceMetrics: ResourceMetrics, name: string) {
  const metric = resourceMetrics.scopeMetrics.flatMap((s) => s.metrics).find((m) => m.descriptor.name === name);
  return ((metric as HistogramMetricData | undefined)?.dataPoints ?? []).map((p) => ({
    attributes: p.attributes,
    count: p.value.count,
  }));
}

describe('a span per turn, exported over OpenTelemetry', () => {
  const world = useBotWorld();

  it.each([
    ['a command', alex, (h: BotHarness) => h.say('help'), { command: 'help', outcome: 'answered', type: 'message' }],
    [
      'a refused command',
      hana,
      (h: BotHarness) => h.say('users'),
      { command: 'users', outcome: 'refused', type: 'message' },
    ],
    [
      'a card verb',
      carmen,
      (h: BotHarness) => h.click(SET_LANGUAGE_VERB, { language: 'es' }),
      { verb: SET_LANGUAGE_VERB, outcome: 'answered', type: 'invoke' },
    ],
  ] as const)('%s: activity type, command or verb, outcome, duration', async (_case, person, act, expected) => {
    const bot = world.harness(person);
    await act(bot);
    const [span, ...others] = turnSpans();
    expect(others).toEqual([]);
    const a = span!.attributes;
    expect(a['partner_desk.activity.type']).toBe(expected.type);
    expect(a['partner_desk.outcome']).toBe(expected.outcome);
    expect(a['partner_desk.command']).toBe('command' in expected ? expected.command : undefined);
    expect(a['partner_desk.verb']).toBe('verb' in expected ? expected.verb : undefined);
    expect(typeof a['partner_desk.duration_ms']).toBe('number');
    expect(span!.ended).toBe(true);
  });

  it('never carries what the person typed', async () => {
    const bot = world.harness(hana);
    await bot.say('status fabrikam');
    await bot.say('accept ABCD-EFGH-JKLM');
    const values = turnSpans().flatMap((s) => Object.values(s.attributes).map(String));
    expect(values.length).toBeGreaterThan(0);
    expect(values.join(' ')).not.toMatch(/fabrikam|ABCD|EFGH/i);
  });

  it('records turn latency and store commit latency as histograms', async () => {
    const bot = new BotHarness(timedStore(world.store), carmen);
    await reader.collect(); // delta temporality: what earlier tests recorded is not counted below
    try {
      await bot.click(SET_LANGUAGE_VERB, { language: 'es' });
    } finally {
      bot.stop();
    }
    const points = await histograms();
    expect(points('partner_desk.turn.duration')).toContainEqual({
      attributes: {
        'partner_desk.activity.type': 'invoke',
        'partner_desk.outcome': 'answered',
        'partner_desk.verb': SET_LANGUAGE_VERB,
      },
      count: 1,
    });
    const commits = points('partner_desk.store.commit.duration');
    expect(commits.find((p) => p.attributes['partner_desk.store.result'] === 'ok')?.count).toBeGreaterThan(0);
  });
});

describe('a failed turn', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('ends its span as failed, with the error class and status, when the disk is full', async () => {
    dir = mkdtempSync(join(tmpdir(), 'partner-desk-trace-'));
    const disk = new FailingDisk();
    const store = await openLowdbStore({
      file: join(dir, 'store.json'),
      seed: demoWorld(NOW),
      openFile: disk.openFile,
    });
    const bot = new BotHarness(store, carmen);
    try {
      disk.full = true;
      await bot.say('language es');
    } finally {
      bot.stop();
      await store.close();
    }
    const failed = turnSpans().filter((s) => s.attributes['partner_desk.outcome'] === 'failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]!.attributes['partner_desk.command']).toBe('language');
    expect(failed[0]!.attributes['error.type']).toBe('StorageUnavailableError');
    expect(failed[0]!.status.code).toBe(2); // SpanStatusCode.ERROR
  });
});
