// Child process: `node dist/bench/generate.js <relationships> <spares> <store file> <meta file>`.
// Builds the bench world, writes it as a store (seeded, then closed) and writes what the scenarios need to
// know about it (names to ask about, invitations to accept, customers to invite) to the meta file.
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { openLowdbStore } from '../src/store/lowdb-store.js';
import { benchWorld } from './world.js';

/** What bench/run.ts reads back from the meta file. */
export interface WorldMeta {
  relationships: number;
  spares: number;
  statusTargets: string[];
  pendingAccepts: { person: { tenantId: string; aadObjectId: string }; invitationId: string }[];
  journeyCustomers: { person: { tenantId: string; aadObjectId: string }; domain: string }[];
  counts: Record<string, number>;
  /** Building the world in memory. */
  buildMs: number;
  /** Opening the store with the world as seed (writing it) and closing it. */
  writeMs: number;
  generateMs: number;
}

const [relationships, spares, file, metaFile] = process.argv.slice(2);
if (!relationships || !spares || !file || !metaFile) {
  console.error('usage: generate.js <relationships> <spares> <store file> <meta file>');
  process.exit(2);
}
const start = performance.now();
const world = benchWorld(Number(relationships), Number(spares));
const built = performance.now();
const store = await openLowdbStore({ file, seed: world.seed });
await store.close();
const done = performance.now();
const meta: WorldMeta = {
  relationships: Number(relationships),
  spares: Number(spares),
  statusTargets: world.statusTargets,
  pendingAccepts: world.pendingAccepts,
  journeyCustomers: world.journeyCustomers,
  counts: world.counts,
  buildMs: built - start,
  writeMs: done - built,
  generateMs: done - start,
};
writeFileSync(metaFile, JSON.stringify(meta));
