// The activity ledger's claim is a lease: an instance that dies mid-turn loses nothing, a live turn runs once.
import { createApp, type PartnerDeskApp } from '../../src/app.js';
import { ACTIVITY_CLAIM_LEASE_MS, ActivityLedger } from '../../src/bot/activity-ledger.js';
import { listen, shutdown } from '../../src/bot/server.js';
import { INVITATION_VERBS } from '../../src/cards/invitation-card.js';
import { loadConfig } from '../../src/config.js';
import { MemoryLogger } from '../../src/logging/logger.js';
import { DEMO_TENANTS, demoWorld } from '../../src/store/demo-world.js';
import { openPostgresStore, type PostgresStore } from '../../src/store/postgres/postgres-store.js';
import type { Store } from '../../src/store/store.js';
import { cardAction, visibleText } from '../support/activities.js';
import { sendInvitation } from '../support/invitations.js';
import { persona } from '../support/personas.js';
import { freshDatabase } from '../support/postgres.js';
import { NOW, tempStore } from '../support/world.js';
import { recordCommits } from '../support/commits.js';

const KEY = 'msteams/a:carmen/activity-1';
const later = (ms: number) => new Date(NOW.getTime() + ms);

describe('ActivityLedger claims on one PostgreSQL database (several instances)', () => {
  const open: PostgresStore[] = [];
  afterEach(async () => {
    for (const store of open.splice(0)) await store.close();
  });
  async function instances(n: number, clock: () => Date): Promise<ActivityLedger[]> {
    const url = await freshDatabase();
    const ledgers: ActivityLedger[] = [];
    for (let i = 0; i < n; i++) {
      const store = await openPostgresStore({ url });
      open.push(store);
      ledgers.push(new ActivityLedger(store, clock, new MemoryLogger()));
    }
    return ledgers;
  }

  it.each([
    ['while the dead instance’s lease holds', ACTIVITY_CLAIM_LEASE_MS - 1, { kind: 'duplicate', response: undefined }],
    ['once its lease has run out', ACTIVITY_CLAIM_LEASE_MS, { kind: 'first' }],
  ])('a re-delivery to another instance %s', async (_when, elapsed, expected) => {
    let now = NOW;
    const [dead, other] = await instances(2, () => now);
    expect(await dead!.claim(KEY)).toEqual({ kind: 'first' }); // and never answers
    now = later(elapsed);
    expect(await other!.claim(KEY)).toEqual(expected);
  });

  it('a claim taken over runs once: the turn’s answer makes it done, and later re-deliveries are duplicates', async () => {
    let now = NOW;
    const [dead, taker, third] = await instances(3, () => now);
    await dead!.claim(KEY);
    now = later(ACTIVITY_CLAIM_LEASE_MS + 1);
    const takeovers = await Promise.all([taker!.claim(KEY), third!.claim(KEY)]);
    expect(takeovers.map((c) => c.kind).sort()).toEqual(['duplicate', 'first']);
    const winner = takeovers[0]!.kind === 'first' ? taker! : third!;
    await winner.done(KEY, { response: { status: 200, body: 'answered' }, language: 'en' });
    now = later(10 * ACTIVITY_CLAIM_LEASE_MS);
    expect(await dead!.claim(KEY)).toEqual({ kind: 'duplicate', response: { status: 200, body: 'answered' } });
  });
});

