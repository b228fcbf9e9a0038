import { ACCESS_VERBS } from '../../../../src/bot/workflows/access/verbs.js';
import type { Store } from '../../../../src/store/store.js';
import type { Person } from '../../../support/activities.js';
import { visibleText } from '../../../support/activities.js';
import { useBotWorld } from '../../../support/bot-world.js';
import { persona } from '../../../support/personas.js';

const [alex, grace, sam, hana, umar, carmen] = (['alex', 'grace', 'sam', 'hana', 'umar', 'carmen'] as const).map(
  persona,
);

describe('security groups in chat', () => {
  const chat = useBotWorld();
  let store: Store;
  beforeEach(() => (store = chat.store));
  const as = (person: Person, locale = 'en-US') => chat.harness(person, {}, locale);
  const adatumGroups = () => store.findBy('securityGroups', 'partner', alex!.tenantId);

  it.each([
    ['an admin agent', alex!],
    ['a global admin', grace!],
  ])(
    '%s creates a group with members of the partner; the members are told; the timeline records it',
    async (_w, who) => {
      const bot = as(who);
      expect(await bot.say('groups')).toContain('Adatum Helpdesk');
      const form = await bot.click(ACCESS_VERBS.groupForm, {});
      expect(form.text).toContain('New security group');
      expect(form.text).toContain('Sam Sales');
      expect(form.text).not.toContain('Carmen'); // only the partner's own people
      const saved = await bot.click(ACCESS_VERBS.groupSave, {
        name: 'Tier 2',
        description: 'Escalations',
        members: `${sam!.id},${umar!.id}`,
      });
      expect(saved.text).toContain('Saved Tier 2.');
      // The same card once more: its step ended, so nothing is saved twice.
      const twice = await bot.click(ACCESS_VERBS.groupSave, {
        name: 'Tier 2',
        description: 'Escalations',
        members: '',
      });
      expect(twice.text).toContain('This form is no longer active');
      expect(saved.text).toMatch(/Tier 2\nDescription\nEscalations\nMembers\nSam Sales, Umar Users/);
      const group = (await adatumGroups()).find((g) => g.name === 'Tier 2')!;
      expect(group.memberUserIds.sort()).toEqual([sam!.id, umar!.id].sort());
      const told = await store.findBy('notifications', 'subject', group.id);
      expect(told.map((n) => n.aadObjectId).sort()).toEqual([sam!.aadObjectId, umar!.aadObjectId].sort());
      expect(visibleText(told[0]!.payload)).toContain(`${who.name} added you to the security group Tier 2`);
      const events = await store.findBy('auditEvents', 'target', `security-group/${group.id}`);
      expect(events.map((e) => e.action)).toEqual(['security-group.created']);
    },
  );

  it('edits a group: only people newly added are told', async () => {
    const bot = as(alex!);
    const form = await bot.click(ACCESS_VERBS.groupForm, { groupId: 'group-adatum-helpdesk' });
    expect(form.text).toContain('Edit security group');
    await bot.click(ACCESS_VERBS.groupSave, {
      groupId: 'group-adatum-helpdesk',
      name: 'Adatum Helpdesk',
      description: 'First line',
      members: `${hana!.id},${sam!.id}`,
    });
    const told = await store.findBy('notifications', 'subject', 'group-adatum-helpdesk');
    expect(told.map((n) => n.aadObjectId)).toEqual([sam!.aadObjectId]);
    expect((await store.get('securityGroups', 'group-adatum-helpdesk'))?.description).toBe('First line');
  });

  it.each([
    ['a name another group has', { name: 'adatum helpdesk' }, 'already has a group called Adatum Helpdesk'],
    ['no name', { name: '  ' }, 'Give the group a name'],
    ['a member of another organisation', { name: 'X', members: carmen!.id }, 'must be people of your organisation'],
  ])('refuses %s, in the form, saving nothing', async (_w, values, expected) => {
    const before = (await adatumGroups()).length;
    const bot = as(alex!);
    await bot.click(ACCESS_VERBS.groupForm, {});
    const answer = await bot.click(ACCESS_VERBS.groupSave, { description: '', members: '', ...values });
    expect(answer.text).toContain(expected);
    expect(answer.text).toContain('New security group');
    expect((await adatumGroups()).length).toBe(before);
  });

  it.each([
    ['a sales agent', sam!],
    ['a helpdesk agent', hana!],
    ['a user management admin', umar!],
  ])('refuses %s', async (_w, who) => {
    expect(await as(who).say('groups')).toContain('Your roles do not let you manage your organisation');
    const answer = await as(who).click(ACCESS_VERBS.groupSave, { name: 'Sneaky', members: '' });
    expect(answer.text).toContain('Not allowed');
    expect((await adatumGroups()).map((g) => g.name)).not.toContain('Sneaky');
  });

  it('in Spanish', async () => {
    const text = await as(alex!, 'es-ES').say('grupos');
    expect(text).toContain('Grupos de seguridad');
    expect(text).toContain('Miembros\nHana Helpdesk');
  });
});
