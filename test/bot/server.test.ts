import { createSign, generateKeyPairSync } from 'node:crypto';
import type restify from 'restify';
import { createApp, type PartnerDeskApp } from '../../src/app.js';
import { createAdapter } from '../../src/bot/adapter.js';
import { createServer, listen, shutdown } from '../../src/bot/server.js';
import { loadConfig } from '../../src/config.js';
import { identityKey } from '../../src/store/store.js';
import { cardAction, message, teamsActivity, visibleText } from '../support/activities.js';
import { NOW, PEOPLE, TENANTS, tempStore } from '../support/world.js';
import { MemoryLogger, silentLogger } from '../../src/logging/logger.js';

interface Answer {
  status: number;
  body: unknown;
  text: string;
}

describe('HTTP server: POST /api/messages', () => {
  let app: PartnerDeskApp;
  let server: restify.Server;
  let base: string;
  let dispose: () => Promise<void>;

  beforeEach(async () => {
    const temp = await tempStore();
    dispose = temp.dispose;
    const config = loadConfig({
      MAX_BODY_BYTES: '4096',
      ALLOWED_TENANTS: `${TENANTS.adatum},${TENANTS.contoso},99999999-0000-4000-8000-000000000009`,
    });
    app = createApp(config, {
      store: temp.store,
      clock: () => NOW,
      logger: silentLogger,
    });
    server = app.server;
    const port = await listen(server, 0, '127.0.0.1');
    base = `http://127.0.0.1:${port}`;
  });

  afterEach(async () => {
    app.stopTimers();
    await shutdown(server, 1000);
    await dispose();
  });

  async function post(body: unknown, raw?: string): Promise<Answer> {
    const response = await fetch(`${base}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: raw ?? JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined, text };
  }

  function replies(answer: Answer): unknown[] {
    return (answer.body as { activities: unknown[] }).activities;
  }

  it('answers whoami with the organisation and roles', async () => {
    const answer = await post(message(PEOPLE.partnerAdminAgent, 'whoami'));
    expect(answer.status).toBe(200);
    const text = visibleText(replies(answer));
    expect(text).toContain('Adatum Cloud Partners');
    expect(text).toContain('Admin agent');
    expect(text).toContain('Request reseller relationships (invite customers)');
  });

  it('handles an adaptiveCard/action invoke and replaces the card', async () => {
    const answer = await post(cardAction(PEOPLE.customerGlobalAdmin, 'language.set', { language: 'es' }));
    expect(answer.status).toBe(200);
    const body = answer.body as { statusCode: number; type: string; value: unknown };
    expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(visibleText(body.value)).toContain('Quién es usted para Partner Desk');
    const user = (
      await app.store.findBy(
        'users',
        'identity',
        identityKey(PEOPLE.customerGlobalAdmin.tenantId, PEOPLE.customerGlobalAdmin.aadObjectId),
      )
    )[0];
    expect(user?.language).toBe('es');
  });

  it('answers a bad card payload with an error card and changes nothing', async () => {
    const answer = await post(cardAction(PEOPLE.customerGlobalAdmin, 'language.set', { language: 'fr' }));
    const body = answer.body as { value: unknown };
    expect(visibleText(body.value)).toContain('This button did not work');
    const [user] = await app.store.findBy(
      'users',
      'identity',
      identityKey(PEOPLE.customerGlobalAdmin.tenantId, PEOPLE.customerGlobalAdmin.aadObjectId),
    );
    expect(user?.language).toBeUndefined();
  });

  it.each([
    ['no type', { channelId: 'msteams' }],
    [
      'a number as type',
      { type: 5, channelId: 'msteams', serviceUrl: 'http://x', conversation: { id: 'c' }, from: { id: 'f' } },
    ],
    ['an array', [1, 2, 3]],
  ])('refuses a malformed activity (%s) with 400 and no internals', async (_name, body) => {
    const answer = await post(body);
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ error: 'Malformed activity' });
  });

  it('refuses invalid JSON with 400 and no parser details', async () => {
    const answer = await post(undefined, '{"type": "message", ');
    expect(answer.status).toBe(400);
    expect(answer.text).not.toMatch(/Unexpected|JSON at position|stack/i);
  });

  it('refuses an oversized body with 413', async () => {
    const answer = await post(message(PEOPLE.partnerAdminAgent, 'x'.repeat(10_000)));
    expect(answer.status).toBe(413);
    expect(answer.text).not.toMatch(/stack|at /);
  });

  it('gives a re-delivered activity one effect', async () => {
    const activity = message(PEOPLE.customerGlobalAdmin, 'language es');
    const first = await post(activity);
    const second = await post(activity);
    expect(visibleText(replies(first))).toContain('A partir de ahora le hablaré en español.');
    expect(replies(second)).toEqual([]);
    const [user] = await app.store.findBy(
      'users',
      'identity',
      identityKey(PEOPLE.customerGlobalAdmin.tenantId, PEOPLE.customerGlobalAdmin.aadObjectId),
    );
    expect(user?.version).toBe(2);
  });

  it('returns the first answer to a re-delivered invoke', async () => {
    const invoke = cardAction(PEOPLE.customerGlobalAdmin, 'language.set', { language: 'es' });
    const first = await post(invoke);
    const second = await post(invoke);
    expect(second.body).toEqual(first.body);
  });

  it('explains how to register to a user of an unknown tenant', async () => {
    const stranger = {
      tenantId: '99999999-0000-4000-8000-000000000009',
      aadObjectId: 'dddddddd-0000-4000-8000-000000000001',
    };
    const answer = await post(message(stranger, 'help'));
    const text = visibleText(replies(answer));
    expect(text).toContain('Your organisation is not registered with Partner Desk');
    expect(text).toContain(stranger.tenantId);
  });

  it('drops activities from a tenant outside the allow-list', async () => {
    const outsider = {
      tenantId: '88888888-0000-4000-8000-000000000008',
      aadObjectId: 'eeeeeeee-0000-4000-8000-000000000001',
    };
    const answer = await post(message(outsider, 'help'));
    expect(answer.status).toBe(200);
    expect(answer.text).toBe('');
  });

  it('refuses an activity without tenant or user id', async () => {
    const anonymous = teamsActivity(
      { tenantId: TENANTS.contoso, aadObjectId: 'x' },
      { type: 'message', text: 'help', from: { id: '29:x' }, conversation: { id: 'c1', tenantId: TENANTS.contoso } },
    );
    const answer = await post(anonymous);
    expect(visibleText(replies(answer))).toContain('I cannot tell who you are');
  });

  it('GET /healthz answers when the store does', async () => {
    const response = await fetch(`${base}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });
});

