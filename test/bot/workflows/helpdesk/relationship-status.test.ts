import { useBotWorld } from '../../../support/bot-world.js';
import type { Person } from '../../../support/activities.js';
import { DEMO_TENANTS } from '../../../../src/store/demo-world.js';
import { STATUS_VERBS } from '../../../../src/bot/workflows/helpdesk/relationship-status.js';
import { REQUEST_VERBS } from '../../../../src/cards/request-card.js';
import type { Store } from '../../../../src/store/store.js';
import { contactedBy, worldWith } from '../../../services/helpdesk/helpdesk-fixtures.js';
import { NOW } from '../../../support/world.js';
import { persona } from '../../../support/personas.js';
import { MemoryLogger } from '../../../../src/logging/logger.js';
import { Notifier } from '../../../../src/services/outbox/notifications.js';
import { ExpiryGuardian } from '../../../../src/services/relationships/expiry-guardian.js';

const [alex, hana, umar] = [persona('alex'), persona('hana'), persona('umar')];
const bill = persona('bill');
const helen = persona('helen');
const omar = persona('omar');
const franz = persona('franz');

describe('relationship status and Remove roles', () => {
  // Contoso, Tailspin and Wingtip contacted Adatum (leads): organisations it deals with, so lookups may find them.
  const T = DEMO_TENANTS;
  const chat = useBotWorld(() => worldWith(NOW, contactedBy(NOW, T.adatum, T.contoso, T.tailspin, T.wingtip)));
  let store: Store;
  beforeEach(() => (store = chat.store));
  const as = (person: Person, locale = 'en-US') => chat.harness(person, {}, locale);

  it('a helpdesk agent sees the relationship with its roles, end date, acceptance, last change and MCA', async () => {
    const text = await as(hana!).say('status fabrikam');
    for (const expected of [
      'Fabrikam Inc: relationship status',
      'Adatum Cloud Partners → Fabrikam Inc',
      'Active',
      'Reseller, Delegated administrator',
      'Helpdesk Administrator, License Administrator',
      '(20 days left)',
      'Franz Becker',
      'Relationship activated (Franz Becker,',
      'Accepted by Franz Becker on',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it.each([
    ['status fabrikam.us', 'Fabrikam Inc: relationship status'],
    ['status FABRIKAM', 'Fabrikam Inc: relationship status'],
    ['status fabrikm', 'Fabrikam Inc: relationship status'],
    ['status contso', 'Adatum Cloud Partners has no relationship with Contoso Ltd.'],
    ['status nowhere', 'I found no organisation like "nowhere"'],
    ['status', 'Name the organisation: status contoso'],
  ])('%s', async (command, expected) => {
    expect(await as(hana!).say(command)).toContain(expected);
  });

  it('asks "did you mean" when a name is ambiguous, and answers the choice', async () => {
    const bot = as(hana!);
    const text = await bot.say('status toys');
    expect(text).toContain('Did you mean…?');
    expect(text).toContain('Tailspin Toys (tailspintoys.es)');
    expect(text).toContain('Wingtip Toys China (wingtiptoys.cn)');
    expect((await bot.click(STATUS_VERBS.show, { customer: 'tailspintoys.es' })).text).toContain(
      'Tailspin Toys: relationship status',
    );
  });

  it("never shows another partner's relationship with a customer", async () => {
    const text = await as(hana!).say('status contoso');
    expect(text).not.toContain('Litware');
  });

  it('a customer helpdesk admin sees only their own organisation', async () => {
    const bot = as(helen);
    expect(await bot.say('status litware')).toContain('Litware Solutions → Contoso Ltd');
    // Contoso has nothing to do with Fabrikam: it is answered as if it did not exist.
    const other = await bot.say('status fabrikam');
    expect(other).toContain('I found no organisation like "fabrikam"');
    expect(other).not.toContain('Fabrikam Inc');
    expect(other).not.toContain('Adatum');
  });

  it.each([
    ['a user management admin', umar!],
    ['a customer user without an admin role', omar],
  ])('refuses %s', async (_name, person) => {
    expect(await as(person).say('status fabrikam')).toContain('This needs the role');
  });

  it('shows pending invitations with their age and days left, never their link', async () => {
    const partner = as(alex!);
    await partner.say('request relationship');
    await partner.click(REQUEST_VERBS.submit, {
      customer: 'contoso.com',
      relationship: 'reseller',
      includeAdmin: 'false',
    });
    const text = await as(hana!).say('status contoso');
    expect(text).toContain('Pending invitations');
    expect(text).toContain('0 days old, 90 of 90 days left (not sent yet)');
    expect(text).not.toContain('/invite/');
  });

  it('answers in Spanish', async () => {
    expect(await as(hana!, 'es-ES').say('estado fabrikam')).toContain('Activa');
  });

  it('Remove roles: the partner loses its admin roles, the relationship stays, the partner is told', async () => {
    const bot = as(franz);
    const pick = await bot.say('remove roles');
    expect(pick).toContain(
      'Adatum Cloud Partners · Reseller, Delegated administrator · Helpdesk Administrator, License Administrator · since 12 Dec 2025',
    );
    const confirm = await bot.click(STATUS_VERBS.removeRolesConfirm, { relationshipId: 'rel-adatum-fabrikam' });
    expect(confirm.text).toContain('Remove roles?');
    const done = await bot.click(STATUS_VERBS.removeRoles, { relationshipId: 'rel-adatum-fabrikam' });
    expect(done.text).toContain(
      'The relationship stays. To end the relationship itself, contact Adatum Cloud Partners',
    );
    const relationship = await store.get('relationships', 'rel-adatum-fabrikam');
    expect(relationship).toMatchObject({ status: 'active', adminAccess: { removedBy: 'Franz Becker' } });
    expect((await store.findBy('notifications', 'subject', 'rel-adatum-fabrikam')).map((n) => n.aadObjectId)).toContain(
      hana!.aadObjectId,
    );
    // The same confirmation clicked again has no second effect; starting again finds nothing left to remove.
    const notified = (await store.all('notifications')).length;
    expect((await bot.click(STATUS_VERBS.removeRoles, { relationshipId: 'rel-adatum-fabrikam' })).text).toContain(
      "This form is no longer active\nNothing was changed: this card belongs to a step that ended or moved on. Type 'remove roles' to start again.",
    );
    expect((await store.all('notifications')).length).toBe(notified);
    expect(await bot.say('remove roles')).toContain('No partner has admin roles in Fabrikam Inc.');
    const status = await as(hana!).say('status fabrikam');
    expect(status).toContain('None (removed on');
    expect(status).toContain('Active');
  });

  it('Remove roles needs a global admin; nothing changes otherwise', async () => {
    expect(await as(bill).say('remove roles')).toContain('This needs the role: Global admin.');
    const { text } = await as(bill).click(STATUS_VERBS.removeRoles, { relationshipId: 'rel-adatum-fabrikam' });
    expect(text).toContain('Global admin');
    expect((await store.get('relationships', 'rel-adatum-fabrikam'))?.adminAccess?.removedAt).toBeUndefined();
  });
});

describe('status says it in words, in both languages', () => {
  const chat = useBotWorld(() => worldWith(NOW));
  const DAY = 86_400_000;
  /** The expiry guardian's pass at `days` after NOW, on this test's store: its reminders and expiries are real. */
  const guardianPass = (days: number) => {
    const clock = () => new Date(NOW.getTime() + days * DAY);
    const logger = new MemoryLogger();
    const notifier = new Notifier(chat.store, { clock, logger });
    return new ExpiryGuardian({ store: chat.store, notifier, clock, defaultLanguage: 'en', logger }).runOnce();
  };

  it.each([
    ['en-US', 'status fabrikam', 'Last change', 'Reminder sent: admin access ends in 30 days (Partner Desk,'],
    [
      'es-ES',
      'estado fabrikam',
      'Último cambio',
      'Recordatorio enviado: el acceso de administrador termina en 30 días (Partner Desk,',
    ],
  ])('%s: the last change is a sentence, not its code', async (locale, command, title, sentence) => {
    expect((await guardianPass(0)).reminders).not.toEqual([]);
    const text = await chat.harness(persona('hana'), {}, locale).say(command);
    expect(text).toContain(title);
    expect(text).toContain(sentence);
    expect(text).not.toMatch(/relationship\.|reminder-/);
  });

  it.each([
    ['en-US', 'status fabrikam', 'Reseller', 'Delegated administrator', 'None (admin access ended on'],
    [
      'es-ES',
      'estado fabrikam',
      'Revendedor',
      'Administrador delegado',
      'Ninguno (el acceso de administrador terminó el',
    ],
  ])(
    '%s: once admin access has ended the relationship no longer reads as delegated admin',
    async (locale, command, type, ended, roles) => {
      await guardianPass(21);
      expect((await chat.store.get('relationships', 'rel-adatum-fabrikam'))?.adminAccess?.removedBy).toBe('expiry');
      const text = await chat.harness(persona('hana'), {}, locale).say(command);
      expect(text).toContain(type);
      expect(text).toContain(roles);
      expect(text).not.toContain(ended);
      expect(text).not.toContain('expiry');
    },
  );
});
