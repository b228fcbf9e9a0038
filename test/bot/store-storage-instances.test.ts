import { StoreStorage } from '../../src/bot/store-storage.js';
import { MemoryLogger } from '../../src/logging/logger.js';
import { openPostgresStore, type PostgresStore } from '../../src/store/postgres/postgres-store.js';
import { ConflictError } from '../../src/store/store.js';
import { freshDatabase } from '../support/postgres.js';
import { NOW } from '../support/world.js';

describe('dialog state across instances (one PostgreSQL database)', () => {
  const open: PostgresStore[] = [];
  afterEach(async () => {
    for (const store of open.splice(0)) await store.close();
  });

  it('a write carrying the eTag another instance has since replaced is refused, not an overwrite', async () => {
    const url = await freshDatabase();
    const [a, b] = await Promise.all([openPostgresStore({ url }), openPostgresStore({ url })]);
    open.push(a, b);
    const here = new StoreStorage(a, () => NOW, new MemoryLogger());
    const there = new StoreStorage(b, () => NOW, new MemoryLogger());
    const key = 'msteams/conversations/a:carmen/dialogState';
    await here.write({ [key]: { step: 'start' } });

    const readHere = (await here.read([key]))[key] as { eTag: string };
    const readThere = (await there.read([key]))[key] as { eTag: string };
    expect(readThere.eTag).toBe(readHere.eTag);
    await here.write({ [key]: { step: 'here', eTag: readHere.eTag } });
    await expect(there.write({ [key]: { step: 'there', eTag: readThere.eTag } })).rejects.toBeInstanceOf(ConflictError);
    expect((await there.read([key]))[key]).toMatchObject({ step: 'here', eTag: String(Number(readHere.eTag) + 1) });
  });
});