const APP_ID = '11111111-0000-4000-8000-0000000000a1';

/** A well-formed RS256 token, signed by a key nobody trusts. */
function untrustedToken(audience: string): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const now = Math.floor(NOW.getTime() / 1000);
  const unsigned = `${part({ alg: 'RS256', typ: 'JWT', kid: 'not-a-microsoft-key' })}.${part({
    iss: 'https://api.botframework.com',
    aud: audience,
    serviceurl: 'http://127.0.0.1:1/_connector',
    nbf: now - 60,
    exp: now + 3600,
  })}`;
  return `${unsigned}.${createSign('RSA-SHA256').update(unsigned).sign(privateKey).toString('base64url')}`;
}

describe('HTTP server with Bot Framework credentials: authentication failures', () => {
  let app: PartnerDeskApp;
  let base: string;
  let dispose: () => Promise<void>;
  let logger: MemoryLogger;

  beforeEach(async () => {
    const temp = await tempStore();
    dispose = temp.dispose;
    logger = new MemoryLogger();
    const config = loadConfig({
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: 'not-a-real-secret',
      ALLOWED_TENANTS: `${TENANTS.adatum},${TENANTS.contoso}`,
    });
    app = createApp(config, { store: temp.store, clock: () => NOW, logger });
    base = `http://127.0.0.1:${await listen(app.server, 0, '127.0.0.1')}`;
  });

  afterEach(async () => {
    app.stopTimers();
    await shutdown(app.server, 1000);
    await dispose();
  });

  // Here Microsoft's OpenID metadata cannot be fetched (no internet): a token we cannot verify is not authorised either.
  it.each([
    ['no Authorization header', undefined],
    ['a malformed token', 'Bearer not-a-jwt'],
    ['a well-formed token signed by nobody Microsoft trusts', `Bearer ${untrustedToken(APP_ID)}`],
    ['a token for another audience', `Bearer ${untrustedToken('22222222-0000-4000-8000-0000000000b2')}`],
  ])('answers %s with 401 and a generic body, and logs why without the token', async (_name, authorization) => {
    const response = await fetch(`${base}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
      body: JSON.stringify(message(PEOPLE.customerGlobalAdmin, 'language es')),
    });
    expect(response.status).toBe(401);
    expect(await response.text()).toBe('{"error":"Unauthorized"}');
    const logged = logger.errors().filter((line) => line.message === 'request not authenticated');
    expect(logged).toHaveLength(1);
    expect(logged[0]?.fields.reason).toEqual(expect.any(String));
    const everything = JSON.stringify(logger.lines);
    if (authorization) expect(everything).not.toContain(authorization.slice('Bearer '.length));
    expect(everything).not.toMatch(/https?:\/\//);
    const users = await app.store.findBy(
      'users',
      'identity',
      identityKey(PEOPLE.customerGlobalAdmin.tenantId, PEOPLE.customerGlobalAdmin.aadObjectId),
    );
    expect(users[0]?.language).toBeUndefined();
  });
});

describe('HTTP server: a failure after authentication', () => {
  it('answers 500 with a generic body and logs the detail', async () => {
    const temp = await tempStore();
    const logger = new MemoryLogger();
    const config = loadConfig({ ALLOWED_TENANTS: TENANTS.contoso });
    const adapter = createAdapter(config, logger);
    // The turn-error handler itself failing is the one way an error escapes CloudAdapter's turn.
    adapter.onTurnError = async (_context, error) => {
      throw error;
    };
    const server = createServer({
      config,
      adapter,
      store: temp.store,
      logger,
      clock: () => NOW,
      run: async () => {
        throw new Error('detail only the operator may read');
      },
    });
    try {
      const port = await listen(server, 0, '127.0.0.1');
      const response = await fetch(`http://127.0.0.1:${port}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(message(PEOPLE.customerGlobalAdmin, 'help')),
      });
      expect(response.status).toBe(500);
      expect(await response.text()).toBe('{"error":"Internal error"}');
      expect(JSON.stringify(logger.errors())).toContain('detail only the operator may read');
    } finally {
      await shutdown(server, 1000);
      await temp.dispose();
    }
  });
});
