import { z } from 'zod';
import { CURRENT_SCHEMA_VERSION, newerVersion, parseDataFile, type DataFile } from './data-file.js';
import { StoreFileError } from './store.js';

export const STORE_FORMAT = 'partner-desk-store';

/**
 * The document at the configured data-file path, kept by lowdb: which generation of the append-only log
 * holds the data. Switching generations (after compaction) is one atomic rewrite of this small file.
 */
export const Manifest = z.object({
  format: z.literal(STORE_FORMAT),
  schemaVersion: z.literal(CURRENT_SCHEMA_VERSION),
  generation: z.number().int().positive(),
});
export type Manifest = z.infer<typeof Manifest>;

export type StoreFileContent = { kind: 'manifest'; manifest: Manifest } | { kind: 'single-file'; data: DataFile };

/** A manifest, or a store from before the log layout (imported on open). Anything else stops the program. */
export function parseStoreFile(file: string, text: string): StoreFileContent {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new StoreFileError(file, `it is not valid JSON (${(error as Error).message})`);
  }
  if (raw && typeof raw === 'object' && (raw as { format?: unknown }).format === STORE_FORMAT) {
    const version = (raw as { schemaVersion?: unknown }).schemaVersion;
    if (typeof version === 'number' && version > CURRENT_SCHEMA_VERSION) throw newerVersion(file, version);
    const parsed = Manifest.safeParse(raw);
    if (!parsed.success) throw new StoreFileError(file, `its manifest is invalid (${parsed.error.issues[0]?.message})`);
    return { kind: 'manifest', manifest: parsed.data };
  }
  return { kind: 'single-file', data: parseDataFile(file, text) };
}

export function parseManifest(file: string, text: string): Manifest {
  const content = parseStoreFile(file, text);
  if (content.kind !== 'manifest') throw new StoreFileError(file, 'it is not a store manifest');
  return content.manifest;
}

export const logFileOf = (file: string, generation: number) => `${file}.${generation}.log`;
export const hintFileOf = (file: string, generation: number) => `${file}.${generation}.hint`;
