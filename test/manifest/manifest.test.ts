import { execFileSync, spawnSync } from 'node:child_process';
import { STATUS_SEARCH_PARAMETER } from '../../src/bot/workflows/helpdesk/message-extension.js';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../src/app.js';
import { COMMANDS, type CommandDefinition } from '../../src/bot/commands.js';
import { loadConfig } from '../../src/config.js';
import {
  BOT_SCOPES,
  LOCAL_TEAMS_APP_ID,
  PLACEHOLDER_DEVELOPER_URLS,
  buildManifest,
  commandMenu,
  manifestEnvFrom,
  type ManifestJson,
} from '../../src/tools/manifest.js';
import { writeIcons } from '../../src/tools/make-icons.js';
import { decodePng } from '../../src/tools/png.js';
import { readZip } from '../../src/tools/zip.js';
import { tempStore } from '../support/world.js';

const ROOT = process.cwd();
const MANIFEST_DIR = join(ROOT, 'manifest');
const TOOLS = join(ROOT, 'dist', 'src', 'tools');
const template = readFileSync(join(MANIFEST_DIR, 'manifest.template.json'), 'utf8');
const env = { teamsAppId: LOCAL_TEAMS_APP_ID, botId: '11111111-2222-3333-4444-555555555555' };

/** Preloaded in child processes: any socket, DNS lookup or fetch throws, so "offline" is checked, not assumed. */
const NO_NETWORK =
  'data:text/javascript,import net from "node:net"; import dns from "node:dns";' +
  ' const no = () => { throw new Error("network access attempted"); };' +
  ' net.Socket.prototype.connect = no; dns.lookup = no; globalThis.fetch = no;';

/** Runs the official schema validation in a plain Node process (see manifest-validation.ts), offline. */
function validateManifest(manifest: unknown): string[] {
  const out = execFileSync(process.execPath, ['--import', NO_NETWORK, join(TOOLS, 'manifest-validation.js')], {
    input: JSON.stringify(manifest),
  });
  return JSON.parse(out.toString()) as string[];
}

/** `npm run package` (without the build step) in a temporary folder, offline. */
function runPackage(vars: Record<string, string>, cwd: string) {
  return spawnSync(process.execPath, ['--import', NO_NETWORK, join(TOOLS, 'package-app.js')], {
    cwd, // no .env there: only the variables given here count
    env: { ...process.env, TEAMS_APP_ID: '', BOT_DOMAIN: '', MicrosoftAppId: '', PACKAGE_OUT_DIR: cwd, ...vars },
    encoding: 'utf8',
  });
}

/** Width and height straight from the IHDR chunk, which must follow the PNG signature. */
function ihdrSize(png: Buffer): [number, number] {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(png.toString('ascii', 12, 16)).toBe('IHDR');
  return [png.readUInt32BE(16), png.readUInt32BE(20)];
}

const inManifest = COMMANDS.filter((c) => c.inManifest).map((c) => ({ title: c.title, description: c.description }));

