import { ExpiryGuardian } from '../../../src/services/relationships/expiry-guardian.js';
import { Notifier } from '../../../src/services/outbox/notifications.js';
import { MemoryLogger } from '../../../src/logging/logger.js';
import { openPostgresStore, type PostgresStore } from '../../../src/store/postgres/postgres-store.js';
import { freshDatabase } from '../../support/postgres.js';
import { NOW } from '../../support/world.js';
import { pendingInvitation, worldWith } from '../helpdesk/helpdesk-fixtures.js';

const DAY = 86_400_000;
const REL = 'rel-adatum-fabrikam'; // Admin access ends 20 days after NOW.
const INVITATION_SUBJECTS = ['guardian.invitation-lapsing'];

describe('expiry guardian on several instances (one PostgreSQL database)', () => {
  const open: PostgresStore[] = [];
  afterEach(async () => {
    for (const store of open.splice(0)) await store.close();
  });

  it('three instances passing at once send each reminder and each expiry notice once', async () => {
    const url = await freshDatabase();
    let now = NOW;
    const clock = () => now;
    const seed = worldWith(NOW, { invitations: [pendingInvitation(NOW, 1, 85)] });
    const guardians: ExpiryGuardian[] = [];
    for (let i = 0; i < 3; i++) {
      const store = await openPostgresStore({ url, seed });
      open.push(store);
      const log = new MemoryLogger();
      const notifier = new Notifier(store, { clock, logger: log });
      guardians.push(new ExpiryGuardian({ store, notifier, clock, defaultLanguage: 'en', logger: log }));
    }
    const store = open[0]!;
    const guardianNotices = async () =>
      (await store.all('notifications')).filter((n) => n.kind.startsWith('guardian.')).map((n) => n.kind);

    const first = await Promise.all(guardians.map((g) => g.runOnce()));
    expect(first.flatMap((r) => r.reminders).filter((id) => id.startsWith(REL))).toHaveLength(1);
    const afterFirst = await guardianNotices();
    expect((await store.findBy('notifications', 'subject', REL)).length).toBe(5);
    expect(afterFirst.filter((k) => INVITATION_SUBJECTS.includes(k)).length).toBeLessThanOrEqual(afterFirst.length - 5);
    // Each reminder once: no two notifications of one kind about one subject to one person, one record a milestone.
    const once = async () => {
      const seen = (await store.all('notifications'))
        .filter((n) => n.kind.startsWith('guardian.'))
        .map((n) => `${n.kind} ${n.subjectId} ${n.aadObjectId}`);
      expect(seen.length).toBeGreaterThan(0);
      expect(new Set(seen).size).toBe(seen.length);
      const reminders = (await store.all('reminders')).map((r) => `${r.subjectId}/${r.milestone}`);
      expect(new Set(reminders).size).toBe(reminders.length);
    };
    await once();
    expect((await store.all('reminders')).filter((r) => r.subjectId === 'inv-pending-01')).toHaveLength(1);

    now = new Date(NOW.getTime() + 20 * DAY + 60_000);
    const ended = await Promise.all(guardians.map((g) => g.runOnce()));
    expect(ended.flatMap((r) => r.expired).filter((id) => id === REL)).toEqual([REL]);
    const endedNotices = (await store.findBy('notifications', 'subject', REL)).filter(
      (n) => n.kind === 'guardian.access-ended',
    );
    expect(endedNotices).toHaveLength(4);
    expect(await store.findBy('auditEvents', 'target', `relationship/${REL}`)).toEqual(
      expect.arrayContaining([expect.objectContaining({ action: 'relationship.access-expired' })]),
    );
    const expiredEvents = (await store.findBy('auditEvents', 'target', `relationship/${REL}`)).filter(
      (e) => e.action === 'relationship.access-expired',
    );
    expect(expiredEvents).toHaveLength(1);
    await once();
  });
});
