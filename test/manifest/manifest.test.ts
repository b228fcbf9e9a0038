import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../src/app.js';
import { COMMANDS } from '../../src/bot/commands.js';
import { loadConfig } from '../../src/config.js';
import { PROJECT_ROOT } from '../../src/paths.js';
import { buildManifest } from '../../src/tools/manifest.js';
import { decodePng } from '../../src/tools/png.js';
import { zipEntryNames } from '../../src/tools/zip.js';
import { tempStore } from '../support/world.js';

const template = readFileSync(join(PROJECT_ROOT, 'manifest', 'manifest.template.json'), 'utf8');
const TOOLS = join(PROJECT_ROOT, 'dist', 'src', 'tools');

/** Runs the official schema validation in a plain Node process (see manifest-validation.ts). */
async function validateManifest(manifest: unknown): Promise<string[]> {
  const out = execFileSync(process.execPath, [join(TOOLS, 'manifest-validation.js')], {
    input: JSON.stringify(manifest),
  });
  return JSON.parse(out.toString()) as string[];
}

function packageApp(appId: string, out: string): string {
  execFileSync(process.execPath, [join(TOOLS, 'package-app.js')], {
    env: { ...process.env, MicrosoftAppId: appId, PACKAGE_OUT_DIR: out },
    stdio: 'pipe',
  });
  return join(out, readdirSync(out)[0]!);
}

const env = { teamsAppId: 'b6f4a0e2-3c1d-4e5f-9a8b-7c6d5e4f3a2b', botId: '11111111-2222-3333-4444-555555555555' };

describe('Teams app manifest', () => {
  it('validates against the official 1.22 schema, offline', async () => {
    const manifest = buildManifest(template, COMMANDS, { ...env, botDomain: 'desk.example.com' });
    expect(await validateManifest(manifest)).toEqual([]);
    expect(manifest.manifestVersion).toBe('1.22');
    expect(manifest.validDomains).toEqual(['desk.example.com']);
  });

  it('the validation can fail (a manifest without a bot id is refused)', async () => {
    const broken = buildManifest(template, COMMANDS, { ...env, botId: '' });
    expect(await validateManifest(broken)).not.toEqual([]);
  });

  it('declares the bot in personal, group chat and team scopes, and the status search command', () => {
    const manifest = buildManifest(template, COMMANDS, env) as {
      bots: { botId: string; scopes: string[] }[];
      composeExtensions: { commands: { id: string; type: string }[] }[];
    };
    expect(manifest.bots[0]).toMatchObject({ botId: env.botId, scopes: ['personal', 'groupChat', 'team'] });
    expect(manifest.composeExtensions[0]?.commands[0]).toMatchObject({ id: 'status', type: 'query' });
  });

  it("its command menu is the router's table, and every command in it is answered by the bot", async () => {
    const manifest = buildManifest(template, COMMANDS, env) as {
      bots: { commandLists: { commands: { title: string }[] }[] }[];
    };
    const titles = manifest.bots[0]!.commandLists[0]!.commands.map((c) => c.title);
    expect(titles).toEqual(COMMANDS.filter((c) => c.inManifest).map((c) => c.title));
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

  it('has a 192×192 colour icon and a 32×32 white-on-transparent outline icon', () => {
    const color = decodePng(readFileSync(join(PROJECT_ROOT, 'manifest', 'color.png')));
    expect([color.width, color.height]).toEqual([192, 192]);
    const outline = decodePng(readFileSync(join(PROJECT_ROOT, 'manifest', 'outline.png')));
    expect([outline.width, outline.height]).toEqual([32, 32]);
    let white = 0;
    for (let i = 0; i < outline.rgba.length; i += 4) {
      const [r, g, b, a] = outline.rgba.subarray(i, i + 4);
      const isWhite = r === 255 && g === 255 && b === 255 && a === 255;
      expect(isWhite || a === 0).toBe(true);
      if (isWhite) white++;
    }
    expect(white).toBeGreaterThan(0);
  });

  it('npm run package writes the zip Teams sideloads, and refuses without a bot id', async () => {
    const out = mkdtempSync(join(tmpdir(), 'partner-desk-package-'));
    try {
      const file = packageApp(env.botId, out);
      expect(zipEntryNames(readFileSync(file)).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
      expect(() => packageApp('', join(out, 'again'))).toThrow(/MicrosoftAppId is empty/);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
