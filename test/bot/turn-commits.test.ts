// The commits of one Accept & Authorize turn as Teams posts it over HTTP: each commit the answer waits for
// is an fsync on its critical path, so what belongs together is one commit.
import { createApp, type PartnerDeskApp } from '../../src/app.js';
import { listen, shutdown } from '../../src/bot/server.js';
import { INVITATION_VERBS } from '../../src/cards/invitation-card.js';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/logging/logger.js';
import { demoWorld } from '../../src/store/demo-world.js';
import { cardAction, visibleText } from '../support/activities.js';
import { recordCommits } from '../support/commits.js';
import { sendInvitation } from '../support/invitations.js';
import { persona } from '../support/personas.js';
import { NOW, tempStore } from '../support/world.js';

const carmen = persona('carmen');

describe('the commits of an Accept & Authorize turn over HTTP', () => {
  let app: PartnerDeskApp;
  let base: string;
  let dispose: () => Promise<void>;

  beforeEach(async () => {
    const temp = await tempStore(demoWorld(NOW));
    dispose = temp.dispose;
    app = createApp(loadConfig({}), { store: temp.store, clock: () => NOW, logger: silentLogger });
    base = `http://127.0.0.1:${await listen(app.server, 0, '127.0.0.1')}`;
  });

  afterEach(async () => {
    app.stopTimers();
    await shutdown(app.server, 1000);
    await dispose();
  });

  async function post(body: unknown): Promise<unknown> {
    const response = await fetch(`${base}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(200);
    return response.json();
  }

  it('answers after three commits: where to reach the person, the acceptance, and the activity done; no conversation state', async () => {
    const { id } = await sendInvitation(app.store);
    const commits = recordCommits(app.store);
    const answer = await post(cardAction(carmen, INVITATION_VERBS.accept, { invitationId: id, acknowledged: 'true' }));
    const beforeAnswer = commits.slice();
    expect(visibleText(answer)).toContain('Invitation accepted');
    // The outbox's drain comes after the answer: it is not on the turn's path.
    await app.notifier.drain();
    expect(beforeAnswer.map((c) => [...new Set(c)].sort())).toEqual([
      ['conversations'],
      ['agreements', 'auditEvents', 'invitations', 'notifications', 'organizations', 'relationships'],
      ['activities'],
    ]);
    const [activity] = await app.store.all('activities');
    expect(activity?.claimedUntil).toBeUndefined();
    expect(activity?.response).toBeDefined();
    // A card action that begins no workflow leaves the dialog stack unread and unwritten.
    expect(await app.store.all('state')).toHaveLength(0);
  });
});
