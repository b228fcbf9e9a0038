import { useBotWorld } from '../support/bot-world.js';
import { persona } from '../support/personas.js';
import { visibleText } from '../support/activities.js';
import { adaptiveCardProblems } from '../support/adaptive-cards.js';
import { REQUEST_VERBS } from '../../src/cards/request-card.js';
import { PARTNER_VERBS } from '../../src/bot/workflows/partner/verbs.js';
import { USER_VERBS } from '../../src/bot/workflows/people/user-management.js';
import { RELATIONSHIP_CHOICES } from '../../src/services/invitations/request-form.js';
import { AdminRoleId } from '../../src/domain/model.js';
import { ADMIN_ROLE_GROUPS } from '../../src/domain/admin-role-groups.js';
import { demoWorld } from '../../src/store/demo-world.js';
import { NOW } from '../support/world.js';
import type { BotHarness } from '../support/bot-harness.js';

const alex = persona('alex'); // Adatum admin agent
const grace = persona('grace'); // Adatum global admin

type Node = Record<string, unknown>;
/** Every element of a card of one type (inputs, actions), wherever it sits. */
function elements(card: unknown, type: string): Node[] {
  if (Array.isArray(card)) return card.flatMap((item) => elements(item, type));
  if (!card || typeof card !== 'object') return [];
  const node = card as Node;
  const own = node.type === type ? [node] : [];
  return [...own, ...Object.values(node).flatMap((value) => elements(value, type))];
}
const count = (text: string, part: string) => text.split(part).length - 1;

/** The three forms that invite a customer, each opened as a partner does, then redrawn with admin switched on. */
const FORMS: [string, (bot: BotHarness) => Promise<unknown>, (bot: BotHarness, values: Node) => Promise<unknown>][] = [
  [
    'Request a reseller relationship',
    async (bot) => (await bot.sayWithCards('request relationship')).cards[0],
    async (bot, values) => (await bot.click(REQUEST_VERBS.form, values)).card,
  ],
  [
    'Trial invitation',
    async (bot) => (await bot.sayWithCards('trial')).cards[0],
    async (bot, values) => (await bot.click(PARTNER_VERBS.trialRedraw, values)).card,
  ],
  [
    'Purchase offer',
    async (bot) => (await bot.sayWithCards('offer')).cards[0],
    async (bot, values) => (await bot.click(PARTNER_VERBS.offerRedraw, values)).card,
  ],
];

const WORDS = {
  en: {
    include: 'Include delegated administration privileges for Azure Active Directory and Office 365',
    remove: 'Do not include delegated administration privileges',
    off: 'Delegated administration privileges: not included',
    on: 'Delegated administration privileges: included',
    plain: 'Each role says in plain words what your staff could do',
    first: 'Everyday support (most requests need only these)',
    last: 'Highest privilege (ask only when nothing else will do)',
    helpdesk: 'Helpdesk Administrator: Can reset passwords',
    legacy: 'Legacy request: Global admin + Helpdesk admin',
    autoExtend: 'Auto-extend by 180 days when it ends',
  },
  es: {
    include: 'Incluir privilegios de administración delegados para Azure Active Directory y Office 365',
    remove: 'No incluir privilegios de administración delegada',
    off: 'Privilegios de administración delegada: no incluidos',
    on: 'Privilegios de administración delegada: incluidos',
    plain: 'Cada rol dice con palabras sencillas',
    first: 'Soporte diario',
    last: 'Máximo privilegio',
    helpdesk: 'Administrador del departamento de soporte técnico: Puede restablecer',
    legacy: 'Solicitud heredada: Administrador global + Administrador del departamento de soporte técnico',
    autoExtend: 'Extender automáticamente 180 días',
  },
};

