import { readdir, readFile, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Low } from 'lowdb';
import { COLLECTION_NAMES } from './collections.js';
import { CURRENT_SCHEMA_VERSION } from './data-file.js';
import { DurableJsonFile } from './durable-file-adapter.js';
import { lockDataFile } from './file-lock.js';
import { writeGeneration } from './generation.js';
import { INDEX_SIGNATURE, readHint, writeHint } from './hint-file.js';
import { LogFile, type OpenFile } from './log-file.js';
import { decodeLine } from './log-line.js';
import { LogStore } from './log-store.js';
import { validate, type AnyRecord } from './log-transaction.js';
import {
  hintFileOf,
  logFileOf,
  parseManifest,
  parseStoreFile,
  STORE_FORMAT,
  type Manifest,
  type StoreFileContent,
} from './manifest.js';
import { INDEXES, StoreFileError, type CollectionName, type NewRecord, type SeedData, type Store } from './store.js';
import { describeError, silentLogger, type Logger } from '../logging/logger.js';
import { Table, type IndexFn } from './table.js';
import { ORDERED_INDEXES } from './ordered-indexes.js';
import { settleCustomerMca } from './customer-mca-settle.js';

const MB = 1024 * 1024;

export interface LowdbStoreOptions {
  /** The manifest's path; the log and hint files sit beside it (`<file>.<generation>.log`, `.hint`). */
  file: string;
  /** Loaded when the file does not exist yet (the demo world). */
  seed?: SeedData;
  now?: () => Date;
  /** Compact once the log is this big and more than half of it is dead versions. */
  compactAfterBytes?: number;
  /** Refresh the hint file once this much log was appended since the last one (faster restart after a crash). */
  hintAfterBytes?: number;
  /** How log files are opened; tests pass one whose writes fail like a full disk. */
  openFile?: OpenFile;
  /** Where maintenance failures are told (they never fail a commit). */
  logger?: Logger;
}

function newTables(): Map<CollectionName, Table> {
  return new Map(
    COLLECTION_NAMES.map((name) => [
      name,
      new Table(INDEXES[name] as unknown as Record<string, IndexFn>, ORDERED_INDEXES[name]),
    ]),
  );
}

async function readStoreFile(file: string): Promise<StoreFileContent | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  return parseStoreFile(file, text);
}

/** The log and hint files of `file`'s store lying in its directory (every generation). */
async function filesOf(file: string): Promise<string[]> {
  const own = new RegExp(`^${basename(file).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.\\d+\\.(log|hint)$`);
  let names: string[];
  try {
    names = await readdir(dirname(file));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return names.filter((name) => own.test(name)).map((name) => join(dirname(file), name));
}

/** Records of a new store: the seed (versions start at 1) or an imported single-file store (versions kept). */
function* initialRecords(
  content: StoreFileContent | null,
  seed: SeedData | undefined,
): Generator<AnyRecord & { c: CollectionName }> {
  for (const c of COLLECTION_NAMES) {
    if (content?.kind === 'single-file') {
      for (const record of content.data.collections[c] as AnyRecord[]) yield { ...record, c };
    } else {
      for (const record of (seed?.[c] ?? []) as NewRecord<typeof c>[])
        yield { ...validate(c, { ...record, version: 1 }), c };
    }
  }
}

/**
 * Opens (or creates) the store. A store from before the log layout (one JSON document) is imported into
 * generation 1 and its file becomes the manifest. A corrupt or invalid file throws StoreFileError and is
 * left as it is. Records written by older code are brought up to date (settleCustomerMca) before it is used.
 */
export async function openLowdbStore(options: LowdbStoreOptions): Promise<Store> {
  const logger = options.logger ?? silentLogger;
  const store = await openLogStore(options, logger);
  try {
    await settleCustomerMca(store, logger);
  } catch (error) {
    await store
      .close()
      .catch((closeError: unknown) =>
        logger.warn('store not closed after a failed open', { file: options.file, error: describeError(closeError) }),
      );
    throw error;
  }
  return store;
}

async function openLogStore(options: LowdbStoreOptions, logger: Logger): Promise<LogStore> {
  const { file, openFile } = options;
  const content = await readStoreFile(file);
  if (content === null) {
    // Seeding here would replace the log that holds every acknowledged change with the demo world.
    const orphans = await filesOf(file);
    if (orphans.length > 0) {
      throw new StoreFileError(
        file,
        `the manifest is missing but its store's files are beside it (${orphans.join(', ')}); restore the manifest, or remove them all (npm run seed -- --reset) to start afresh`,
      );
    }
  }
  const unlock = lockDataFile(file);
  const settings = {
    compactAfterBytes: options.compactAfterBytes ?? 64 * MB,
    hintAfterBytes: options.hintAfterBytes ?? 64 * MB,
    openFile,
    logger,
  };
  const db = new Low<Manifest>(new DurableJsonFile(file, parseManifest), {
    format: STORE_FORMAT,
    schemaVersion: CURRENT_SCHEMA_VERSION,
    generation: 1,
  });
  let log: LogFile | undefined;
  try {
    let tables = newTables();
    let covers: number | undefined;
    if (content?.kind === 'manifest') {
      db.data = content.manifest;
      log = await LogFile.open(logFileOf(file, db.data.generation), db.data.generation, openFile);
      covers = await readHint(
        hintFileOf(file, db.data.generation),
        db.data.generation,
        log.size,
        INDEX_SIGNATURE,
        tables,
        log.path,
      );
      if (covers === undefined) tables = newTables();
      const store = new LogStore(file, db, log, tables, covers ?? 0, unlock, settings);
      const opened = log;
      await log.scan(covers ?? log.headerBytes, (line, start) => {
        for (const w of decodeLine(opened.path, line, start, opened.version)) {
          store.apply(w.collection, w.id, w.record as AnyRecord | null, w.at);
        }
      });
      await store.upgrade();
      store.scheduleMaintenance();
      return store;
    }
    const records = new Map<string, AnyRecord>();
    log = await writeGeneration(
      logFileOf(file, 1),
      1,
      (function* () {
        for (const { c, ...record } of initialRecords(content, options.seed)) {
          records.set(`${c}/${record.id}`, record);
          yield { collection: c, id: record.id, version: record.version, json: JSON.stringify(record) };
        }
      })(),
      (record, at) => {
        tables.get(record.collection as CollectionName)!.put(records.get(`${record.collection}/${record.id}`)!, at);
        records.delete(`${record.collection}/${record.id}`);
      },
      openFile,
    );
    await db.write();
    await writeHint(hintFileOf(file, 1), 1, log.size, INDEX_SIGNATURE, tables);
    return new LogStore(file, db, log, tables, log.size, unlock, settings);
  } catch (error) {
    await log
      ?.close()
      .catch((closeError: unknown) =>
        logger.warn('store log not closed after a failed open', { file, error: describeError(closeError) }),
      );
    unlock();
    throw error;
  }
}

/**
 * Removes a store: its manifest and every log and hint file beside it. Refused (StoreFileError) while a
 * running bot owns it.
 */
export async function deleteStore(file: string): Promise<void> {
  const unlock = lockDataFile(file);
  try {
    for (const path of await filesOf(file)) await rm(path, { force: true });
    await rm(file, { force: true });
  } finally {
    unlock();
  }
}
