// Child process: generates the world for one size and writes it as a store, plus what the scenarios need
// to know about it (names to ask about, invitations to accept, customers to invite).
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { openLowdbStore } from '../src/store/lowdb-store.js';
import { benchWorld } from './world.js';

const [relationships, spares, file, metaFile] = process.argv.slice(2);
const start = performance.now();
const world = benchWorld(Number(relationships), Number(spares));
const store = await openLowdbStore({ file: file!, seed: world.seed });
await store.close();
const { seed: _seed, ...facts } = world;
writeFileSync(metaFile!, JSON.stringify({ ...facts, seconds: (performance.now() - start) / 1000 }));
