import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppManifestUtils } from '@microsoft/app-manifest';
import { PROJECT_ROOT } from '../paths.js';

/** Validates against the official 1.22 schema bundled in @microsoft/app-manifest: offline, no fetch. */
export async function validateManifest(manifest: Record<string, unknown>): Promise<string[]> {
  const schemaFile = join(
    PROJECT_ROOT,
    'node_modules/@microsoft/app-manifest/build/json-schemas/teams/v1.22/MicrosoftTeams.schema.json',
  );
  const schema = JSON.parse(readFileSync(schemaFile, 'utf8'));
  return AppManifestUtils.validateAgainstSchema(manifest as never, schema);
}

// As a command (`node dist/src/tools/manifest-validation.js < manifest.json`), it prints the problems as
// JSON: jest's module loader cannot load this package's ESM-only dependency, a plain Node process can.
if (import.meta.url === `file://${process.argv[1]}`) {
  const chunks: Buffer[] = [];
  process.stdin.on('data', (c: Buffer) => chunks.push(c));
  process.stdin.on('end', () => {
    validateManifest(JSON.parse(Buffer.concat(chunks).toString('utf8'))).then((problems) =>
      process.stdout.write(JSON.stringify(problems)),
    );
  });
}
