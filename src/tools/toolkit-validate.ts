import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadDotEnv } from '../config.js';
import { PROJECT_ROOT } from '../paths.js';
import { packageApp } from './package-app.js';
import { readZip } from './zip.js';

/** Stands in for the Azure Bot's app id where none is configured (CI): the manifest's shape is what is checked. */
const CI_BOT_ID = '00000000-0000-4000-8000-000000000001';

/**
 * `npm run validate:manifest`: builds the package as `npm run package` does, then validates it as the
 * Agents Toolkit does (`atk validate --manifest-file`: offline, against the schema bundled in the
 * toolkit), without a terminal. Returns the exit code.
 */
export function validateWithToolkit(env: Record<string, string | undefined>, outDir: string): Promise<number> {
  return packageApp({ ...env, MicrosoftAppId: env.MicrosoftAppId || CI_BOT_ID }, outDir).then((zipFile) => {
    const manifest = readZip(readFileSync(zipFile)).find((e) => e.name === 'manifest.json');
    if (!manifest) throw new Error(`${zipFile} has no manifest.json`);
    const manifestFile = join(outDir, 'manifest.json');
    writeFileSync(manifestFile, manifest.data);
    // Only the manifest: `--package-file` (the toolkit's validation rules) asks for a Microsoft 365 sign-in.
    return atk(['validate', '--manifest-file', manifestFile, '--interactive', 'false', '--telemetry', 'false']);
  });
}

function atk(args: string[]): number {
  const cli = join(
    dirname(createRequire(import.meta.url).resolve('@microsoft/m365agentstoolkit-cli/package.json')),
    'cli.js',
  );
  console.log(`atk ${args.join(' ')}`);
  const run = spawnSync(process.execPath, [cli, ...args], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, CI: 'true' },
    timeout: 60_000,
  });
  if (run.error) throw run.error;
  return run.status ?? 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  loadDotEnv();
  validateWithToolkit(process.env, join(PROJECT_ROOT, 'dist', 'appPackage')).then(
    (status) => process.exit(status),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
