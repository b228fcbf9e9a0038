// Child process: generates the world for one size and writes it as a store, plus what the scenarios need
// to know about it (names to ask about, invitations to accept, customers to invite). With a fifth argument,
// a PostgreSQL URL, the store is that (empty) database instead of the file.
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { openLowdbStore } from '../src/store/lowdb-store.js';
import { openPostgresStore } from '../src/store/postgres/postgres-store.js';
import { benchWorld } from './world.js';

const [relationships, spares, file, metaFile, databaseUrl] = process.argv.slice(2);
const start = performance.now();
const world = benchWorld(Number(relationships), Number(spares));
const store = databaseUrl
  ? await openPostgresStore({ url: databaseUrl, seed: world.seed })
  : await openLowdbStore({ file: file!, seed: world.seed });
await store.close();
const { seed: _seed, ...facts } = world;
writeFileSync(metaFile!, JSON.stringify({ ...facts, seconds: (performance.now() - start) / 1000 }));
