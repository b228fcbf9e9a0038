import restify from 'restify';
import { downloadRouteFor } from '../../../../src/bot/download-route.js';
import { MemoryLogger } from '../../../../src/logging/logger.js';
import { LIST_PAGE_VERBS } from '../../../../src/cards/helpdesk-cards.js';
import { AUTO_EXTEND_VERB } from '../../../../src/services/relationships/expiry-guardian.js';
import { DEMO_TENANTS } from '../../../../src/store/demo-world.js';
import type { Store } from '../../../../src/store/store.js';
import type { Person } from '../../../support/activities.js';
import { NOW, tempStore } from '../../../support/world.js';
import {
  contactedBy,
  expiringCustomers,
  pendingInvitation,
  worldWith,
} from '../../../services/helpdesk/helpdesk-fixtures.js';
import { buttons } from './harness.js';
import { BotHarness } from '../../../support/bot-harness.js';
import { persona } from '../../../support/personas.js';

const [alex, sam, hana, grace, umar] = (['alex', 'sam', 'hana', 'grace', 'umar'] as const).map(persona);
const helen = persona('helen');
const omar = persona('omar');
const lidia = persona('lidia');

describe('helpdesk', () => {
  let store: Store;
  let dispose: () => Promise<void>;
  let now: Date;
  const harnesses: BotHarness[] = [];
  const as = (person: Person, locale = 'en-US') => {
    const bot = new BotHarness(store, person, { PUBLIC_URL: 'https://desk.example.com' }, locale, () => now);
    harnesses.push(bot);
    return bot;
  };

  beforeEach(async () => {
    now = NOW;
    const pending = Array.from({ length: 12 }, (_, i) => pendingInvitation(NOW, i + 1, 80 - i * 5));
    // Contoso, Tailspin and Wingtip contacted Adatum, so Adatum's helpdesk may look them up.
    const T = DEMO_TENANTS;
    const leads = contactedBy(NOW, T.adatum, T.contoso, T.tailspin, T.wingtip);
    ({ store, dispose } = await tempStore(worldWith(NOW, { invitations: pending }, expiringCustomers(NOW, 7), leads)));
  });
  afterEach(async () => {
    harnesses.splice(0).forEach((h) => h.stop());
    await dispose();
  });

  describe('can we…', () => {
    it.each([
      [
        'can we reset a password for fabrikam',
        ['Yes, for Fabrikam Inc', 'Helpdesk Administrator', 'Password Administrator'],
      ],
      ['can we manage licences for fabrikam.us', ['Yes, for Fabrikam Inc', 'License Administrator']],
      ['can we open a support request for fabrikm', ['Yes, for Fabrikam Inc', 'Helpdesk Administrator']],
      [
        'can we manage users for fabrikam',
        ['Not now, for Fabrikam Inc', 'Roles are never added', 'User Administrator'],
      ],
      ['can we manage subscriptions for fabrikam', ['Not now, for Fabrikam Inc', 'Billing Administrator']],
      [
        'can we reset a password for contoso',
        ['Not now, for Contoso Ltd', 'no active relationship', 'Password Administrator'],
      ],
      ['can we read security reports for expiring-1.example', ['Not now', 'Security Reader']],
      ['can we fly to the moon for fabrikam', ['I do not know the task', 'Reset a password', 'Password Administrator']],
      ['can we reset a password', ['Name the customer after the task']],
      ['can we reset a password for nowhere', ['I found no organisation like "nowhere"']],
      ['can we', ['Ask about a task and a customer']],
    ])('%s', async (question, expected) => {
      const text = await as(hana!).say(question);
      for (const e of expected) expect(text).toContain(e);
    });

    it('answers until when the access lasts', async () => {
      expect(await as(hana!).say('can we reset a password for fabrikam')).toContain('until 12 Dec 2026');
    });

    it('answers in Spanish', async () => {
      const text = await as(hana!, 'es-ES').say('¿podemos restablecer una contraseña para Fabrikam?');
      expect(text).toContain('Sí, para Fabrikam Inc');
      expect(text).toContain('Administrador del departamento de soporte técnico');
    });

    it('asks "did you mean" for an ambiguous customer, and answers the choice', async () => {
      const bot = as(hana!);
      const { text, cards } = await bot.sayWithCards('can we reset a password for expiring customer');
      expect(text).toContain('Did you mean…?');
      const choice = buttons(cards[0]).find((b) => b.title.startsWith('Expiring Customer 2'))!;
      // The task stays with the question asked; the button names only the customer, and its step's ticket.
      expect(choice.data).toEqual({ customer: 'expiring-2.example', formTicket: expect.any(String) });
      expect((await bot.click(choice.verb, choice.data)).text).toContain('Yes, for Expiring Customer 2');
    });

    it('a subscription needs the MCA even with the right role', async () => {
      await store.transaction(async (tx) => {
        const rel = (await tx.get('relationships', 'rel-adatum-fabrikam'))!;
        tx.update('relationships', {
          ...rel,
          adminAccess: { ...rel.adminAccess!, roles: ['billing-administrator'] },
        });
        const fabrikam = (await tx.get('organizations', rel.customerTenantId))!;
        const { mcaAcceptanceId: _dropped, ...withoutMca } = fabrikam;
        tx.update('organizations', withoutMca);
      });
      const text = await as(hana!).say('can we manage subscriptions for fabrikam');
      expect(text).toContain('has not accepted the Microsoft Customer Agreement');
    });

    it.each([
      ['a customer helpdesk admin', helen, 'is for partner staff'],
      ['a user management admin', umar!, 'This needs the role'],
    ])('refuses %s', async (_who, person, expected) => {
      expect(await as(person).say('can we reset a password for fabrikam')).toContain(expected);
    });
  });

  describe('lists', () => {
    it('pending invitations, oldest first, with age against the 90 days, paged with nothing cut', async () => {
      const bot = as(hana!);
      const { text, cards } = await bot.sayWithCards('pending');
      expect(text).toContain('Pending invitations');
      expect(text).toContain('Showing 1–5 of 12 (page 1 of 3).');
      expect(text).toContain('prospect-01.example');
      expect(text).toContain('80 days old, 10 of 90 days left');
      expect(text).not.toContain('prospect-06.example');
      expect(text).not.toContain('/invite/');
      expect(buttons(cards[0]).map((b) => b.title)).toEqual(['Next']);

      const seen = new Set<string>();
      let page: { card: unknown; text: string } = { card: cards[0], text };
      for (let n = 1; n <= 3; n++) {
        for (const m of page.text.matchAll(/prospect-\d\d\.example/g)) seen.add(m[0]);
        const next = buttons(page.card).find((b) => b.title === 'Next');
        if (!next) break;
        page = await bot.click(next.verb, next.data);
      }
      expect(seen.size).toBe(12);
      expect(page.text).toContain('Showing 11–12 of 12 (page 3 of 3).');
      expect(buttons(page.card).map((b) => b.title)).toEqual(['Previous']);
    });

    it('a page past the end shows the last page', async () => {
      const bot = as(hana!);
      await bot.say('pending');
      const { text } = await bot.click(LIST_PAGE_VERBS.pending, { page: 99 });
      expect(text).toContain('Showing 11–12 of 12 (page 3 of 3).');
    });

    it('expiring within 30 days, soonest first, over two pages', async () => {
      const bot = as(hana!);
      const { text, cards } = await bot.sayWithCards('expiring');
      expect(text).toContain('Showing 1–5 of 8');
      expect(text.indexOf('Expiring Customer 1')).toBeLessThan(text.indexOf('Expiring Customer 2'));
      expect(text).not.toContain('Fabrikam');
      const next = await bot.click(buttons(cards[0])[0]!.verb, buttons(cards[0])[0]!.data);
      expect(next.text).toContain('Fabrikam Inc');
      expect(next.text).toContain('(20 days left)');
    });

    it('customers without an accepted MCA', async () => {
      const text = await as(lidia).say('no mca');
      expect(text).toContain('Contoso Ltd (contoso.com)');
      expect(text).toContain('Not accepted yet');
      const adatum = await as(hana!).say('no mca');
      expect(adatum).not.toContain('Fabrikam'); // Fabrikam accepted the MCA.
      expect(adatum).toContain('Expiring Customer 1');
      expect(adatum).not.toContain('Contoso'); // Litware's customer, not Adatum's.
    });

    it.each([
      ['relationships active', 'Relationships Active', 'Showing 1–5 of 8'],
      ['relationships active', 'Relationships Active', 'In the order the relationships began, oldest first.'],
      ['relaciones caducada', 'Relaciones Caducada', 'Ninguna relación en este estado.'],
      [
        'relaciones activa',
        'Relaciones Activa',
        'En el orden en que comenzaron las relaciones, de la más antigua a la más reciente.',
      ],
      ['relationships', 'Relationships', 'Showing 1–5 of 8'],
      ['relationships', 'Relationships', 'By state, then in the order the relationships began, oldest first.'],
      ['relationships sleeping', 'Relationships', '"sleeping" is not a relationship state'],
    ])('%s', async (command, title, expected) => {
      const locale = command.startsWith('relaciones') ? 'es-ES' : 'en-US';
      const text = await as(hana!, locale).say(command);
      expect(text).toContain(title);
      expect(text).toContain(expected);
    });

    it('empty lists say so', async () => {
      const text = await as(grace!).say('pending');
      expect(text).toContain('Showing 1–5 of 12');
      const litware = await as(lidia).say('pending');
      expect(litware).toContain('No invitation is waiting for an answer.');
      expect(await as(lidia).say('expiring')).toContain('No admin access ends within the next 30 days.');
    });

    it('a customer helpdesk admin sees only their own organisation', async () => {
      const text = await as(helen).say('relationships');
      expect(text).toContain('Litware Solutions');
      expect(text).not.toContain('Adatum');
      expect(text).not.toContain('Fabrikam');
    });

    it.each([
      ['a user management admin', umar!],
      ['a customer user without an admin role', omar],
    ])('refuses %s', async (_who, person) => {
      expect(await as(person).say('expiring')).toContain('This needs the role');
    });
  });

  describe('timeline', () => {
    it('newest first, who did what, never another partner’s history', async () => {
      await store.transaction(async (tx) => {
        tx.insert('auditEvents', {
          id: 'audit-later',
          at: new Date(NOW.getTime() - 86_400_000).toISOString(),
          actor: { userId: alex!.id, name: alex!.name, tenantId: alex!.tenantId },
          action: 'relationship.admin-roles-removed',
          target: { type: 'relationship', id: 'rel-adatum-fabrikam' },
          tenantIds: [alex!.tenantId, persona('franz').tenantId],
        });
      });
      const text = await as(hana!).say('timeline fabrikam');
      expect(text).toContain('Fabrikam Inc: timeline');
      expect(text.indexOf('Admin roles removed, by Alex Wilber')).toBeGreaterThan(-1);
      expect(text.indexOf('Admin roles removed')).toBeLessThan(text.indexOf('Relationship activated, by Franz Becker'));
      // Contoso's history with Litware is not Adatum's to read.
      expect(await as(hana!).say('timeline contoso')).toContain('Nothing has been recorded yet');
      expect(await as(helen).say('historial litware')).toContain('Relationship activated');
    });

    it('of one relationship by its id, and refuses one that is not the user’s', async () => {
      expect(await as(hana!).say('timeline rel-adatum-fabrikam')).toContain('Relationship activated, by Franz Becker');
      expect(await as(hana!).say('timeline rel-litware-contoso')).toContain('not one of your organisation');
    });

    it('exports CSV through a short-lived link; a formula in a name is neutralised', async () => {
      await store.transaction(async (tx) => {
        tx.insert('auditEvents', {
          id: 'audit-formula',
          at: NOW.toISOString(),
          actor: { userId: 'x', name: '=HYPERLINK("http://evil.example","click")', tenantId: alex!.tenantId },
          action: 'relationship.admin-roles-removed',
          target: { type: 'relationship', id: 'rel-adatum-fabrikam' },
          tenantIds: [alex!.tenantId, persona('franz').tenantId],
        });
      });
      const bot = as(hana!);
      const { cards } = await bot.sayWithCards('timeline fabrikam');
      const exportButton = buttons(cards[0]).find((b) => b.title === 'Export CSV')!;
      const { text } = await bot.click(exportButton.verb, exportButton.data);
      const url = /\((https:\/\/desk\.example\.com\/downloads\/[A-Za-z0-9_-]+)\)/.exec(text)?.[1];
      expect(url).toBeDefined();
      expect(text).toContain('(2 events)');

      const server = restify.createServer();
      downloadRouteFor(bot.app.downloads, new MemoryLogger())(server);
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as { port: number };
      try {
        const path = new URL(url!).pathname;
        const response = await fetch(`http://127.0.0.1:${port}${path}`);
        expect(response.status).toBe(200);
        expect(response.headers.get('content-type')).toContain('text/csv');
        expect(response.headers.get('content-disposition')).toContain('timeline-fabrikam.us.csv');
        const bytes = Buffer.from(await response.arrayBuffer());
        expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 byte-order mark for spreadsheets.
        const csv = bytes.subarray(3).toString('utf8');
        const lines = csv.split('\r\n');
        expect(lines[0]).toBe('Date (UTC),What,Who,Organisation (tenant id),Subject');
        // Newest first; the name that would run as a formula starts with a quote, then is RFC 4180-quoted.
        expect(lines[1]).toBe(
          `${NOW.toISOString()},Admin roles removed,"'=HYPERLINK(""http://evil.example"",""click"")",${alex!.tenantId},relationship/rel-adatum-fabrikam`,
        );
        expect(lines[2]).toContain('Relationship activated,Franz Becker');

        now = new Date(NOW.getTime() + 11 * 60_000);
        expect((await fetch(`http://127.0.0.1:${port}${path}`)).status).toBe(404);
        expect((await fetch(`http://127.0.0.1:${port}/downloads/not-a-token`)).status).toBe(404);
      } finally {
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    });
  });

  describe('auto-extend from a reminder', () => {
    it('turns it on once; a second click says already on; a sales agent may not', async () => {
      expect((await as(sam!).click(AUTO_EXTEND_VERB, { relationshipId: 'rel-adatum-fabrikam' })).text).toContain(
        'This needs the role',
      );
      const bot = as(alex!);
      const done = await bot.click(AUTO_EXTEND_VERB, { relationshipId: 'rel-adatum-fabrikam' });
      expect(done.text).toContain('Auto-extend is on');
      expect(buttons(done.card)).toEqual([]);
      expect((await store.get('relationships', 'rel-adatum-fabrikam'))?.adminAccess?.autoExtend).toBe(true);
      expect((await bot.click(AUTO_EXTEND_VERB, { relationshipId: 'rel-adatum-fabrikam' })).text).toContain(
        'already on',
      );
      expect((await bot.click(AUTO_EXTEND_VERB, { relationshipId: 'rel-litware-contoso' })).text).toContain(
        "I cannot find that, or it is not your organisation's",
      );
    });
  });

  describe('message extension', () => {
    it('answers a search with the status card to insert, with a preview', async () => {
      // Its speed is measured by `npm run bench` (message-extension search), not asserted on a loaded machine.
      const body = await as(hana!).search('fabrikam');
      const result = body.composeExtension as {
        type: string;
        attachments: { content: unknown; preview: { content: { title: string } } }[];
      };
      expect(result.type).toBe('result');
      expect(result.attachments).toHaveLength(1);
      expect(result.attachments[0]!.preview.content.title).toBe('Fabrikam Inc');
      expect(JSON.stringify(result.attachments[0]!.content)).toContain('Helpdesk Administrator, License Administrator');
    });

    it('an ambiguous name gives one result per organisation; no match or no role gives a message', async () => {
      const ambiguous = (await as(hana!).search('toys')).composeExtension as { attachments: unknown[] };
      expect(ambiguous.attachments).toHaveLength(2);
      expect((await as(hana!).search('nowhere')).composeExtension).toMatchObject({ type: 'message' });
      expect((await as(hana!).search('')).composeExtension).toMatchObject({
        type: 'message',
        text: "Type a customer's name or domain.",
      });
      const refused = (await as(umar!).search('fabrikam')).composeExtension as { text: string };
      expect(refused.text).toContain('This needs the role');
    });

    it("never shows another partner's relationship", async () => {
      const body = JSON.stringify(await as(hana!).search('contoso'));
      expect(body).not.toContain('Litware');
    });
  });
});
