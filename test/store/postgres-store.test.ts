import { openPostgresStore } from '../../src/store/postgres/postgres-store.js';
import { freshDatabase } from '../support/postgres.js';
import { smallWorld } from '../support/world.js';
import { storeContract } from './store-contract.js';

storeContract(
  'PostgreSQL store',
  (() => {
    let url = '';
    return {
      create: async (seed) => openPostgresStore({ url: (url = await freshDatabase()), seed }),
      reopen: async () => openPostgresStore({ url, seed: smallWorld() }),
      crashTarget: () => freshDatabase(),
      openTarget: async (target) => openPostgresStore({ url: target }),
      cleanup: async () => undefined,
    };
  })(),
);
