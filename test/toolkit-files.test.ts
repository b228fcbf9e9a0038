import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { CONFIG_VARIABLES } from '../src/config.js';
import { DEMO_PERSONAS } from '../src/store/demo-world.js';
import { MANIFEST_VARIABLES, PACKAGE_FILE } from '../src/tools/manifest.js';

/** The Agents Toolkit's project files, checked against what the project really reads, runs and writes. */
const ROOT = process.cwd();
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');
const packageScripts = Object.keys((JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts);

interface Action {
  uses: string;
  env?: Record<string, string>;
  with?: Record<string, unknown>;
  writeToEnvironmentFile?: Record<string, string>;
}
type Project = { version: string } & Partial<Record<'provision' | 'deploy' | 'publish', Action[]>>;

/** Each project file with the environment file its variables come from. */
const PROJECTS = [
  ['m365agents.yml', 'env/.env.dev'],
  ['m365agents.local.yml', 'env/.env.local'],
  ['m365agents.playground.yml', 'env/.env.playground'],
] as const;
const project = (file: string) => parse(read(file)) as Project;
const actions = (p: Project) => [...(p.provision ?? []), ...(p.deploy ?? []), ...(p.publish ?? [])];
const envNames = (file: string) =>
  read(file)
    .split('\n')
    .map((l) => /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(l)?.[1])
    .filter((n): n is string => !!n);
/** `npm run x` (tasks) or `run x` (runNpmCommand args): the script x. */
const scriptOf = (command: string) => /(?:^|npm )run ([\w:.-]+)/.exec(command)?.[1];
/** Names the App Service itself reads, not the bot. */
const AZURE_SETTINGS = ['WEBSITES_ENABLE_APP_SERVICE_STORAGE', 'SCM_DO_BUILD_DURING_DEPLOYMENT'];

describe('the Agents Toolkit project files', () => {
  it.each(PROJECTS)('%s is valid against the toolkit schema of its version (bundled in the CLI)', (file) => {
    const p = project(file);
    const cli = dirname(createRequire(import.meta.url).resolve('@microsoft/m365agentstoolkit-cli/package.json'));
    const schemaFile = join(cli, 'resource', 'yaml-schema', p.version, 'yaml.schema.json');
    expect(existsSync(schemaFile)).toBe(true);
    const ajv = new Ajv({ strict: false, allErrors: true });
    const validate = ajv.compile(JSON.parse(readFileSync(schemaFile, 'utf8')) as object);
    expect(validate(p) ? [] : validate.errors?.map((e) => `${e.instancePath} ${e.message}`)).toEqual([]);
  });

  it.each(PROJECTS)('%s runs only npm scripts that exist in package.json', (file) => {
    const scripts = actions(project(file))
      .filter((a) => a.uses === 'cli/runNpmCommand')
      .map((a) => scriptOf(String(a.with?.args)))
      .filter((s): s is string => !!s);
    for (const script of scripts) expect(packageScripts).toContain(script);
  });

  it.each(PROJECTS)('%s starts the bot with only variables src/config.ts reads', (file) => {
    const written = actions(project(file))
      .filter((a) => a.uses === 'file/createOrUpdateEnvironmentFile')
      .flatMap((a) => Object.keys((a.with?.envs ?? {}) as object));
    // On Azure the App Service settings start the bot (infra/azure.bicep, checked below).
    if (file !== 'm365agents.yml') expect(written.length).toBeGreaterThan(0);
    for (const name of written) expect(CONFIG_VARIABLES).toContain(name);
  });

  it.each(PROJECTS)(
    '%s builds the package with `npm run package` and the variables it reads, and validates that zip',
    (file) => {
      const all = actions(project(file));
      const packaging = all.filter((a) => a.uses === 'cli/runNpmCommand' && a.with?.args === 'run package');
      for (const step of packaging) {
        expect(Object.keys(step.env ?? {})).toContain('MicrosoftAppId');
        for (const name of Object.keys(step.env ?? {})) expect(MANIFEST_VARIABLES).toContain(name);
      }
      const zips = all.filter((a) => a.with?.appPackagePath).map((a) => a.with?.appPackagePath);
      for (const zip of zips) expect(zip).toBe(`./${PACKAGE_FILE}`);
      expect(all.some((a) => a.uses === 'teamsApp/zipAppPackage')).toBe(false); // the project's own package only
      if (file !== 'm365agents.playground.yml') expect(packaging.length).toBeGreaterThan(0);
      expect(existsSync(join(ROOT, 'manifest', 'manifest.template.json'))).toBe(true);
    },
  );

  it.each(PROJECTS)('every ${{VARIABLE}} %s uses is declared in %s or written by an earlier step', (file, envFile) => {
    const p = project(file);
    const known = new Set([...envNames(envFile), ...bicepOutputs()]);
    for (const action of actions(p)) {
      const used = [...JSON.stringify(action).matchAll(/\$\{\{(\w+)\}\}/g)].map((m) => m[1]!);
      // Secrets live in the .user file beside the environment file, which is not committed.
      for (const name of used) if (!name.startsWith('SECRET_')) expect([name, known.has(name)]).toEqual([name, true]);
      for (const name of Object.values(action.writeToEnvironmentFile ?? {})) known.add(name);
    }
  });

  it('the files the projects name exist (Bicep templates and parameters)', () => {
    const templates = actions(project('m365agents.yml'))
      .filter((a) => a.uses === 'arm/deploy')
      .flatMap((a) => a.with?.templates as { path: string; parameters: string }[]);
    expect(templates.length).toBeGreaterThan(0);
    for (const t of templates) {
      expect(existsSync(join(ROOT, t.path))).toBe(true);
      expect(existsSync(join(ROOT, t.parameters))).toBe(true);
    }
  });

  it('the App Service gives the bot only settings src/config.ts reads, with a writable store on /home', () => {
    const bicep = read('infra/azure.bicep');
    const settings = [...bicep.matchAll(/name: '([A-Za-z_]+)'\s*\n\s*value: /g)].map((m) => m[1]!);
    expect(settings).toContain('STORE_FILE');
    for (const name of settings) if (!AZURE_SETTINGS.includes(name)) expect(CONFIG_VARIABLES).toContain(name);
    expect(bicep).toMatch(/name: 'STORE_FILE'\s*\n\s*value: '\/home\//);
    expect(bicep).toMatch(/appCommandLine: 'node dist\/src\/index\.js'/);
    expect(packageScripts).toContain('build');
  });

  it('VS Code: every launch compound and task dependency names a task that exists, and shell tasks run real scripts', () => {
    const tasks = (
      JSON.parse(read('.vscode/tasks.json')) as {
        tasks: { label: string; dependsOn?: string[]; type?: string; command?: string }[];
      }
    ).tasks;
    const launch = JSON.parse(read('.vscode/launch.json')) as {
      configurations: { name: string }[];
      compounds: { name: string; configurations: string[]; preLaunchTask: string }[];
    };
    const labels = tasks.map((t) => t.label);
    const configurations = launch.configurations.map((c) => c.name);
    expect(launch.compounds.map((c) => c.name)).toEqual(
      expect.arrayContaining(['Debug in Microsoft 365 Agents Playground', 'Debug in Teams (Edge)']),
    );
    for (const compound of launch.compounds) {
      expect(labels).toContain(compound.preLaunchTask);
      for (const c of compound.configurations) expect(configurations).toContain(c);
    }
    for (const task of tasks) for (const d of task.dependsOn ?? []) expect(labels).toContain(d);
    const shellScripts = tasks.filter((t) => t.type === 'shell').map((t) => scriptOf(t.command ?? ''));
    expect(shellScripts.length).toBeGreaterThan(0);
    for (const script of shellScripts) expect(packageScripts).toContain(script);
  });

  it('the playground acts as a demo persona on the port the prerequisites check', () => {
    const env = Object.fromEntries(
      read('env/.env.playground')
        .split('\n')
        .map((l) => /^(\w+)=(.*)$/.exec(l))
        .filter((m): m is RegExpExecArray => !!m)
        .map((m) => [m[1], m[2]]),
    ) as Record<string, string>;
    expect(DEMO_PERSONAS.map((p) => p.key)).toContain(env.PLAYGROUND_PERSONA);
    const tasks = read('.vscode/tasks.json');
    expect(tasks).toContain(String(Number(env.TEAMSAPPTESTER_PORT)));
  });
});

function bicepOutputs(): string[] {
  return [...read('infra/azure.bicep').matchAll(/^output (\w+) /gm)].map((m) => m[1]!);
}
