import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { User } from '../domain/model.js';
import { PROJECT_ROOT } from '../paths.js';

/** The playground's configuration (schema 0.1.1): one tenant and one acting user per process. */
export function playgroundConfig(current: User, colleagues: User[], botId = 'partner-desk-bot'): string {
  // The playground needs exactly five users besides the current one, all with distinct ids: colleagues
  // from the same organisation first, then stand-ins the bot does not know.
  const people = colleagues.filter((u) => u.tenantId === current.tenantId && u.id !== current.id).slice(0, 5);
  for (let i = people.length; i < 5; i++) {
    people.push({
      ...current,
      id: `stand-in-${i}`,
      aadObjectId: `00000000-0000-4000-8000-00000000000${i}`,
      name: `Colleague ${i}`,
      email: `colleague${i}@example.invalid`,
    });
  }
  const yamlUser = (u: User) => {
    const [givenName = u.name, ...rest] = u.name.split(' ');
    return [
      `  - id: "29:${u.aadObjectId}"`,
      `    name: ${JSON.stringify(u.name)}`,
      `    userPrincipleName: ${JSON.stringify(u.email)}`,
      `    aadObjectId: ${JSON.stringify(u.aadObjectId)}`,
      `    givenName: ${JSON.stringify(givenName)}`,
      `    surname: ${JSON.stringify(rest.join(' ') || givenName)}`,
      `    email: ${JSON.stringify(u.email)}`,
    ].join('\n');
  };
  return [
    'version: "0.1.1"',
    `tenantId: ${JSON.stringify(current.tenantId)}`,
    'bot:',
    `  id: ${JSON.stringify(botId)}`,
    '  name: "Partner Desk"',
    'currentUser:',
    yamlUser(current)
      .replace(/^ {2}- /, '  ')
      .replace(/\n {4}/g, '\n  '),
    'users:',
    ...people.map(yamlUser),
    'personalChat:',
    `  id: ${JSON.stringify(`personal-${current.aadObjectId}`)}`,
    'groupChat:',
    `  id: ${JSON.stringify(`group-${current.tenantId}`)}`,
    '  name: "Partner Desk group chat"',
    'team:',
    `  id: ${JSON.stringify(`team-${current.tenantId}`)}`,
    '  name: "Partner Desk team"',
    `  aadGroupId: ${JSON.stringify(current.tenantId.replace(/^.{8}/, 'eeeeeeee'))}`,
    '  channels:',
    `    - id: ${JSON.stringify(`channel-${current.tenantId}`)}`,
    '      name: "General"',
    '',
  ].join('\n');
}

export interface PlaygroundProcess {
  child: ChildProcess;
  port: number;
  url: string;
}

/** Starts one playground on loopback, for one persona; resolves once it listens. */
export async function startPlayground(options: {
  name: string;
  user: User;
  colleagues: User[];
  port: number;
  botEndpoint: string;
  workDir: string;
}): Promise<PlaygroundProcess> {
  const dir = join(options.workDir, options.name);
  mkdirSync(dir, { recursive: true });
  const configPath = join(dir, '.m365agentsplayground.yml');
  writeFileSync(configPath, playgroundConfig(options.user, options.colleagues));
  const cli = join(PROJECT_ROOT, 'node_modules', '@microsoft', 'm365agentsplayground', 'cli.js');
  const child = spawn(
    process.execPath,
    [
      '-r',
      join(PROJECT_ROOT, 'src', 'local', 'loopback-only.cjs'),
      cli,
      '-e',
      options.botEndpoint,
      '-c',
      'msteams',
      '-p',
      String(options.port),
      '--disable-telemetry',
      '--service-url',
      `http://127.0.0.1:${options.port}/_connector`,
    ],
    {
      cwd: dir,
      env: {
        ...process.env,
        TEAMSAPPTESTER_BROWSER: 'none',
        M365_AGENTS_PLAYGROUND_CONFIG_PATH: configPath,
        M365_AGENTS_PLAYGROUND_LOGFILE: join(dir, 'playground.log'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`Playground ${options.name} did not start; see ${dir}/playground.log`)),
      60_000,
    );
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Playground ${options.name} exited (${code}); see ${dir}/playground.log`));
    });
    child.stdout?.on('data', (chunk: Buffer) => {
      const match = /Listening on (\d+)/.exec(chunk.toString());
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
  });
  if (port !== options.port) {
    child.kill('SIGTERM');
    throw new Error(`Port ${options.port} was taken; the playground for ${options.name} would have used ${port}`);
  }
  const url = `http://127.0.0.1:${port}`;
  // It says "Listening" before reading its config, and a bad config only shows in its log: ask it.
  const config = await fetch(`${url}/_internal/v1/config`).catch((error: unknown) => error as Error);
  if (config instanceof Error || !config.ok) {
    child.kill('SIGTERM');
    const why = config instanceof Error ? config.message : `HTTP ${config.status}`;
    throw new Error(`Playground ${options.name} failed to start (${why}); see ${dir}/playground.log`);
  }
  return { child, port, url };
}
