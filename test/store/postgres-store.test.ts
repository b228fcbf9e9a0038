import { openPostgresStore } from '../../src/store/postgres/postgres-store.js';
import { freshDatabase } from '../support/postgres.js';
import { NOW, smallWorld } from '../support/world.js';
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

describe('PostgreSQL store: ordered indexes', () => {
  it('finds the records whose keys lie in a range (inclusive, byte order) in one query', async () => {
    const store = await openPostgresStore({ url: await freshDatabase(), seed: {} });
    try {
      const hours = ['2026-11-22T09', '2026-11-22T10', '2026-11-22T11', '2026-11-22T12'];
      await store.transaction((tx) => {
        hours.forEach((hour, n) => tx.insert('activities', { id: `a${n}`, at: `${hour}:30:00.000Z` }));
      });
      const found = await store.findRange('activities', 'hour', '2026-11-22T10', '2026-11-22T11');
      expect(found.map((a) => a.id)).toEqual(['a1', 'a2']);
      expect(await store.findRange('activities', 'hour', NOW.toISOString(), '2026-11-22T09')).toEqual([]);
    } finally {
      await store.close();
    }
  });
});
