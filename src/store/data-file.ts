import { z } from 'zod';
import { COLLECTION_NAMES, SCHEMAS } from './collections.js';
import { StoreFileError, type CollectionName, type Collections } from './store.js';

/** The layout this code writes: a manifest naming an append-only log (schema version 3). */
export const CURRENT_SCHEMA_VERSION = 3;

/**
 * Up to schema version 2 the whole store was this one JSON document (lowdb's default layout); such a file
 * is read, migrated and imported into the log layout (see manifest.ts) when the store opens it.
 */
export const LAST_SINGLE_FILE_VERSION = 2;

export interface DataFile {
  schemaVersion: number;
  collections: { [C in CollectionName]: Collections[C][] };
}

type RawFile = { schemaVersion?: unknown; collections?: Record<string, unknown> } & Record<string, unknown>;

const withEmpty = (raw: RawFile, names: readonly string[], schemaVersion: number): RawFile => {
  const collections = { ...(raw.collections ?? {}) };
  for (const name of names) collections[name] ??= [];
  return { ...raw, schemaVersion, collections };
};

/**
 * Steps that bring an older file up to date, keyed by the version they start from.
 * v0 (no schemaVersion) predates the runtime collections; v1 predates indirect reseller enrolments.
 */
const MIGRATIONS: Record<number, (raw: RawFile) => RawFile> = {
  0: (raw) =>
    withEmpty(
      raw,
      COLLECTION_NAMES.filter((name) => name !== 'enrollments'),
      1,
    ),
  1: (raw) => withEmpty(raw, ['enrollments'], 2),
};

/** Collections added after the single-file layout: such a file never held any, so it has none. */
const SINCE_LOG_LAYOUT: readonly CollectionName[] = [
  'downloads',
  'securityGroups',
  'accessAssignments',
  'accessTemplates',
  'partnersOfRecord',
  'trials',
  'purchases',
  'customerRequests',
];

const FileShape = z.object({
  schemaVersion: z.literal(LAST_SINGLE_FILE_VERSION),
  collections: z.object(
    Object.fromEntries(
      COLLECTION_NAMES.map((name) => [
        name,
        SINCE_LOG_LAYOUT.includes(name) ? z.array(SCHEMAS[name]).default([]) : z.array(SCHEMAS[name]),
      ]),
    ) as Record<CollectionName, z.ZodArray<z.ZodType>>,
  ),
});

export function newerVersion(file: string, version: number): StoreFileError {
  return new StoreFileError(
    file,
    `it was written by a newer Partner Desk (schema version ${version}; this one knows up to ${CURRENT_SCHEMA_VERSION})`,
  );
}

export function emptyDataFile(): DataFile {
  return {
    schemaVersion: LAST_SINGLE_FILE_VERSION,
    collections: Object.fromEntries(COLLECTION_NAMES.map((name) => [name, []])) as unknown as DataFile['collections'],
  };
}

/** Parses, migrates and validates a single-file store's text; any problem names the file and stops the program. */
export function parseDataFile(file: string, text: string): DataFile {
  let raw: RawFile;
  try {
    raw = JSON.parse(text) as RawFile;
  } catch (error) {
    throw new StoreFileError(file, `it is not valid JSON (${(error as Error).message})`);
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new StoreFileError(file, 'it does not hold a JSON object');
  }
  const stated = raw.schemaVersion === undefined ? 0 : raw.schemaVersion;
  if (typeof stated !== 'number' || !Number.isInteger(stated) || stated < 0) {
    throw new StoreFileError(file, `schemaVersion ${JSON.stringify(raw.schemaVersion)} is not a version number`);
  }
  let version: number = stated;
  if (version > LAST_SINGLE_FILE_VERSION) throw newerVersion(file, version);
  while (version < LAST_SINGLE_FILE_VERSION) {
    const migrate = MIGRATIONS[version];
    if (!migrate) throw new StoreFileError(file, `no migration from schema version ${version}`);
    raw = migrate(raw);
    version = raw.schemaVersion as number;
  }
  const parsed = FileShape.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? issue.path.join('.') : '';
    throw new StoreFileError(file, `${where ? `at ${where}: ` : ''}${issue?.message ?? 'invalid content'}`);
  }
  return parsed.data as DataFile;
}
