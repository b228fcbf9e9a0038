import { useBotWorld } from '../../../support/bot-world.js';
import { DEMO_TENANTS } from '../../../../src/store/demo-world.js';
import { USER_VERBS } from '../../../../src/bot/workflows/people/user-management.js';
import type { Store } from '../../../../src/store/store.js';
import type { Person } from '../../../support/activities.js';
import type { BotHarness } from '../../../support/bot-harness.js';
import { persona } from '../../../support/personas.js';

const grace = persona('grace'); // Adatum global admin (the only one)
const umar = persona('umar'); // Adatum user management admin
const sam = persona('sam'); // Adatum sales agent
/** What a person does to reach each page of "users": type it, then the list's buttons. */
async function addForm(bot: BotHarness) {
  await bot.say('users');
  return bot.click(USER_VERBS.addForm);
}
async function pageFor(bot: BotHarness, mode: 'roles' | 'remove', userId: string) {
  await bot.say('users');
  await bot.click(USER_VERBS.pick, { mode });
  return bot.click(USER_VERBS.next, { mode, userId });
}

const NEW = {
  name: 'Nina New',
  email: 'nina@adatum.com',
  aadObjectId: 'abcdef01-2345-4678-9abc-def012345678',
  agent: 'sales-agent',
  admin: 'none',
};

