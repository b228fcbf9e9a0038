import { ACCESS_VERBS } from '../../../../src/bot/workflows/access/verbs.js';
import { STATUS_VERBS } from '../../../../src/bot/workflows/helpdesk/relationship-status.js';
import { PARTNER_VERBS } from '../../../../src/bot/workflows/partner/partner-admin.js';
import type { Store } from '../../../../src/store/store.js';
import type { Person } from '../../../support/activities.js';
import { visibleText } from '../../../support/activities.js';
import { useBotWorld } from '../../../support/bot-world.js';
import { persona } from '../../../support/personas.js';

const [alex, grace, sam, hana, franz] = (['alex', 'grace', 'sam', 'hana', 'franz'] as const).map(persona);
const REL = 'rel-adatum-fabrikam';

describe('access assignments: groups hold a relationship’s roles', () => {
  const chat = useBotWorld();
  let store: Store;
  beforeEach(() => (store = chat.store));
  const as = (person: Person) => chat.harness(person, { FOUR_EYES: 'false' });
  const assignments = async () => store.findBy('accessAssignments', 'relationship', REL);

  async function newGroup(name: string, members: string[]): Promise<string> {
    const bot = as(alex!);
    await bot.click(ACCESS_VERBS.groupForm, {});
    await bot.click(ACCESS_VERBS.groupSave, { name, description: '', members: members.join(',') });
    return (await store.findBy('securityGroups', 'partner', alex!.tenantId)).find((g) => g.name === name)!.id;
  }

  it('an admin agent assigns a subset of the granted roles to a group: pending, then active; members are told', async () => {
    const groupId = await newGroup('Licensing', [sam!.id]);
    const bot = as(alex!);
    const pick = await bot.say('access');
    expect(pick).toContain('Fabrikam helpdesk (Fabrikam Inc)');
    expect(pick).toContain('Adatum Helpdesk\nHelpdesk Administrator, License Administrator (active)');
    const form = await bot.click(ACCESS_VERBS.accessForm, { relationshipId: REL });
    expect(form.text).toContain('Assign roles on Fabrikam helpdesk (Fabrikam Inc)');
    expect(form.text).toContain('License Administrator');
    expect(form.text).not.toContain('Global Administrator'); // only what the relationship grants
    const done = await bot.click(ACCESS_VERBS.accessAssign, {
      relationshipId: REL,
      groups: groupId,
      roles: 'license-administrator',
    });
    expect(done.text).toContain('Roles assigned');
    expect(done.text).toContain('Licensing\nLicense Administrator (active)');
    const made = (await assignments()).find((a) => a.groupId === groupId)!;
    expect(made).toMatchObject({ status: 'active', roles: ['license-administrator'] });
    const events = (await store.findBy('auditEvents', 'target', `relationship/${REL}`)).map((e) => e.action);
    expect(events).toEqual(expect.arrayContaining(['access-assignment.requested', 'access-assignment.activated']));
    const told = await store.findBy('notifications', 'subject', made.id);
    expect(told.map((n) => n.aadObjectId)).toEqual([sam!.aadObjectId]);
    expect(visibleText(told[0]!.payload)).toContain('You can now use License Administrator for Fabrikam Inc');
    expect(await bot.say('timeline Fabrikam helpdesk')).toContain('Access assignment active');
  });

  it('a role the relationship does not grant cannot be assigned', async () => {
    const before = await assignments();
    const bot = as(alex!);
    await bot.say('access');
    await bot.click(ACCESS_VERBS.accessForm, { relationshipId: REL });
    const answer = await bot.click(ACCESS_VERBS.accessAssign, {
      relationshipId: REL,
      groups: 'group-adatum-helpdesk',
      roles: 'global-administrator',
    });
    expect(answer.text).toContain('This relationship does not grant Global Administrator');
    expect(await assignments()).toEqual(before);
  });

  it('removing the roles removes the assignments; status then has nothing to flag', async () => {
    const partner = as(alex!);
    // The pick was open when the roles went: choosing the relationship then says why it cannot be assigned.
    expect(await partner.say('access')).toContain('Fabrikam helpdesk (Fabrikam Inc)');
    // Meanwhile Adatum's global admin ends the admin access, in their own chat.
    const admin = as(grace!);
    await admin.say('end relationship');
    await admin.click(PARTNER_VERBS.endConfirm, { ending: 'admin-access', relationshipId: REL });
    await admin.click(PARTNER_VERBS.end, { ending: 'admin-access', relationshipId: REL });
    expect((await assignments()).map((a) => a.status)).toEqual(['deleted']);
    const events = (await store.findBy('auditEvents', 'target', `relationship/${REL}`)).map((e) => e.action);
    expect(events).toContain('access-assignment.deleted');
    expect((await partner.click(ACCESS_VERBS.accessForm, { relationshipId: REL })).text).toContain(
      'has no admin roles to assign now',
    );
    expect(await partner.say('access')).not.toContain('Fabrikam helpdesk (Fabrikam Inc)');
  });

  it('the customer removing the roles removes them too', async () => {
    const customer = as(franz!);
    await customer.say('remove roles');
    await customer.click(STATUS_VERBS.removeRolesConfirm, { relationshipId: REL });
    await customer.click(STATUS_VERBS.removeRoles, { relationshipId: REL });
    expect((await assignments()).map((a) => a.status)).toEqual(['deleted']);
  });

  it('status shows which groups hold which roles, and flags a relationship whose roles no group holds', async () => {
    expect(await as(hana!).say('status fabrikam')).toContain(
      'Adatum Helpdesk\nHelpdesk Administrator, License Administrator (active)',
    );
    await store.transaction(async (tx) => {
      const a = (await tx.get('accessAssignments', 'assignment-adatum-fabrikam-helpdesk'))!;
      tx.update('accessAssignments', { ...a, status: 'deleted' });
    });
    const text = await as(hana!).say('status fabrikam');
    expect(text).toContain('Not usable yet: no security group holds any of its roles');
    // The customer does not see the partner's groups.
    expect(await as(franz!).say('status adatum')).not.toContain('Adatum Helpdesk');
  });

  it.each([
    ['a global admin without the admin agent role', persona('lidia')],
    ['a sales agent', sam!],
    ['a helpdesk agent', hana!],
  ])('refuses %s', async (_w, who) => {
    expect(await as(who).say('access')).toContain('Not allowed');
    const answer = await as(who).click(ACCESS_VERBS.accessAssign, {
      relationshipId: REL,
      groups: 'group-adatum-helpdesk',
      roles: 'license-administrator',
    });
    expect(answer.text).toMatch(/Not allowed|cannot find that/);
    expect(await assignments()).toHaveLength(1);
  });

  it('Grace, admin agent and global admin, may assign', async () => {
    const bot = as(grace!);
    await bot.say('access');
    const answer = await bot.click(ACCESS_VERBS.accessForm, { relationshipId: REL });
    expect(answer.text).toContain('Assign roles on Fabrikam helpdesk');
  });
});
