import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { AppManifestUtils } from '@microsoft/app-manifest';

/** The official Teams schema for a manifest version, as bundled in @microsoft/app-manifest (build/json-schemas). */
export function bundledSchemaFile(manifestVersion: string): string {
  const packageMain = createRequire(import.meta.url).resolve('@microsoft/app-manifest');
  const file = join(dirname(packageMain), 'json-schemas', 'teams', `v${manifestVersion}`, 'MicrosoftTeams.schema.json');
  if (!existsSync(file))
    throw new Error(`@microsoft/app-manifest bundles no Teams schema for version ${manifestVersion}`);
  return file;
}

/**
 * Validates against the official schema of the manifest's version, offline: the schema is read from the
 * package and passed in, so AppManifestUtils never fetches $schema. Returns the problems (empty: valid).
 */
export async function validateManifest(manifest: Record<string, unknown>): Promise<string[]> {
  const version = String(manifest.manifestVersion ?? '');
  const schema = JSON.parse(readFileSync(bundledSchemaFile(version), 'utf8'));
  return AppManifestUtils.validateAgainstSchema(manifest as never, schema);
}

// As a command (`node dist/src/tools/manifest-validation.js < manifest.json`), it prints the problems as
// JSON: jest's module loader cannot load this package (its CommonJS build requires the ESM-only
// strip-bom), a plain Node process can.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const chunks: Buffer[] = [];
  process.stdin.on('data', (c: Buffer) => chunks.push(c));
  process.stdin.on('end', () => {
    validateManifest(JSON.parse(Buffer.concat(chunks).toString('utf8'))).then(
      (problems) => process.stdout.write(JSON.stringify(problems)),
      (error: unknown) => {
        console.error(error instanceof Error ? error.message : error);
        process.exit(1);
      },
    );
  });
}