describe('Teams app manifest', () => {
  it('validates with no errors against the official 1.30 schema, offline', () => {
    const manifest = buildManifest(template, COMMANDS, { ...env, botDomains: ['desk.example.com'] });
    expect(validateManifest(manifest)).toEqual([]);
    expect(manifest.$schema).toBe(
      'https://developer.microsoft.com/en-us/json-schemas/teams/v1.30/MicrosoftTeams.schema.json',
    );
    expect(manifest.manifestVersion).toBe('1.30');
    expect(manifest.validDomains).toEqual(['desk.example.com']);
    expect(JSON.stringify(manifest)).not.toContain('${{');
  });

  it('describes the search box: the parameter the bot reads, with a title and a hint to type, required', () => {
    const manifest = buildManifest(template, COMMANDS, env) as unknown as {
      composeExtensions: { commands: { id: string; type: string; parameters: Record<string, unknown>[] }[] }[];
    };
    const [status] = manifest.composeExtensions[0]!.commands.filter((c) => c.type === 'query');
    expect(status!.parameters).toEqual([
      expect.objectContaining({ name: STATUS_SEARCH_PARAMETER, inputType: 'text', isRequired: true }),
    ]);
    const [parameter] = status!.parameters as { title: string; description: string }[];
    expect(parameter!.title).toMatch(/customer/i);
    expect(parameter!.description).toMatch(/^Type /);
  });

  it('the schema validation does fail on a broken manifest (empty bot id, app id not a GUID)', () => {
    const problems = validateManifest(buildManifest(template, COMMANDS, { teamsAppId: 'not-a-guid', botId: '' }));
    expect(problems.some((p) => p.startsWith('/id '))).toBe(true);
    expect(problems.some((p) => p.startsWith('/bots/0/botId '))).toBe(true);
  });

  it('fills the app id and the bot id (bot and message extension) from the environment', () => {
    const manifest = buildManifest(template, COMMANDS, env) as ManifestJson & {
      id: string;
      bots: { scopes: string[]; supportsFiles: boolean; isNotificationOnly: boolean }[];
      composeExtensions: { botId: string; commands: Record<string, unknown>[] }[];
      permissions: string[];
    };
    expect(manifest.id).toBe(env.teamsAppId);
    expect(manifest.bots[0]).toMatchObject({
      botId: env.botId,
      scopes: ['personal', 'groupChat', 'team'],
      supportsFiles: false,
      isNotificationOnly: false,
    });
    expect(manifest.composeExtensions).toHaveLength(1);
    expect(manifest.composeExtensions[0]!.botId).toBe(env.botId);
    expect(manifest.composeExtensions[0]!.commands).toEqual([
      expect.objectContaining({
        id: 'status',
        type: 'query',
        title: 'Relationship status',
        context: ['compose', 'commandBox'],
        parameters: [expect.objectContaining({ name: 'customer', title: 'Customer name or domain' })],
      }),
    ]);
    expect(manifest.permissions).toEqual(['identity', 'messageTeamMembers']);
    expect(manifest.validDomains).toEqual([]);
  });

  it('commandLists has one list per scope, each exactly the inManifest commands of commands.ts', () => {
    const { bots } = buildManifest(template, COMMANDS, env);
    expect(bots[0]!.commandLists.map((l) => l.scopes)).toEqual(BOT_SCOPES.map((s) => [s]));
    for (const list of bots[0]!.commandLists) {
      expect(list.commands).toEqual(inManifest);
      expect(list.commands.length).toBeLessThanOrEqual(10);
      for (const c of list.commands) {
        expect(c.title.length).toBeLessThanOrEqual(32);
        expect(c.description.length).toBeLessThanOrEqual(128);
      }
    }
  });

  it('refuses a command table beyond Teams limits instead of cutting it', () => {
    const command = (n: number, over: Partial<CommandDefinition> = {}): CommandDefinition => ({
      ...COMMANDS[0]!,
      title: `command ${n}`,
      inManifest: true,
      ...over,
    });
    const eleven = Array.from({ length: 11 }, (_, n) => command(n));
    expect(() => commandMenu(eleven)).toThrow(/11 commands .* at most 10/);
    expect(() => commandMenu([command(1, { title: 'x'.repeat(33) })])).toThrow(/title "x+" must be 1 to 32/);
    expect(() => commandMenu([command(1, { description: 'x'.repeat(129) })])).toThrow(/must be 1 to 128/);
    expect(commandMenu(eleven.map((c, n) => ({ ...c, inManifest: n < 10 })))).toHaveLength(10);
  });

  it('reads the environment: MicrosoftAppId required, TEAMS_APP_ID defaulted, BOT_DOMAIN as host names', () => {
    expect(() => manifestEnvFrom({ MicrosoftAppId: '  ' })).toThrow(/MicrosoftAppId is empty/);
    expect(manifestEnvFrom({ MicrosoftAppId: env.botId })).toEqual({
      teamsAppId: LOCAL_TEAMS_APP_ID,
      botId: env.botId,
      botDomains: [],
      developerUrls: PLACEHOLDER_DEVELOPER_URLS,
    });
    expect(
      manifestEnvFrom({
        MicrosoftAppId: env.botId,
        TEAMS_APP_ID: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
        BOT_DOMAIN: 'https://desk.example.com/api/messages, *.example.org',
        APP_WEBSITE_URL: 'https://adatum.example.org',
        APP_PRIVACY_URL: 'https://adatum.example.org/privacy',
        APP_TERMS_URL: 'https://adatum.example.org/terms',
      }),
    ).toEqual({
      teamsAppId: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
      botId: env.botId,
      botDomains: ['desk.example.com', '*.example.org'],
      developerUrls: {
        website: 'https://adatum.example.org',
        privacy: 'https://adatum.example.org/privacy',
        terms: 'https://adatum.example.org/terms',
      },
    });
    expect(() => manifestEnvFrom({ MicrosoftAppId: env.botId, APP_PRIVACY_URL: 'http://adatum.example.org' })).toThrow(
      /APP_PRIVACY_URL must be an https:\/\/ URL/,
    );
  });

  it('takes the developer pages from the environment (the placeholders only when unset)', () => {
    const urls = {
      website: 'https://a.example.org',
      privacy: 'https://a.example.org/p',
      terms: 'https://a.example.org/t',
    };
    expect(buildManifest(template, COMMANDS, { ...env, developerUrls: urls }).developer).toEqual({
      name: 'Partner Desk',
      websiteUrl: urls.website,
      privacyUrl: urls.privacy,
      termsOfUseUrl: urls.terms,
    });
  });

  it("every command in the menu is answered by the bot's router", async () => {
    const { store, dispose } = await tempStore();
    const app = createApp(loadConfig({}), { store });
    try {
      for (const command of COMMANDS.filter((c) => c.inManifest))
        expect([command.id, app.bot.available.has(command.id)]).toEqual([command.id, true]);
    } finally {
      app.stopTimers();
      await dispose();
    }
  });
});