describe('ActivityLedger on the embedded store (one process)', () => {
  it('a claim left by a previous run of the process is taken at once; a live one of this run is a duplicate', async () => {
    const { store, dispose } = await tempStore();
    try {
      const previousRun = new ActivityLedger(store, () => NOW, new MemoryLogger());
      expect(await previousRun.claim(KEY)).toEqual({ kind: 'first' });
      expect(await previousRun.claim(KEY)).toEqual({ kind: 'duplicate', response: undefined });
      // What a previous version of the process, which claimed in the store, left when it died mid-turn.
      await store.transaction((tx) =>
        tx.insert('activities', {
          id: KEY,
          at: NOW.toISOString(),
          claimedBy: 'a-run-that-died',
          claimedUntil: later(ACTIVITY_CLAIM_LEASE_MS).toISOString(),
        }),
      );
      const thisRun = new ActivityLedger(store, () => NOW, new MemoryLogger());
      expect(await thisRun.claim(KEY)).toEqual({ kind: 'first' });
      await thisRun.done(KEY);
      expect(await new ActivityLedger(store, () => NOW, new MemoryLogger()).claim(KEY)).toEqual({
        kind: 'duplicate',
        response: undefined,
      });
      expect((await store.get('activities', KEY))?.claimedUntil).toBeUndefined();
    } finally {
      await dispose();
    }
  });

  it('a claim makes no commit: the activity is recorded once, with its answer, when the turn is done', async () => {
    const { store, dispose } = await tempStore();
    try {
      const commits = recordCommits(store);
      const ledger = new ActivityLedger(store, () => NOW, new MemoryLogger());
      expect(await ledger.claim(KEY)).toEqual({ kind: 'first' });
      expect(commits).toEqual([]);
      await ledger.done(KEY, { response: { status: 200, body: 'answered' }, language: 'en' });
      expect(commits).toEqual([['activities']]);
      expect(await store.get('activities', KEY)).toMatchObject({ at: NOW.toISOString(), response: { status: 200 } });
      expect(await new ActivityLedger(store, () => NOW, new MemoryLogger()).claim(KEY)).toMatchObject({
        kind: 'duplicate',
      });
    } finally {
      await dispose();
    }
  });
});

describe('a turn re-delivered after its instance died mid-turn (PostgreSQL, the whole app over HTTP)', () => {
  const carmen = persona('carmen'); // Contoso global admin
  let store: PostgresStore;
  let app: PartnerDeskApp;
  let base: string;
  beforeEach(async () => {
    store = await openPostgresStore({ url: await freshDatabase(), seed: demoWorld(NOW) });
    app = createApp(loadConfig({ FOUR_EYES: 'false' }), { store, clock: () => NOW, logger: new MemoryLogger() });
    base = `http://127.0.0.1:${await listen(app.server, 0, '127.0.0.1')}`;
  });
  afterEach(async () => {
    app.stopTimers();
    await shutdown(app.server, 1000);
    await store.close();
  });

  const post = async (activity: Record<string, unknown>) => {
    const response = await fetch(`${base}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    });
    const text = await response.text();
    return { status: response.status, text: text ? visibleText(JSON.parse(text)) : '' };
  };
  const accepted = async (id: string) =>
    (await store.findBy('auditEvents', 'target', `invitation/${id}`)).filter((e) => e.action === 'invitation.accepted')
      .length;
  /** What a dead instance leaves: the activity claimed, the turn never answered. */
  const deadClaim = (s: Store, key: string, claimedUntil: Date) =>
    s.transaction((tx) =>
      tx.insert('activities', {
        id: key,
        at: NOW.toISOString(),
        claimedBy: 'an-instance-that-died',
        claimedUntil: claimedUntil.toISOString(),
      }),
    );
  async function acceptance() {
    const { id } = await sendInvitation(
      store,
      {
        kind: 'reseller',
        customer: { tenantId: DEMO_TENANTS.contoso },
        relationshipTypes: ['reseller'],
        adminAccess: null,
      },
      NOW,
    );
    const activity = cardAction(carmen, INVITATION_VERBS.accept, { invitationId: id, acknowledged: 'true' });
    const key = `msteams/${(activity.conversation as { id: string }).id}/${String(activity.id)}`;
    return { id, activity, key };
  }

  it('after the lease the re-delivery runs the turn, once', async () => {
    const { id, activity, key } = await acceptance();
    await deadClaim(store, key, new Date(NOW.getTime() - 1));
    const answer = await post(activity);
    expect(answer.status).toBe(200);
    expect(answer.text).toMatch(/Invitation accepted/);
    expect(await accepted(id)).toBe(1);
    expect((await store.get('activities', key))?.claimedUntil).toBeUndefined();
    await post(activity);
    expect(await accepted(id)).toBe(1);
  });

  it('while the lease holds the re-delivery does nothing (the turn may still be running elsewhere)', async () => {
    const { id, activity, key } = await acceptance();
    await deadClaim(store, key, new Date(NOW.getTime() + 30_000));
    const before = await store.get('invitations', id);
    const answer = await post(activity);
    expect(answer.text).not.toMatch(/Invitation accepted/);
    expect(await store.get('invitations', id)).toEqual(before);
    expect(await accepted(id)).toBe(0);
  });
});
