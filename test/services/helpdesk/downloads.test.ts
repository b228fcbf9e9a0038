import { createApp, type PartnerDeskApp } from '../../../src/app.js';
import { listen, shutdown } from '../../../src/bot/server.js';
import { loadConfig } from '../../../src/config.js';
import { MemoryLogger } from '../../../src/logging/logger.js';
import { downloadId, DownloadTokens, DownloadTooLargeError } from '../../../src/services/helpdesk/downloads.js';
import { openPostgresStore } from '../../../src/store/postgres/postgres-store.js';
import type { Store } from '../../../src/store/store.js';
import { freshDatabase } from '../../support/postgres.js';
import { NOW, tempStore } from '../../support/world.js';

const file = (body: string) => ({ filename: 'timeline.csv', contentType: 'text/csv', body });

/** Two stores as two instances see one database: the same embedded store, or two connections to PostgreSQL. */
const ENGINES: [string, () => Promise<{ stores: [Store, Store]; dispose(): Promise<void> }>][] = [
  [
    'embedded',
    async () => {
      const { store, dispose } = await tempStore();
      return { stores: [store, store], dispose };
    },
  ],
  [
    'PostgreSQL',
    async () => {
      const url = await freshDatabase();
      const stores: [Store, Store] = [await openPostgresStore({ url }), await openPostgresStore({ url })];
      return { stores, dispose: async () => void (await Promise.all(stores.map((s) => s.close()))) };
    },
  ],
];

describe.each(ENGINES)('download links on the %s store', (_engine, open) => {
  let now = NOW;
  const clock = () => now;
  const apps: PartnerDeskApp[] = [];
  let dispose: () => Promise<void> = async () => {};
  afterEach(async () => {
    for (const app of apps.splice(0)) {
      app.stopTimers();
      await shutdown(app.server);
    }
    await dispose();
    now = NOW;
  });

  it('a link made by one instance is served by another, stops at expiry, is pruned, and its token is never stored', async () => {
    const opened = await open();
    dispose = opened.dispose;
    const ports: number[] = [];
    for (const store of opened.stores) {
      const app = createApp(loadConfig({}), { store, clock, logger: new MemoryLogger() });
      apps.push(app);
      ports.push(await listen(app.server, 0, '127.0.0.1'));
    }
    const link = await apps[0]!.downloads.issue('tenant/user', file('when,what\r\n2026-11-22,accepted\r\n'));
    const fetchOn = (port: number) => fetch(`http://127.0.0.1:${port}/downloads/${link.token}`);

    const served = await fetchOn(ports[1]!);
    expect(served.status).toBe(200);
    expect(await served.text()).toBe('when,what\r\n2026-11-22,accepted\r\n');
    const stored = await opened.stores[1].all('downloads');
    expect(stored.map((d) => d.id)).toEqual([downloadId(link.token)]);
    expect(JSON.stringify(stored)).not.toContain(link.token);

    now = new Date(NOW.getTime() + 9 * 60_000);
    expect(await apps[1]!.downloads.prune()).toBe(0);
    expect((await fetchOn(ports[0]!)).status).toBe(200);
    now = link.expiresAt;
    expect([(await fetchOn(ports[0]!)).status, (await fetchOn(ports[1]!)).status]).toEqual([404, 404]);
    expect(await apps[1]!.downloads.prune()).toBe(1);
    expect(await opened.stores[0].all('downloads')).toEqual([]);
  });

  it('refuses a file larger than one link holds, and stores nothing of it', async () => {
    const opened = await open();
    dispose = opened.dispose;
    const downloads = new DownloadTokens(opened.stores[0], clock, 60_000, 10);
    await expect(downloads.issue('tenant/user', file('x'.repeat(11)))).rejects.toBeInstanceOf(DownloadTooLargeError);
    expect(await opened.stores[1].all('downloads')).toEqual([]);
    const small = await downloads.issue('tenant/user', file('x'.repeat(10)));
    expect((await new DownloadTokens(opened.stores[1], clock).get(small.token))?.body).toBe('x'.repeat(10));
  });
});
