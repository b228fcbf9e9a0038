import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMMANDS } from '../bot/commands.js';
import { loadDotEnv } from '../config.js';
import { PROJECT_ROOT } from '../paths.js';
import { buildManifest } from './manifest.js';
import { validateManifest } from './manifest-validation.js';
import { zip } from './zip.js';

const LOCAL_APP_ID = 'b6f4a0e2-3c1d-4e5f-9a8b-7c6d5e4f3a2b';

/** `npm run package`: the zip Teams sideloads (manifest.json, color.png, outline.png at its root). */
export async function packageApp(
  env: NodeJS.ProcessEnv,
  outDir = join(PROJECT_ROOT, 'dist', 'appPackage'),
): Promise<string> {
  const botId = (env.MicrosoftAppId ?? '').trim();
  if (!botId) throw new Error("MicrosoftAppId is empty: set it to the Azure Bot's app id to build the Teams package.");
  const manifest = buildManifest(
    readFileSync(join(PROJECT_ROOT, 'manifest', 'manifest.template.json'), 'utf8'),
    COMMANDS,
    {
      teamsAppId: env.TEAMS_APP_ID?.trim() || LOCAL_APP_ID,
      botId,
      botDomain: env.BOT_DOMAIN?.trim() || undefined,
    },
  );
  const problems = await validateManifest(manifest);
  if (problems.length > 0) throw new Error(`The manifest does not validate:\n  ${problems.join('\n  ')}`);
  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, 'partner-desk.zip');
  writeFileSync(
    file,
    zip([
      { name: 'manifest.json', data: Buffer.from(JSON.stringify(manifest, null, 2)) },
      { name: 'color.png', data: readFileSync(join(PROJECT_ROOT, 'manifest', 'color.png')) },
      { name: 'outline.png', data: readFileSync(join(PROJECT_ROOT, 'manifest', 'outline.png')) },
    ]),
  );
  return file;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  loadDotEnv();
  packageApp(process.env, process.env.PACKAGE_OUT_DIR || undefined).then(
    (file) => console.log(`Wrote ${file}`),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