describe('partner user management', () => {
  const chat = useBotWorld();
  let store: Store;
  beforeEach(() => (store = chat.store));
  const as = (person: Person) => chat.harness(person);
  const adatumUsers = async () => (await store.findBy('users', 'tenant', DEMO_TENANTS.adatum)).length;

  it('lists the organisation users and their roles', async () => {
    const text = await as(umar).say('users');
    expect(text).toContain('Users of Adatum Cloud Partners');
    expect(text).toContain('Sam Sales');
    expect(text).toContain('sam.sales@adatum.com · Sales agent');
    expect(text).not.toContain('Carmen');
  });

  it('a user management admin adds a user, who can then act with their role', async () => {
    const bot = as(umar);
    const form = await addForm(bot);
    expect(form.text).toContain('Microsoft Entra object id');
    const added = await bot.click(USER_VERBS.add, NEW);
    expect(added.text).toContain('Nina New was added with the roles: Sales agent.');
    const nina = as({ tenantId: DEMO_TENANTS.adatum, aadObjectId: NEW.aadObjectId });
    expect(await nina.say('whoami')).toContain('Sales agent');
    const events = (await store.findBy('auditEvents', 'tenant', DEMO_TENANTS.adatum)).filter(
      (e) => e.action === 'user.added',
    );
    expect(events[0]?.actor?.name).toBe('Umar Users');
  });

  it("the added notice's button opens the list again, a new run of users whose buttons work", async () => {
    const bot = as(grace);
    await addForm(bot);
    await bot.click(USER_VERBS.add, NEW);
    const list = await bot.click(USER_VERBS.list);
    expect(list.text).toContain('Users of Adatum Cloud Partners');
    expect(list.text).toContain('nina@adatum.com · Sales agent');
    expect((await bot.click(USER_VERBS.addForm)).text).toContain('Microsoft Entra object id');
  });

  it.each([
    [{ ...NEW, email: 'not-an-email' }, 'Enter a valid email address'],
    [{ ...NEW, name: 'X' }, "Enter the user's full name"],
    [{ ...NEW, aadObjectId: '12345' }, 'Enter the Microsoft Entra object id'],
    [{ ...NEW, email: 'sam.sales@adatum.com' }, 'sam.sales@adatum.com is already used by another user'],
  ])('refuses %j in the form, saving nothing', async (values, message) => {
    const before = await adatumUsers();
    const bot = as(grace);
    await addForm(bot);
    const { text } = await bot.click(USER_VERBS.add, values);
    expect(text).toContain(message);
    expect(text).toContain('Add a user'); // still the form, with what was typed
    expect(await adatumUsers()).toBe(before);
  });

  it('a sales agent may not manage users', async () => {
    expect(await as(sam).say('users')).toContain('This needs the role: Global admin or User management admin.');
    const before = await adatumUsers();
    const { text } = await as(sam).click(USER_VERBS.add, NEW);
    expect(text).toContain('Your roles do not let you');
    expect(await adatumUsers()).toBe(before);
  });

  it('changes roles, effective on the next action', async () => {
    const bot = as(grace);
    const form = await pageFor(bot, 'roles', sam.id);
    expect(form.text).toContain('Change the roles of Sam Sales');
    const changed = await bot.click(USER_VERBS.changeRoles, { userId: sam.id, agent: 'helpdesk-agent', admin: 'none' });
    expect(changed.text).toContain('Sam Sales now has the roles: Helpdesk agent');
    expect(await as(sam).say('whoami')).toContain('Helpdesk agent');
  });

  it('the last global admin can be neither demoted nor removed', async () => {
    const bot = as(grace);
    await pageFor(bot, 'roles', grace.id);
    const demoted = await bot.click(USER_VERBS.changeRoles, { userId: grace.id, agent: 'admin-agent', admin: 'none' });
    expect(demoted.text).toContain('You cannot change your own roles');
    await pageFor(bot, 'remove', grace.id);
    const removed = await bot.click(USER_VERBS.remove, { userId: grace.id });
    expect(removed.text).toContain('Grace Global is the last global admin');
    expect((await store.get('users', grace.id))?.roles).toMatchObject({ admin: 'global-admin' });
  });

  it.each([
    ['raises their own roles', umar, umar, { agent: 'admin-agent', admin: 'global-admin' }, 'change your own roles'],
    ['changes their own agent role', umar, umar, { agent: 'sales-agent', admin: 'none' }, 'change your own roles'],
    ['grants global admin', umar, sam, { agent: 'sales-agent', admin: 'global-admin' }, 'Only a global admin'],
    ['demotes a global admin', umar, grace, { agent: 'admin-agent', admin: 'none' }, 'Only a global admin'],
    [
      "changes a global admin's agent role",
      umar,
      grace,
      { agent: 'none', admin: 'global-admin' },
      'Only a global admin',
    ],
    ['(a global admin) changes their own roles', grace, grace, { agent: 'none', admin: 'global-admin' }, 'own roles'],
  ])('a user who %s is refused, and nothing changes', async (_name, actor, target, roles, message) => {
    const before = await store.get('users', target.id);
    const bot = as(actor);
    await pageFor(bot, 'roles', target.id);
    const { text } = await bot.click(USER_VERBS.changeRoles, { userId: target.id, ...roles });
    expect(text).toContain(message);
    expect(await store.get('users', target.id)).toEqual(before);
  });

  it('a user management admin may neither remove a global admin nor add one', async () => {
    const bot = as(umar);
    await pageFor(bot, 'remove', grace.id);
    expect((await bot.click(USER_VERBS.remove, { userId: grace.id })).text).toContain('Only a global admin');
    expect(await store.get('users', grace.id)).toBeDefined();
    const before = await adatumUsers();
    await addForm(bot);
    const added = await bot.click(USER_VERBS.add, { ...NEW, admin: 'global-admin' });
    expect(added.text).toContain('Only a global admin');
    expect(added.text).toContain('Add a user');
    expect(await adatumUsers()).toBe(before);
  });

  it('a global admin grants global admin to a colleague', async () => {
    const bot = as(grace);
    await pageFor(bot, 'roles', umar.id);
    const { text } = await bot.click(USER_VERBS.changeRoles, {
      userId: umar.id,
      agent: 'none',
      admin: 'global-admin',
    });
    expect(text).toContain('Umar Users now has the roles');
    expect((await store.get('users', umar.id))?.roles).toMatchObject({ admin: 'global-admin' });
  });

  it('an email used in another organisation may be used here: addresses are unique per tenant, as in Entra', async () => {
    const bot = as(grace);
    await addForm(bot);
    const { text } = await bot.click(USER_VERBS.add, { ...NEW, email: 'carmen@contoso.com' });
    expect(text).not.toContain('already used');
    expect(text).toContain('Nina New was added');
    expect((await store.findBy('users', 'email', 'carmen@contoso.com')).map((u) => u.tenantId).sort()).toEqual(
      [DEMO_TENANTS.adatum, DEMO_TENANTS.contoso].sort(),
    );
  });

  const MISSING = Object.keys(NEW).map((field) => {
    const { [field as keyof typeof NEW]: _dropped, ...rest } = NEW;
    return [field, rest] as const;
  });
  const MESSAGES: Record<string, [string, string]> = {
    name: ["Enter the user's full name", 'Escriba el nombre completo'],
    email: ['Enter a valid email address', 'Escriba un correo electrónico válido'],
    aadObjectId: ['Enter the Microsoft Entra object id', 'Escriba el id de objeto de Microsoft Entra'],
    agent: ['Choose an agent role', 'Elija un rol de agente'],
    admin: ['Choose an admin role', 'Elija un rol de administrador'],
  };
  it.each([
    ...MISSING.map(([field, values]) => [`missing ${field}`, field, values] as const),
    ['malformed agent', 'agent', { ...NEW, agent: 'boss' }] as const,
    ['malformed admin', 'admin', { ...NEW, admin: 'owner' }] as const,
    ['malformed name', 'name', { ...NEW, name: ' ' }] as const,
  ])(
    '%s: the form comes back with the message, in English and Spanish, and nothing is stored',
    async (_n, field, values) => {
      for (const [locale, n] of [
        ['en-US', 0],
        ['es-ES', 1],
      ] as const) {
        const before = await adatumUsers();
        const bot = chat.harness(grace, {}, locale);
        await addForm(bot);
        const { text } = await bot.click(USER_VERBS.add, values);
        expect(text).toContain(MESSAGES[field]![n]);
        expect(text).toContain((values as Record<string, string>).name ?? '');
        expect(await adatumUsers()).toBe(before);
      }
    },
  );

  it('removes a user after confirmation', async () => {
    const bot = as(grace);
    const confirm = await pageFor(bot, 'remove', sam.id);
    expect(confirm.text).toContain('Remove Sam Sales?');
    expect((await bot.click(USER_VERBS.remove, { userId: sam.id })).text).toContain(
      'Sam Sales was removed from Adatum Cloud Partners.',
    );
    expect(await store.get('users', sam.id)).toBeUndefined();
    expect(await as(sam).say('help')).toContain('You are not a user of Adatum Cloud Partners in Partner Desk yet');
  });

  it('cannot touch a user of another organisation', async () => {
    const carmen = persona('carmen');
    const bot = as(grace);
    // Chosen at the picker, or forged into the confirmation of a colleague: refused before anything runs.
    expect((await pageFor(bot, 'remove', carmen.id)).text).toContain(
      "I cannot find that, or it is not your organisation's",
    );
    await pageFor(bot, 'remove', sam.id);
    const { text } = await bot.click(USER_VERBS.remove, { userId: carmen.id });
    expect(text).toContain("I cannot find that, or it is not your organisation's");
    expect(await store.get('users', carmen.id)).toBeDefined();
    expect(await store.get('users', sam.id)).toBeDefined();
  });
});
