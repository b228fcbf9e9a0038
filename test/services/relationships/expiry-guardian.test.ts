import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExpiryGuardian } from '../../../src/services/relationships/expiry-guardian.js';
import { Notifier } from '../../../src/services/outbox/notifications.js';
import { MemoryLogger } from '../../../src/logging/logger.js';
import { DEMO_TENANTS } from '../../../src/store/demo-world.js';
import { deleteStore, openLowdbStore } from '../../../src/store/lowdb-store.js';
import type { SeedData, Store } from '../../../src/store/store.js';
import { NOW } from '../../support/world.js';
import { at, pendingInvitation, worldWith } from '../helpdesk/helpdesk-fixtures.js';
import { persona } from '../../support/personas.js';

const DAY = 86_400_000;
const REL = 'rel-adatum-fabrikam'; // Admin access ends 20 days after NOW.

/** One "process": a store opened on the data file and a guardian with its own clock. Closing it is a restart. */
class Process {
  static async start(file: string, clock: () => Date, seed?: SeedData): Promise<Process> {
    const store = await openLowdbStore({ file, seed, now: clock });
    return new Process(store, clock);
  }
  readonly guardian: ExpiryGuardian;
  readonly log = new MemoryLogger();
  private constructor(
    readonly store: Store,
    clock: () => Date,
  ) {
    const notifier = new Notifier(store, { clock, logger: this.log });
    this.guardian = new ExpiryGuardian({ store, notifier, clock, defaultLanguage: 'en', logger: this.log });
  }
  stop(): Promise<void> {
    return this.store.close();
  }
}

