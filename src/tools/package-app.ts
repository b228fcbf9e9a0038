import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { COMMANDS } from '../bot/commands.js';
import { loadDotEnv } from '../config.js';
import { PROJECT_ROOT } from '../paths.js';
import { buildManifest, manifestEnvFrom, PACKAGE_FILE } from './manifest.js';
import { validateManifest } from './manifest-validation.js';
import { zip } from './zip.js';

const MANIFEST_DIR = join(PROJECT_ROOT, 'manifest');

/**
 * `npm run package`: the zip Teams sideloads (manifest.json, color.png, outline.png at its root),
 * after validating the manifest against the official schema of its manifest version (1.30). Returns the zip's path.
 */
export async function packageApp(
  env: Record<string, string | undefined>,
  outDir = join(PROJECT_ROOT, dirname(PACKAGE_FILE)),
): Promise<string> {
  const template = readFileSync(join(MANIFEST_DIR, 'manifest.template.json'), 'utf8');
  const manifestEnv = manifestEnvFrom(env);
  const manifest = buildManifest(template, COMMANDS, manifestEnv);
  if (Object.values(manifestEnv.developerUrls ?? {}).some((u) => u.includes('.example.com'))) {
    console.warn(
      'The package uses example.com developer pages: set APP_WEBSITE_URL, APP_PRIVACY_URL, APP_TERMS_URL before publishing.',
    );
  }
  const problems = await validateManifest(manifest);
  if (problems.length > 0) throw new Error(`The manifest does not validate:\n  ${problems.join('\n  ')}`);
  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, basename(PACKAGE_FILE));
  writeFileSync(
    file,
    zip([
      { name: 'manifest.json', data: Buffer.from(JSON.stringify(manifest, null, 2) + '\n') },
      { name: 'color.png', data: readFileSync(join(MANIFEST_DIR, 'color.png')) },
      { name: 'outline.png', data: readFileSync(join(MANIFEST_DIR, 'outline.png')) },
    ]),
  );
  return file;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  loadDotEnv();
  // PACKAGE_OUT_DIR: write the zip elsewhere than dist/appPackage (the tests use a temporary folder).
  packageApp(process.env, process.env.PACKAGE_OUT_DIR || undefined).then(
    (file) => console.log(`Wrote ${file}`),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
