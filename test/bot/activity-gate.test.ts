import { ConversationQueue, isAllowedTenant } from '../../src/bot/activity-gate.js';
import { MemoryLogger } from '../../src/logging/logger.js';
import { persona } from '../support/personas.js';

describe('ConversationQueue', () => {
  it('runs the turns of one conversation one after the other, in arrival order', async () => {
    const queue = new ConversationQueue();
    const log: string[] = [];
    let releaseFirst!: () => void;
    const first = queue.run('c1', async () => {
      log.push('first starts');
      await new Promise<void>((resolve) => (releaseFirst = resolve));
      log.push('first ends');
    });
    const second = queue.run('c1', async () => void log.push('second runs'));
    const other = queue.run('c2', async () => void log.push('other conversation runs'));
    await other;
    expect(log).toEqual(['first starts', 'other conversation runs']);
    releaseFirst();
    await Promise.all([first, second]);
    expect(log).toEqual(['first starts', 'other conversation runs', 'first ends', 'second runs']);
  });

  it('a failed turn does not block the next one', async () => {
    const queue = new ConversationQueue();
    await expect(queue.run('c1', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(queue.run('c1', async () => 'next')).resolves.toBe('next');
  });
});

describe('isAllowedTenant', () => {
  it.each([
    [[], undefined, true],
    [['t1'], 't1', true],
    [['t1'], 'T1', true],
    [['t1'], 't2', false],
    [['t1'], undefined, false],
  ])('allow-list %j, tenant %s → %s', (allowed, tenantId, expected) => {
    expect(isAllowedTenant({ conversation: { tenantId } as never }, allowed)).toBe(expected);
  });
});

describe('ActivityLedger', () => {
  it('claims an id once, gives it back when a turn fails, and forgets old ids', async () => {
    const { tempStore, NOW } = await import('../support/world.js');
    const { ActivityLedger } = await import('../../src/bot/activity-gate.js');
    const { store, dispose } = await tempStore();
    try {
      const ledger = new ActivityLedger(store, () => NOW, new MemoryLogger());
      expect(await ledger.claim('a1')).toEqual({ kind: 'first' });
      await ledger.remember('a1', { status: 200 }, 'en');
      expect(await ledger.claim('a1')).toEqual({ kind: 'duplicate', response: { status: 200 } });
      expect(await ledger.claim('a2')).toEqual({ kind: 'first' });
      await ledger.release('a2');
      expect(await ledger.claim('a2')).toEqual({ kind: 'first' });
      const threeDaysAgo = new Date(NOW.getTime() - 3 * 86_400_000).toISOString();
      await store.transaction((tx) => void tx.insert('activities', { id: 'old', at: threeDaysAgo }));
      expect(await ledger.prune(new Date(NOW.getTime() - 86_400_000))).toBe(1);
      // On the embedded store a claim stays in the process: only an answered activity is recorded.
      expect((await store.all('activities')).map((a) => a.id).sort()).toEqual(['a1']);
      expect(await ledger.prune(new Date(NOW.getTime() + 1))).toBe(1);
      expect(await store.all('activities')).toEqual([]);
    } finally {
      await dispose();
    }
  });
});

describe('ActivityLedger while the disk is full (embedded store: claims stay in the process)', () => {
  it('still claims, keeps an answered id a duplicate though the store could not record it, and logs that', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { ActivityLedger } = await import('../../src/bot/activity-gate.js');
    const { openLowdbStore } = await import('../../src/store/lowdb-store.js');
    const { FailingDisk } = await import('../support/failing-disk.js');
    const { NOW, smallWorld } = await import('../support/world.js');
    const dir = mkdtempSync(join(tmpdir(), 'partner-desk-ledger-'));
    const disk = new FailingDisk();
    const store = await openLowdbStore({ file: join(dir, 'store.json'), seed: smallWorld(), openFile: disk.openFile });
    const logger = new MemoryLogger();
    try {
      const ledger = new ActivityLedger(store, () => NOW, logger);
      expect(await ledger.claim('before')).toEqual({ kind: 'first' });
      expect(await ledger.claim('failed')).toEqual({ kind: 'first' });
      disk.full = true;
      expect(await ledger.claim('a1')).toEqual({ kind: 'first' });
      await ledger.remember('before', { status: 200 }, 'en');
      await ledger.release('failed');
      expect(logger.lines.filter((l) => l.level === 'warn').map((l) => l.message)).toEqual([
        'activity not marked done: storage unavailable',
      ]);
      expect(await store.all('activities')).toEqual([]);
      // The response is still in this process for a re-delivery, though the store could not keep it.
      expect(await ledger.claim('before')).toEqual({ kind: 'duplicate', response: { status: 200 } });
      // A failed turn's id was given back; Teams' retry of it runs.
      expect(await ledger.claim('failed')).toEqual({ kind: 'first' });
      disk.full = false;
      // Claimed while the disk was full and still running: a re-delivery is a duplicate all the same.
      expect(await ledger.claim('a1')).toEqual({ kind: 'duplicate', response: undefined });
      await ledger.done('a1');
      expect((await store.all('activities')).map((a) => a.id)).toEqual(['a1']);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('invitation tokens are never kept in the store', () => {
  it('after request → Done (and a re-delivery), no record and no store file holds the token or its code', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const { dirname, join } = await import('node:path');
    const { createApp } = await import('../../src/app.js');
    const { listen, shutdown } = await import('../../src/bot/server.js');
    const { loadConfig } = await import('../../src/config.js');
    const { ActivityLedger } = await import('../../src/bot/activity-gate.js');
    const { REQUEST_VERBS } = await import('../../src/cards/request-card.js');
    const { formatCode } = await import('../../src/services/invitations/invitation-token.js');
    const { COLLECTION_NAMES } = await import('../../src/store/collections.js');
    const { demoWorld } = await import('../../src/store/demo-world.js');
    const { cardAction, message, visibleText } = await import('../support/activities.js');
    const { NOW, tempStore } = await import('../support/world.js');
    const alex = persona('alex'); // Adatum admin agent
    const { store, file, dispose } = await tempStore(demoWorld(NOW));
    const app = createApp(loadConfig({}), { store, clock: () => NOW, logger: new MemoryLogger() });
    const port = await listen(app.server, 0, '127.0.0.1');
    const post = async (activity: unknown) => {
      const response = await fetch(`http://127.0.0.1:${port}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(activity),
      });
      return (await response.json()) as { value: unknown };
    };
    try {
      const form = await post(message(alex, 'request relationship'));
      const ticket = (value: unknown) => /"formTicket":"([^"]+)"/.exec(JSON.stringify(value))?.[1];
      const submit = cardAction(alex, REQUEST_VERBS.submit, {
        formTicket: ticket(form),
        customer: 'contoso.com',
        relationship: 'reseller',
        includeAdmin: 'false',
      });
      const draft = await post(submit);
      const token = /"token":"([A-Z2-7]{32})"/.exec(JSON.stringify(draft))?.[1];
      expect(token).toBeDefined();
      const link = `http://localhost:3978/invite/${token}`;
      expect(visibleText(draft.value)).toContain(link);
      expect(visibleText(draft.value)).toContain(formatCode(token!));
      // Teams re-sends the same activity: this process still answers with the full card.
      expect(await post(submit)).toEqual(draft);

      const [invitation] = await store.all('invitations');
      const sent = await post(
        cardAction(alex, REQUEST_VERBS.done, {
          formTicket: ticket(draft),
          invitationId: invitation!.id,
          token,
          subject: `Your invitation ${formatCode(token!)}`,
          body: `Please accept: ${link} (code ${formatCode(token!)})`,
        }),
      );
      expect(visibleText(sent.value)).toContain('Invitation sent to Contoso Ltd');
      expect((await store.get('invitations', invitation!.id))?.email?.body).toContain('Please accept:');

      // After a restart the ledger has only what the store kept: the card without the code, saying why.
      const stored = await new ActivityLedger(store, () => NOW, new MemoryLogger()).claim(ActivityLedger.key(submit)!);
      expect(stored.kind).toBe('duplicate');
      const redelivered = visibleText((stored as { response: { body: { value: unknown } } }).response.body.value);
      expect(redelivered).toContain('Invitation for Contoso Ltd');
      expect(redelivered).toContain('type \'invitations\' and choose "New link"');

      const secrets = [token!, formatCode(token!)];
      for (const c of COLLECTION_NAMES) {
        for (const record of await store.all(c)) {
          for (const secret of secrets) expect(`${c}: ${JSON.stringify(record)}`).not.toContain(secret);
        }
      }
      app.stopTimers();
      await shutdown(app.server, 1000);
      await store.close();
      const dir = dirname(file);
      const files = readdirSync(dir);
      expect(files.some((name) => name.endsWith('.log'))).toBe(true);
      for (const name of files) {
        const bytes = readFileSync(join(dir, name), 'utf8');
        for (const secret of secrets) expect(`${name}: ${bytes.includes(secret)}`).toBe(`${name}: false`);
      }
    } finally {
      app.stopTimers();
      await shutdown(app.server, 1000).catch(() => undefined);
      await dispose();
    }
  }, 120_000); // it loads the whole app inside the test: 35 s measured on this loaded machine
});