describe('expiry guardian', () => {
  let dir: string;
  let file: string;
  let now: Date;
  const clock = () => now;
  const seed = () => worldWith(NOW, { invitations: [pendingInvitation(NOW, 1, 85)] });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'guardian-'));
    file = join(dir, 'store.json');
    now = NOW;
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const reminders = async (store: Store, subject: string) =>
    (await store.findBy('notifications', 'subject', subject)).filter((n) => n.kind.startsWith('guardian.'));

  it('a pass that fails on its timer is logged, not swallowed', async () => {
    const p = await Process.start(file, clock, seed());
    // The pass reads through findBy and scan (a book in batches): both fail.
    const unreadable = async function* () {
      yield* [];
      throw new Error('store unreadable');
    };
    const failing = new Proxy(p.store, {
      get: (target, key, receiver) =>
        key === 'findBy'
          ? () => Promise.reject(new Error('store unreadable'))
          : key === 'scan'
            ? unreadable
            : Reflect.get(target, key, receiver),
    });
    const log = new MemoryLogger();
    const notifier = new Notifier(failing, { clock, logger: log });
    const guardian = new ExpiryGuardian({ store: failing, notifier, clock, defaultLanguage: 'en', logger: log });
    guardian.start();
    while (log.errors().length === 0) await new Promise((resolve) => setImmediate(resolve));
    guardian.stop();
    expect(log.errors()).toEqual([
      {
        level: 'error',
        message: 'expiry guardian pass failed',
        fields: { error: expect.stringContaining('store unreadable') },
      },
    ]);
    await p.stop();
  });

  it('sends the 30, 7 and 1 day reminders once each across restarts, then ends the admin access', async () => {
    let p = await Process.start(file, clock, seed());
    const first = await p.guardian.runOnce();
    expect(first.reminders).toContain(`${REL}/30d@${at(NOW, 20).slice(0, 10)}`);
    // Partner staff with an agent role or global admin (Alex, Sam, Hana, Grace) and the customer's admin (Franz).
    const recipients = (await reminders(p.store, REL)).map((n) => n.aadObjectId).sort();
    expect(recipients).toEqual(
      (['alex', 'sam', 'hana', 'grace', 'franz'] as const).map((n) => persona(n).aadObjectId).sort(),
    );
    expect((await p.guardian.runOnce()).reminders).toEqual([]);

    // Restart at the same moment: nothing is sent again.
    await p.stop();
    p = await Process.start(file, clock);
    expect((await p.guardian.runOnce()).reminders).toEqual([]);
    expect(await reminders(p.store, REL)).toHaveLength(5);

    // Down across the 7-day mark, back with 5 days left: the 7-day reminder is sent late, not missed.
    await p.stop();
    now = new Date(NOW.getTime() + 15 * DAY);
    p = await Process.start(file, clock);
    expect((await p.guardian.runOnce()).reminders).toEqual([`${REL}/7d@${at(NOW, 20).slice(0, 10)}`]);
    expect(await reminders(p.store, REL)).toHaveLength(10);
    expect((await p.guardian.runOnce()).reminders).toEqual([]);

    now = new Date(NOW.getTime() + 19.5 * DAY);
    expect((await p.guardian.runOnce()).reminders).toEqual([`${REL}/1d@${at(NOW, 20).slice(0, 10)}`]);
    await p.stop();
    p = await Process.start(file, clock);
    expect((await p.guardian.runOnce()).reminders).toEqual([]);
    expect(await reminders(p.store, REL)).toHaveLength(15);

    // The end date passes: admin access ends (the reseller relationship stays), once.
    now = new Date(NOW.getTime() + 20 * DAY + 60_000);
    expect((await p.guardian.runOnce()).expired).toContain(REL);
    expect(await p.store.get('relationships', REL)).toMatchObject({
      status: 'active',
      adminAccess: { removedBy: 'expiry' },
    });
    expect((await p.guardian.runOnce()).expired).toEqual([]);
    const ended = (await reminders(p.store, REL)).filter((n) => n.kind === 'guardian.access-ended');
    expect(ended).toHaveLength(4);
    const events = await p.store.findBy('auditEvents', 'target', `relationship/${REL}`);
    expect(events.map((e) => e.action)).toEqual(
      expect.arrayContaining([
        'relationship.reminder-30d',
        'relationship.reminder-7d',
        'relationship.reminder-1d',
        'relationship.access-expired',
      ]),
    );
    await p.stop();
  });

  it('a first run after long downtime sends only the most urgent reminder, and never the stale ones later', async () => {
    now = new Date(NOW.getTime() + 19.5 * DAY);
    const p = await Process.start(file, clock, seed());
    expect((await p.guardian.runOnce()).reminders).toEqual([`${REL}/1d@${at(NOW, 20).slice(0, 10)}`]);
    expect((await p.guardian.runOnce()).reminders).toEqual([]);
    expect(await reminders(p.store, REL)).toHaveLength(5);
    await p.stop();
  });

  it('two guardians running at once (two processes on one store) send each reminder once', async () => {
    const p = await Process.start(file, clock, seed());
    const notifier = new Notifier(p.store, { clock, logger: p.log });
    const other = new ExpiryGuardian({ store: p.store, notifier, clock, defaultLanguage: 'en', logger: p.log });
    await Promise.all([p.guardian.runOnce(), other.runOnce()]);
    expect(await reminders(p.store, REL)).toHaveLength(5);
    await p.stop();
  });

  it('offers auto-extend to the partner, except with Global Administrator', async () => {
    const p = await Process.start(file, clock, seed());
    await p.guardian.runOnce();
    const [partnerCard] = (await reminders(p.store, REL)).filter((n) => n.aadObjectId === persona('hana').aadObjectId);
    expect(JSON.stringify(partnerCard!.payload)).toContain('Turn on auto-extend');
    const [customerCard] = (await reminders(p.store, REL)).filter(
      (n) => n.aadObjectId === persona('franz').aadObjectId,
    );
    expect(JSON.stringify(customerCard!.payload)).not.toContain('Turn on auto-extend');
    await p.stop();

    const withGlobal = worldWith(NOW, {
      relationships: [
        {
          id: 'rel-global',
          partnerTenantId: DEMO_TENANTS.adatum,
          customerTenantId: DEMO_TENANTS.tailspin,
          types: ['delegated-admin'],
          adminAccess: {
            roles: ['global-administrator'],
            durationDays: 30,
            autoExtend: false,
            startAt: at(NOW, -25),
            endAt: at(NOW, 5),
          },
          status: 'active',
          createdAt: at(NOW, -25),
          updatedAt: at(NOW, -25),
        },
      ],
    });
    await deleteStore(file); // a fresh store: removing the manifest alone is refused (its log would be lost)
    const q = await Process.start(file, clock, withGlobal);
    await q.guardian.runOnce();
    const cards = (await reminders(q.store, 'rel-global')).map((n) => JSON.stringify(n.payload));
    expect(cards.length).toBeGreaterThan(0);
    for (const card of cards) expect(card).not.toContain('Turn on auto-extend');
    expect(cards.some((c) => c.includes('not allowed with Global Administrator'))).toBe(true);
    await q.stop();
  });

  it('auto-extends at the end date where auto-extend is on', async () => {
    const world = worldWith(NOW);
    const rel = world.relationships!.find((r) => r.id === REL)!;
    rel.adminAccess = { ...rel.adminAccess!, autoExtend: true };
    const p = await Process.start(file, clock, world);
    expect((await p.guardian.runOnce()).reminders).toEqual([]);
    now = new Date(NOW.getTime() + 20 * DAY);
    expect((await p.guardian.runOnce()).extended).toEqual([REL]);
    expect((await p.store.get('relationships', REL))?.adminAccess?.endAt).toBe(at(NOW, 200));
    await p.stop();
  });

  it('reminds the partner of an invitation about to lapse, then expires it', async () => {
    const p = await Process.start(file, clock, seed());
    const first = await p.guardian.runOnce();
    expect(first.reminders).toContain(`inv-pending-01/7d@${at(NOW, 5).slice(0, 10)}`);
    const sent = await reminders(p.store, 'inv-pending-01');
    expect(sent.map((n) => n.aadObjectId)).toEqual([persona('alex').aadObjectId]);
    expect(JSON.stringify(sent[0]!.payload)).toContain('lapses in 5 days');
    now = new Date(NOW.getTime() + 4.5 * DAY);
    await p.guardian.runOnce();
    expect(await reminders(p.store, 'inv-pending-01')).toHaveLength(2);
    now = new Date(NOW.getTime() + 5 * DAY);
    expect((await p.guardian.runOnce()).expired).toContain('inv-pending-01');
    expect((await p.store.get('invitations', 'inv-pending-01'))?.status).toBe('expired');
    await p.stop();
  });
});