describe('Teams app icons', () => {
  it('color.png is 192×192, opaque and in colour', () => {
    const file = readFileSync(join(MANIFEST_DIR, 'color.png'));
    expect(ihdrSize(file)).toEqual([192, 192]);
    const { width, height, rgba } = decodePng(file);
    expect([width, height]).toEqual([192, 192]);
    let notOpaque = 0;
    let coloured = 0;
    for (let i = 0; i < rgba.length; i += 4) {
      if (rgba[i + 3] !== 255) notOpaque++;
      if (rgba[i] !== rgba[i + 1] || rgba[i + 1] !== rgba[i + 2]) coloured++;
    }
    expect(notOpaque).toBe(0);
    expect(coloured).toBeGreaterThan(width * height * 0.5);
  });

  it('outline.png is 32×32 with only white or fully transparent pixels', () => {
    const file = readFileSync(join(MANIFEST_DIR, 'outline.png'));
    expect(ihdrSize(file)).toEqual([32, 32]);
    const { rgba } = decodePng(file);
    let white = 0;
    let transparent = 0;
    for (let i = 0; i < rgba.length; i += 4) {
      const [r, g, b, a] = rgba.subarray(i, i + 4);
      if (r === 255 && g === 255 && b === 255 && a === 255) white++;
      else if (a === 0) transparent++;
    }
    expect(white + transparent).toBe(32 * 32);
    expect(white).toBeGreaterThan(0);
    expect(transparent).toBeGreaterThan(0);
  });

  it('are what src/tools/make-icons.ts generates', () => {
    const dir = mkdtempSync(join(tmpdir(), 'partner-desk-icons-'));
    try {
      writeIcons(dir);
      for (const name of ['color.png', 'outline.png'])
        expect(readFileSync(join(dir, name))).toEqual(readFileSync(join(MANIFEST_DIR, name)));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('npm run package', () => {
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'partner-desk-package-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes partner-desk.zip with manifest.json, color.png and outline.png at its root', () => {
    const pages = {
      APP_WEBSITE_URL: 'https://adatum.example.org',
      APP_PRIVACY_URL: 'https://adatum.example.org/privacy',
      APP_TERMS_URL: 'https://adatum.example.org/terms',
    };
    const run = runPackage({ MicrosoftAppId: env.botId, BOT_DOMAIN: 'desk.example.com', ...pages }, dir);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const file = join(dir, 'partner-desk.zip');
    const entries = readZip(readFileSync(file));
    expect(entries.map((e) => e.name).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const data = (name: string) => entries.find((e) => e.name === name)!.data;
    expect(JSON.parse(data('manifest.json').toString('utf8'))).toEqual(
      buildManifest(template, COMMANDS, {
        ...env,
        botDomains: ['desk.example.com'],
        developerUrls: { website: pages.APP_WEBSITE_URL, privacy: pages.APP_PRIVACY_URL, terms: pages.APP_TERMS_URL },
      }),
    );
    expect(data('color.png')).toEqual(readFileSync(join(MANIFEST_DIR, 'color.png')));
    expect(data('outline.png')).toEqual(readFileSync(join(MANIFEST_DIR, 'outline.png')));

    // A second opinion from Info-ZIP, where installed: lists the same three files and their CRCs check.
    if (spawnSync('unzip', ['-v']).status === 0) {
      expect(execFileSync('unzip', ['-Z1', file], { encoding: 'utf8' }).trim().split('\n').sort()).toEqual([
        'color.png',
        'manifest.json',
        'outline.png',
      ]);
      expect(spawnSync('unzip', ['-tq', file]).status).toBe(0);
    }
  });

  it('warns that the example.com developer pages block a store submission', () => {
    const run = runPackage({ MicrosoftAppId: env.botId }, dir);
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('set APP_WEBSITE_URL, APP_PRIVACY_URL, APP_TERMS_URL before publishing');
  });

  it('refuses to package without MicrosoftAppId, naming the variable', () => {
    const run = runPackage({ MicrosoftAppId: '' }, dir);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/MicrosoftAppId is empty/);
    expect(existsSync(join(dir, 'partner-desk.zip'))).toBe(false);
  });
});
