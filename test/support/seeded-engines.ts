import { openPostgresStore } from '../../src/store/postgres/postgres-store.js';
import type { SeedData } from '../../src/store/store.js';
import { freshDatabase } from './postgres.js';
import { tempStore } from './world.js';

/** Both store engines, each opened on a fresh place with `seed`: for `describe.each` of a contract both must keep. */
export const SEEDED_ENGINES = [
  ['embedded store', (seed: SeedData) => tempStore(seed)],
  [
    'PostgreSQL store',
    async (seed: SeedData) => {
      const store = await openPostgresStore({ url: await freshDatabase(), seed });
      return { store, dispose: () => store.close() };
    },
  ],
] as const;