describe('the forms that invite a customer', () => {
  const chat = useBotWorld();

  describe.each(FORMS)('%s', (_name, open, redraw) => {
    it.each(['en', 'es'] as const)(
      'shows the admin roles only once delegated administration is on, grouped, each label once (%s)',
      async (language) => {
        const words = WORDS[language];
        const bot = chat.harness(alex, {}, language === 'es' ? 'es-ES' : 'en-US');
        const off = await open(bot);
        const offText = visibleText(off);
        expect(offText).toContain(words.off);
        expect(offText).toContain(words.include);
        expect(offText).not.toContain(words.helpdesk);
        expect(offText).not.toContain(words.legacy);
        expect(elements(off, 'Input.Toggle')).toEqual([]);
        expect(adaptiveCardProblems(off)).toEqual([]);

        const on = await redraw(bot, { customer: 'my customer', includeAdmin: 'true' });
        const text = visibleText(on);
        expect(text).toContain(words.on);
        expect(text).toContain(words.remove);
        expect(text).toContain(words.plain);
        expect(text).toContain(words.helpdesk);
        // Most used first, the roles that can take over a tenant last.
        expect(text.indexOf(words.first)).toBeLessThan(text.indexOf(words.last));
        expect(text.indexOf(words.helpdesk)).toBeLessThan(text.indexOf(words.last));
        for (const label of [words.legacy, words.autoExtend]) expect(count(text, label)).toBe(1);
        for (const toggle of elements(on, 'Input.Toggle')) expect(toggle.label).toBeUndefined();
        expect(JSON.stringify(on)).toContain('"value":"my customer"');
        expect(adaptiveCardProblems(on)).toEqual([]);

        const back = await redraw(bot, { includeAdmin: 'false' });
        expect(visibleText(back)).not.toContain(words.helpdesk);
      },
    );

    it('has a placeholder that names no organisation of the demo world', async () => {
      const card = await open(chat.harness(alex));
      const placeholders = [...JSON.stringify(card).matchAll(/"placeholder":"([^"]*)"/g)].map((m) =>
        m[1]!.toLowerCase(),
      );
      expect(placeholders.length).toBeGreaterThan(0);
      for (const organization of demoWorld(NOW).organizations ?? []) {
        const names = [organization.name.split(' ')[0]!.toLowerCase(), organization.primaryDomain.split('.')[0]!];
        for (const placeholder of placeholders) for (const name of names) expect(placeholder).not.toContain(name);
      }
    });
  });

  it("offers every relationship of the request form's list in the dropdown, except those the admin switch adds", async () => {
    const card = (await chat.harness(alex).sayWithCards('request relationship')).cards[0];
    const [dropdown] = elements(card, 'Input.ChoiceSet').filter((c) => String(c.id).startsWith('relationship'));
    const offered = (dropdown!.choices as { value: string }[]).map((c) => c.value);
    expect(offered).toEqual(RELATIONSHIP_CHOICES.filter((choice) => !choice.includes('delegated-admin')));
    expect(offered).not.toContain('reseller-delegated-admin');
  });

  it('groups every admin role once', () => {
    const grouped = ADMIN_ROLE_GROUPS.flatMap((group) => group.roles);
    expect([...grouped].sort()).toEqual([...AdminRoleId.options].sort());
  });

  it('reads the role groups of one card back as one set of roles', async () => {
    const bot = chat.harness(alex);
    await bot.say('request relationship');
    const on = await bot.click(REQUEST_VERBS.form, { includeAdmin: 'true' });
    const groups = elements(on.card, 'Input.ChoiceSet').filter((c) => String(c.id).startsWith('roles'));
    expect(groups).toHaveLength(ADMIN_ROLE_GROUPS.length);
    const [everyday, security] = groups.map((g) => String(g.id));
    const relationship = String(
      elements(on.card, 'Input.ChoiceSet').find((c) => String(c.id).startsWith('relationship'))!.id,
    );
    const draft = await bot.click(REQUEST_VERBS.submit, {
      includeAdmin: 'true',
      customer: 'contoso.com',
      [relationship]: 'reseller',
      [everyday!]: 'helpdesk-administrator',
      [security!]: 'security-reader',
      durationDays: '90',
    });
    expect(draft.text).toContain('Invitation for Contoso Ltd');
    const [invitation] = await chat.store.all('invitations');
    expect(invitation?.adminAccess?.roles).toEqual(['helpdesk-administrator', 'security-reader']);
  });

  it('gives the choice sets of every card instance ids of their own (Users → Change roles)', async () => {
    const bot = chat.harness(grace);
    await bot.say('users');
    const pick = await bot.click(USER_VERBS.pick, { mode: 'roles' });
    // Back to the list and Change roles again: a second picker, with inputs of its own.
    await bot.click(USER_VERBS.back);
    const again = await bot.click(USER_VERBS.pick, { mode: 'roles' });
    const [userList] = elements(pick.card, 'Input.ChoiceSet');
    const [userListAgain] = elements(again.card, 'Input.ChoiceSet');
    expect(userList!.id).not.toEqual(userListAgain!.id);
    const sam = persona('sam');
    const roles = await bot.click(USER_VERBS.next, { mode: 'roles', [String(userList!.id)]: sam.id });
    expect(roles.text).toContain('Sam Sales');
    const rolesIds = elements(roles.card, 'Input.ChoiceSet').map((c) => String(c.id));
    expect(rolesIds).toHaveLength(2);
    for (const id of rolesIds) expect(id).not.toEqual(userList!.id);
    const [agent, admin] = rolesIds;
    await bot.click(USER_VERBS.changeRoles, { userId: sam.id, [agent!]: 'helpdesk-agent', [admin!]: 'none' });
    expect((await chat.store.get('users', sam.id))?.roles).toMatchObject({ agent: 'helpdesk-agent' });
  });
});
