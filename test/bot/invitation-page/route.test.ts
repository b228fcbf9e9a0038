import { createHash } from 'node:crypto';
import type restify from 'restify';
import { createApp, type PartnerDeskApp } from '../../../src/app.js';
import { listen, shutdown } from '../../../src/bot/server.js';
import { loadConfig } from '../../../src/config.js';
import { MemoryLogger } from '../../../src/logging/logger.js';
import { DEMO_TENANTS, demoWorld } from '../../../src/store/demo-world.js';
import { formatCode, newInvitationToken } from '../../../src/services/invitations/invitation-token.js';
import type { Invitation } from '../../../src/domain/model.js';
import type { Store } from '../../../src/store/store.js';
import { sendInvitation, setInvitation } from '../../support/invitations.js';
import { NOW, tempStore } from '../../support/world.js';

interface Page {
  status: number;
  headers: Headers;
  html: string;
  /** What a reader sees: tags removed, entities decoded. */
  text: string;
}

function readable(html: string): string {
  return html
    .replace(/<style>[\s\S]*?<\/style>/g, '')
    .replace(/<\/?(strong|a|code)\b[^>]*>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

describe('GET /invite/<code>: the personalised link', () => {
  let app: PartnerDeskApp;
  let server: restify.Server;
  let base: string;
  let store: Store;
  let dispose: () => Promise<void>;
  let logger: MemoryLogger;

  async function start(env: NodeJS.ProcessEnv = {}) {
    const temp = await tempStore(demoWorld(NOW));
    ({ store, dispose } = temp);
    logger = new MemoryLogger();
    app = createApp(loadConfig(env), { store, clock: () => NOW, logger });
    server = app.server;
    base = `http://127.0.0.1:${await listen(server, 0, '127.0.0.1')}`;
  }
  afterEach(async () => {
    app.stopTimers();
    await shutdown(server, 1000);
    await dispose();
  });

  async function open(path: string, language = 'en-US,en;q=0.9'): Promise<Page> {
    const response = await fetch(`${base}${path}`, { headers: { 'accept-language': language, connection: 'close' } });
    const html = await response.text();
    return { status: response.status, headers: response.headers, html, text: readable(html) };
  }

  describe('with the bot in local mode', () => {
    beforeEach(() => start());

    const SHOWN: [string, string, string[]][] = [
      [
        'en',
        'en-GB,en;q=0.9',
        [
          'Accept agreement & authorize partner',
          'Adatum Cloud Partners invites Contoso Ltd to a partner relationship.',
          'Reseller, Delegated administrator',
          'Helpdesk Administrator: Can reset passwords of non-administrators',
          '90 days',
          'Where this is accepted',
          'In Microsoft Teams, in the chat with Partner Desk',
          'Partner ID (MPN)',
          '4410001',
          'Read the Microsoft Customer Agreement before you accept.',
          "90 of the invitation's 90 days are left to answer it.",
          'there is no Teams link',
          'Your organisation has not added the Partner Desk app yet?',
        ],
      ],
      [
        'es',
        'es-ES,es;q=0.9,en;q=0.8',
        [
          'Aceptar contrato & autorizar asociado',
          'Adatum Cloud Partners',
          'Contoso Ltd',
          'Administrador del departamento de soporte técnico',
          'En Microsoft Teams, en el chat con Partner Desk',
          'Id. de partner (MPN)',
          'Quedan 90 de los 90 días de la invitación para responderla.',
          'no hay enlace a Teams',
        ],
      ],
    ];
    it.each(SHOWN)('a live invitation (approval pending) shows the summary in %s', async (language, header, texts) => {
      const { token } = await sendInvitation(store);
      const page = await open(`/invite/${token}`, header);
      expect(page.status).toBe(200);
      expect(page.html).toContain(`<html lang="${language}">`);
      for (const text of texts) expect(page.text).toContain(text);
      expect(page.text).toContain(`accept ${formatCode(token)}`);
      expect(page.html).not.toContain('teams.microsoft.com');
    });

    const CLOSED: [string, (id: string) => Promise<void>][] = [
      ['accepted', (id) => set(id, { status: 'accepted', decidedBy: by() })],
      ['declined', (id) => set(id, { status: 'declined', decidedBy: by() })],
      ['cancelled', (id) => set(id, { status: 'cancelled' })],
      ['expired', (id) => set(id, { status: 'expired' })],
      [
        'past its 90 days, not yet marked expired',
        (id) => set(id, { expiresAt: new Date(NOW.getTime() - 1).toISOString() }),
      ],
    ];
    const set = (id: string, change: Partial<Invitation>) => setInvitation(store, id, change);
    const by = () => ({ userId: 'u', name: 'Carmen Navarro', tenantId: DEMO_TENANTS.contoso, at: NOW.toISOString() });

    it.each(['en', 'es'])('an unknown or malformed code gets the neutral page (%s)', async (language) => {
      for (const path of [`/invite/${newInvitationToken().token}`, '/invite/not-a-code', '/invite/%3Cscript%3E']) {
        const page = await open(path, language);
        expect([path, page.status]).toEqual([path, 404]);
        expect(page.text).toContain(
          language === 'en' ? 'This invitation link cannot be used' : 'Este enlace de invitación no se puede usar',
        );
      }
    });

    it.each(CLOSED.flatMap(([state, change]) => ['en', 'es'].map((l) => [state, l, change] as const)))(
      'a code of an invitation %s gets the same neutral page as an unknown one (%s)',
      async (_state, language, change) => {
        const { id, token } = await sendInvitation(store);
        await change(id);
        const page = await open(`/invite/${token}`, language);
        const unknown = await open(`/invite/${newInvitationToken().token}`, language);
        expect(page.status).toBe(404);
        expect(page.html).toBe(unknown.html);
        for (const name of ['Adatum', 'Contoso', 'Carmen']) expect(page.text).not.toContain(name);
      },
    );

    it('every answer carries the safety headers, and no line logged holds the code', async () => {
      const { token } = await sendInvitation(store);
      for (const path of [`/invite/${token}`, `/invite/${newInvitationToken().token}`]) {
        const { headers } = await open(path);
        expect(headers.get('content-type')).toBe('text/html; charset=utf-8');
        expect(headers.get('content-security-policy')).toMatch(/default-src 'none'/);
        expect(headers.get('content-security-policy')).not.toMatch(/script-src|unsafe-inline/);
        expect(headers.get('referrer-policy')).toBe('no-referrer');
        expect(headers.get('cache-control')).toBe('no-store');
        expect(headers.get('x-content-type-options')).toBe('nosniff');
      }
      // The one style sheet is allowed by its hash: a byte changed in it would leave the page unstyled.
      const served = /<style>([\s\S]*?)<\/style>/.exec((await open(`/invite/${token}`)).html)?.[1] ?? '';
      const hash = createHash('sha256').update(served).digest('base64');
      expect((await open(`/invite/${token}`)).headers.get('content-security-policy')).toContain(
        `style-src 'sha256-${hash}'`,
      );
      const logged = JSON.stringify(logger.lines);
      expect(logged).toContain('invitation page');
      expect(logged).not.toContain(token);
      expect(logged).not.toContain(formatCode(token));
    });

    it('an invitation by domain to an organisation Partner Desk does not know yet is shown too', async () => {
      const { token } = await sendInvitation(store, {
        kind: 'reseller',
        customer: { domain: 'alpineskihouse.com', email: 'ada@alpineskihouse.com' },
        relationshipTypes: ['reseller'],
        adminAccess: null,
      });
      const page = await open(`/invite/${token}`);
      expect(page.status).toBe(200);
      expect(page.text).toContain('Adatum Cloud Partners invites alpineskihouse.com to a partner relationship.');
      expect(page.text).toContain('at alpineskihouse.com');
    });

    it('escapes every value it shows: an organisation named with markup shows as text', async () => {
      const { token } = await sendInvitation(store);
      const evil = `<script>alert("x")</script> & 'Co'`;
      await store.transaction(async (tx) => {
        tx.update('organizations', { ...(await tx.get('organizations', DEMO_TENANTS.adatum))!, name: evil });
      });
      const page = await open(`/invite/${token}`);
      expect(page.status).toBe(200);
      expect(page.html).not.toContain('<script');
      expect(page.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;Co&#39;');
      expect(page.text).toContain(`${evil} invites Contoso Ltd`);
    });
  });

  it('with an app id: "Open in Teams" opens a chat with the bot, and the steps name the app id', async () => {
    await start({ MicrosoftAppId: '0b5e9c1a-1111-4222-8333-444455556666', MicrosoftAppPassword: 'secret' });
    const { token } = await sendInvitation(store);
    const page = await open(`/invite/${token}`);
    expect(page.html).toContain(
      'href="https://teams.microsoft.com/l/chat/0/0?users=28%3A0b5e9c1a-1111-4222-8333-444455556666"',
    );
    expect(page.text).toContain('Open in Teams');
    expect(page.text).toContain('bot app id 0b5e9c1a-1111-4222-8333-444455556666');
  });

  it('rate-limits one client address: after the burst it answers 429 with the neutral words', async () => {
    await start({ INVITE_PAGE_RATE_LIMIT: '3' });
    const { token } = await sendInvitation(store);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await open(`/invite/${token}`)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await open(`/invite/${token}`);
    expect(limited.headers.get('retry-after')).toBe('60');
    expect(limited.text).toContain('Too many requests');
    expect(limited.text).not.toContain('Adatum');
  });
});
