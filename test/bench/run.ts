// `npm run bench`: how fast the bot answers over real HTTP, on the demo world grown to a few thousand
// organisations. Prints percentiles; it does not fail a build (timings are not tests).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createApp } from '../../src/app.js';
import { listen, shutdown } from '../../src/bot/server.js';
import { loadConfig } from '../../src/config.js';
import { DEMO_USERS, demoWorld } from '../../src/store/demo-world.js';
import { openLowdbStore } from '../../src/store/lowdb-store.js';
import { message, teamsActivity } from '../support/activities.js';
import { org } from '../support/world.js';

const EXTRA_ORGANIZATIONS = 3000;
const RUNS = 200;
const TEAMS_LIMIT_MS = 5000;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function measure(name: string, post: () => Promise<Response>): Promise<void> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    const response = await post();
    await response.text();
    if (response.status !== 200) throw new Error(`${name}: HTTP ${response.status}`);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const p95 = percentile(times, 95);
  console.log(
    `${name.padEnd(34)} p50 ${percentile(times, 50).toFixed(1)} ms  p95 ${p95.toFixed(1)} ms  max ${times.at(-1)!.toFixed(1)} ms  ${p95 < TEAMS_LIMIT_MS / 10 ? 'well within' : 'NOT well within'} Teams' ${TEAMS_LIMIT_MS} ms`,
  );
}

const dir = mkdtempSync(join(tmpdir(), 'partner-desk-bench-'));
const world = demoWorld(new Date());
for (let i = 0; i < EXTRA_ORGANIZATIONS; i++) {
  world.organizations!.push(
    org({ tenantId: `bench-${i}`, name: `Bench Customer ${i}`, primaryDomain: `bench${i}.example` }),
  );
}
const store = await openLowdbStore({ file: join(dir, 'store.json'), seed: world });
const app = createApp(loadConfig({ EXPIRY_GUARDIAN: 'false' }), {
  store,
  logger: { info: () => undefined, error: () => undefined },
});
const port = await listen(app.server, 0, '127.0.0.1');
const hana = DEMO_USERS[2]!;
const post = (body: unknown) =>
  fetch(`http://127.0.0.1:${port}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

console.log(`${world.organizations!.length} organisations, ${RUNS} requests each\n`);
await measure('message extension search "fabrikam"', () =>
  post(
    teamsActivity(hana, {
      type: 'invoke',
      name: 'composeExtension/query',
      deliveryMode: undefined,
      value: { commandId: 'status', parameters: [{ name: 'customer', value: 'fabrikam' }] },
    }),
  ),
);
await measure('message extension search misspelt', () =>
  post(
    teamsActivity(hana, {
      type: 'invoke',
      name: 'composeExtension/query',
      deliveryMode: undefined,
      value: { commandId: 'status', parameters: [{ name: 'customer', value: 'fabrikm' }] },
    }),
  ),
);
await measure('chat "status fabrikam"', () => post(message(hana, 'status fabrikam')));

app.stopTimers();
await shutdown(app.server, 1000);
await store.close();
rmSync(dir, { recursive: true, force: true });
