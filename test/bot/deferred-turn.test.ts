// Overload as Teams sees it: a turn the PostgreSQL store cannot serve in time is answered 503 with
// Retry-After, nothing of it saved, one warn line; Teams' re-sent activity then runs once.
import type pg from 'pg';
import { createApp, type PartnerDeskApp } from '../../src/app.js';
import { listen, shutdown } from '../../src/bot/server.js';
import { INVITATION_VERBS } from '../../src/cards/invitation-card.js';
import { loadConfig } from '../../src/config.js';
import { MemoryLogger } from '../../src/logging/logger.js';
import { DEMO_TENANTS, demoWorld } from '../../src/store/demo-world.js';
import { openPostgresStore, type PostgresStore } from '../../src/store/postgres/postgres-store.js';
import { cardAction, visibleText } from '../support/activities.js';
import { sendInvitation } from '../support/invitations.js';
import { persona } from '../support/personas.js';
import { freshDatabase } from '../support/postgres.js';
import { NOW } from '../support/world.js';

const carmen = persona('carmen'); // Contoso global admin
/** The activity ledger's key of an activity: channel, conversation, activity id. */
const keyOf = (activity: Record<string, unknown>) =>
  `msteams/${(activity.conversation as { id: string }).id}/${String(activity.id)}`;

describe('a turn the busy store cannot serve (PostgreSQL, a pool of one)', () => {
  let store: PostgresStore;
  let app: PartnerDeskApp;
  let base: string;
  let logger: MemoryLogger;
  let held: pg.PoolClient | undefined;

  beforeEach(async () => {
    store = await openPostgresStore({ url: await freshDatabase(), seed: demoWorld(NOW), poolSize: 1, poolWaitMs: 300 });
    logger = new MemoryLogger();
    app = createApp(loadConfig({ FOUR_EYES: 'false' }), { store, clock: () => NOW, logger });
    base = `http://127.0.0.1:${await listen(app.server, 0, '127.0.0.1')}`;
  });
  afterEach(async () => {
    held?.release();
    held = undefined;
    app.stopTimers();
    await shutdown(app.server, 1000);
    await store.close();
  });

  async function post(activity: Record<string, unknown>) {
    const response = await fetch(`${base}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    });
    const text = await response.text();
    return { status: response.status, retryAfter: response.headers.get('retry-after'), text };
  }
  const invitation = () =>
    sendInvitation(
      store,
      {
        kind: 'reseller',
        customer: { tenantId: DEMO_TENANTS.contoso },
        relationshipTypes: ['reseller'],
        adminAccess: null,
      },
      NOW,
    );
  const accepted = async (id: string) =>
    (await store.findBy('auditEvents', 'target', `invitation/${id}`)).filter((e) => e.action === 'invitation.accepted')
      .length;
  const warnings = () => logger.lines.filter((l) => l.level === 'warn' || l.level === 'error').map((l) => l.message);

  it('busy from the start: 503 with Retry-After, nothing saved, one warn line; the re-sent activity runs once', async () => {
    const { id } = await invitation();
    const activity = cardAction(carmen, INVITATION_VERBS.accept, { invitationId: id, acknowledged: 'true' });
    const before = await store.get('invitations', id);
    held = await store.pool.connect();
    const busy = await post(activity);
    expect(busy).toMatchObject({ status: 503, retryAfter: '2' });
    expect(busy.text).not.toMatch(/timeout|pool|postgres/i);
    held.release();
    held = undefined;
    expect(await store.get('invitations', id)).toEqual(before);
    expect(await store.get('activities', keyOf(activity))).toBeUndefined();
    expect(warnings()).toEqual(['turn deferred: store busy, answered 503']);

    const again = await post(activity);
    expect(again.status).toBe(200);
    expect(visibleText(JSON.parse(again.text))).toMatch(/Invitation accepted/);
    expect(await accepted(id)).toBe(1);
    expect((await post(activity)).status).toBe(200);
    expect(await accepted(id)).toBe(1);
  });

  it('busy right after the activity was claimed: 503, the claim given back, and the re-sent activity runs once', async () => {
    const { id } = await invitation();
    const activity = cardAction(carmen, INVITATION_VERBS.accept, { invitationId: id, acknowledged: 'true' });
    const key = keyOf(activity);
    const before = await store.get('invitations', id);
    // The moment the claim is committed its connection is free; the test takes it before the turn goes on.
    let taking: Promise<pg.PoolClient> | undefined;
    const stop = store.subscribe((change) => {
      if (!taking && 'collection' in change && change.collection === 'activities' && change.id === key)
        taking = store.pool.connect();
    });
    const busy = await post(activity);
    stop();
    held = await taking!;
    expect(busy).toMatchObject({ status: 503, retryAfter: '2' });
    held.release();
    held = undefined;
    expect(await store.get('invitations', id)).toEqual(before);
    expect(await accepted(id)).toBe(0);
    // The claim stays in the store (the busy store could not take it back) but this instance gave it back.
    expect((await store.get('activities', key))?.claimedUntil).toBeDefined();
    expect(warnings()).toEqual(['turn deferred: store busy, answered 503']);

    const again = await post(activity);
    expect(visibleText(JSON.parse(again.text))).toMatch(/Invitation accepted/);
    expect(await accepted(id)).toBe(1);
    expect((await store.get('activities', key))?.claimedUntil).toBeUndefined();
  });
});
