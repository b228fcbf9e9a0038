import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { loadConfig, loadDotEnv } from './config.js';
import { startPlayground, type PlaygroundProcess } from './local/playground.js';
import { freePort } from './local/free-port.js';
import { personaTable } from './local/persona-table.js';
import { PROJECT_ROOT } from './paths.js';
import { DEMO_PERSONAS, demoWorld } from './store/demo-world.js';
import type { User } from './domain/model.js';

const FIRST_PLAYGROUND_PORT = 56150;
/** The personas that get a playground of their own (the playground cannot switch users). */
const LOCAL_PERSONAS = Number(process.env.LOCAL_PERSONAS ?? 6);

/**
 * Local mode for newcomers: the bot without credentials on loopback, and one Microsoft 365 Agents
 * Playground per demo persona, each acting as that person in their own organisation.
 */
async function main(): Promise<void> {
  loadDotEnv();
  const config = loadConfig();
  if (!config.localMode) {
    throw new Error('npm start is local mode: leave MicrosoftAppId empty (use `npm run serve` with credentials).');
  }
  const children: ChildProcess[] = [];
  const stopAll = () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  };
  process.on('SIGINT', () => (stopAll(), process.exit(0)));
  process.on('SIGTERM', () => (stopAll(), process.exit(0)));
  process.on('exit', stopAll);

  // restify reads process.binding('http_parser'): a warning about a dependency, not something a newcomer can act on.
  const bot = spawn(process.execPath, ['--disable-warning=DEP0111', join(PROJECT_ROOT, 'dist', 'src', 'index.js')], {
    stdio: 'inherit',
    env: process.env,
  });
  children.push(bot);
  bot.once('exit', (code) => {
    console.error(`The bot stopped (exit code ${code}); stopping the playgrounds.`);
    stopAll();
    process.exit(code ?? 1);
  });
  const botUrl = `http://127.0.0.1:${config.port}`;
  await waitForHealth(`${botUrl}/healthz`);

  const users = (demoWorld(new Date()).users ?? []) as User[];
  const started: { label: string; name: string; org: string; playground: PlaygroundProcess }[] = [];
  const orgs = demoWorld(new Date()).organizations ?? [];
  const ports = new Set<number>();
  for (const [index, persona] of DEMO_PERSONAS.slice(0, LOCAL_PERSONAS).entries()) {
    const user = users.find((u) => u.id === persona.userId);
    if (!user) throw new Error(`Persona ${persona.key} has no user in the demo world`);
    const port = await freePort(FIRST_PLAYGROUND_PORT + index, ports);
    ports.add(port);
    const playground = await startPlayground({
      name: persona.key,
      user,
      colleagues: users,
      port,
      botEndpoint: `${botUrl}/api/messages`,
      workDir: join(PROJECT_ROOT, '.local', 'playground'),
    });
    children.push(playground.child);
    const org = orgs.find((o) => o.tenantId === user.tenantId)?.name ?? user.tenantId;
    started.push({ label: persona.label, name: user.name, org, playground });
  }

  console.log('\nPartner Desk is running in local mode. Open a persona in your browser:\n');
  console.log(
    personaTable(
      started.map((s) => ({ persona: s.label, person: s.name, organisation: s.org, url: s.playground.url })),
    ),
  );
  const rest = DEMO_PERSONAS.length - started.length;
  if (rest > 0)
    console.log(`\n${rest} more personas: LOCAL_PERSONAS=${DEMO_PERSONAS.length} npm start opens all of them.`);
  console.log(
    "\nA persona's chat receives cards (invitations, approvals, notifications) only while its page is open:" +
      ' keep the pages of both sides open when you try a journey.',
  );
  console.log('Press Ctrl+C to stop the bot and every playground.\n');
}

async function waitForHealth(url: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`The bot did not answer ${url} within 30 s`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
