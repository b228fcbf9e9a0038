import { join } from 'node:path';
import { loadConfig, loadDotEnv } from '../config.js';
import { PROJECT_ROOT } from '../paths.js';
import { DEMO_PERSONAS, demoWorld } from '../store/demo-world.js';
import type { User } from '../domain/model.js';
import { startPlayground } from './playground.js';

/**
 * The Agents Toolkit's F5 in the playground (`npm run dev:toolkit:launch-playground`): one Microsoft 365
 * Agents Playground acting as PLAYGROUND_PERSONA, for a bot the toolkit already started. `npm start`
 * does the same for several personas at once, and starts the bot itself.
 */
async function main(): Promise<void> {
  loadDotEnv('.localConfigs.playground');
  const config = loadConfig();
  const key = process.env.PLAYGROUND_PERSONA || 'partner-admin-agent';
  const persona = DEMO_PERSONAS.find((p) => p.key === key);
  if (!persona) {
    throw new Error(
      `PLAYGROUND_PERSONA=${key} is no demo persona: use one of ${DEMO_PERSONAS.map((p) => p.key).join(', ')}`,
    );
  }
  const users = (demoWorld(new Date()).users ?? []) as User[];
  const user = users.find((u) => u.id === persona.userId);
  if (!user) throw new Error(`Persona ${key} has no user in the demo world`);
  const playground = await startPlayground({
    name: key,
    user,
    colleagues: users,
    port: Number(process.env.TEAMSAPPTESTER_PORT || 56150),
    botEndpoint: `http://127.0.0.1:${config.port}/api/messages`,
    workDir: join(PROJECT_ROOT, '.local', 'playground'),
  });
  const stop = () => {
    playground.child.kill('SIGTERM');
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  playground.child.once('exit', (code) => {
    console.error(`The playground stopped (exit code ${code}).`);
    process.exit(code ?? 1);
  });
  // The toolkit's task waits for this line before it opens the browser.
  console.log(`${persona.label}, ${user.name}: Listening on ${playground.url}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
