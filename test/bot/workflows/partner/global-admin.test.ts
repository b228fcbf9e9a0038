import { DAY_TWO_VERBS as VERBS } from '../../../../src/bot/workflows/partner/day-two-verbs.js';
import { INVITATION_VERBS } from '../../../../src/cards/invitation-card.js';
import type { NewRecord } from '../../../../src/store/store.js';
import { DEMO_TENANTS } from '../../../../src/store/demo-world.js';
import { visibleText, type Person } from '../../../support/activities.js';
import { useBotWorld } from '../../../support/bot-world.js';
import { persona } from '../../../support/personas.js';
import { ADATUM_CONTOSO, adatumContoso, partnerWorld } from './partner-world.js';

const alex = persona('alex'); // Adatum admin agent
const grace = persona('grace'); // Adatum admin agent and global admin
const sam = persona('sam'); // Adatum sales agent
const hana = persona('hana'); // Adatum helpdesk agent
const carmen = persona('carmen'); // Contoso global admin

/** Adatum–Contoso with Global Administrator among its roles (auto-extend therefore off). */
function withGlobalAdmin(roles = ['global-administrator', 'helpdesk-administrator', 'license-administrator']) {
  const base = adatumContoso();
  return { ...base, adminAccess: { ...base.adminAccess!, roles } } as NewRecord<'relationships'>;
}

describe('Remove Global Administrator alone, then auto-extend', () => {
  const world = useBotWorld(() => partnerWorld({ relationships: [withGlobalAdmin()] }));
  const noticesTo = async (person: Person, kind: string) =>
    (await world.store.all('notifications')).filter((n) => n.aadObjectId === person.aadObjectId && n.kind === kind);

  it('asks the customer for the other roles, keeping the access until it accepts; auto-extend is refused meanwhile', async () => {
    const bot = world.harness(alex);
    const pick = await bot.say('remove global admin');
    expect(pick).toContain('Contoso Ltd: Global Administrator, Helpdesk Administrator, License Administrator');

    const confirm = await bot.click(VERBS.globalAdminConfirm, { relationshipId: ADATUM_CONTOSO });
    expect(confirm.text).toContain('Remove Global Administrator from Contoso Ltd?');
    expect(confirm.text).toMatch(/Roles kept\nHelpdesk Administrator, License Administrator/);
    expect(await world.store.all('invitations')).toHaveLength(0); // a confirmation saves nothing

    const sent = await bot.click(VERBS.globalAdminRemove, { relationshipId: ADATUM_CONTOSO });
    expect(sent.text).toContain('Request sent to Contoso Ltd');
    expect(sent.text).toContain('accept Helpdesk Administrator, License Administrator without Global Administrator');
    const [invitation] = await world.store.all('invitations');
    expect(invitation).toMatchObject({
      status: 'approval-pending',
      replacesRelationshipId: ADATUM_CONTOSO,
      adminAccess: { roles: ['helpdesk-administrator', 'license-administrator'], durationDays: 365, autoExtend: false },
    });
    expect((await world.store.get('relationships', ADATUM_CONTOSO))?.adminAccess?.removedAt).toBeUndefined();
    const [card] = await noticesTo(carmen, 'invitation.received');
    expect(visibleText(card?.payload)).toContain('License Administrator');

    // The same card again changes nothing; going through it once more finds the open request instead.
    const twice = await bot.click(VERBS.globalAdminRemove, { relationshipId: ADATUM_CONTOSO });
    expect(twice.text).toContain('This form is no longer active');
    await bot.say('remove global admin');
    await bot.click(VERBS.globalAdminConfirm, { relationshipId: ADATUM_CONTOSO });
    const again = await bot.click(VERBS.globalAdminRemove, { relationshipId: ADATUM_CONTOSO });
    expect(again.text).toContain('is already waiting for Contoso Ltd');
    expect(await world.store.all('invitations')).toHaveLength(1);

    // Auto-extend is refused while Global Administrator is among the roles (GDAP), until the customer accepts.
    expect(await bot.say('auto extend')).toContain('Contoso Ltd: not possible with Global Administrator');
    const tooEarly = await bot.click(VERBS.autoExtendSet, { relationshipId: ADATUM_CONTOSO, on: 'true' });
    expect(tooEarly.text).toContain('Auto-extend is not allowed when Global Administrator is among the roles');
  });

  it('ends Global Administrator when the customer accepts; auto-extend then goes on and off, and the customer is told', async () => {
    const bot = world.harness(alex);
    await bot.say('remove global admin');
    await bot.click(VERBS.globalAdminConfirm, { relationshipId: ADATUM_CONTOSO });
    await bot.click(VERBS.globalAdminRemove, { relationshipId: ADATUM_CONTOSO });
    const [invitation] = await world.store.all('invitations');
    const accepted = await world
      .harness(carmen)
      .click(INVITATION_VERBS.accept, { invitationId: invitation!.id, acknowledged: 'true' });
    expect(accepted.text).not.toContain('cannot');
    expect((await world.store.get('relationships', ADATUM_CONTOSO))?.adminAccess?.removedBy).toBe('replaced');
    const fresh = (await world.store.findBy('relationships', 'customer', DEMO_TENANTS.contoso)).find(
      (r) => r.invitationId === invitation!.id,
    )!;
    expect(fresh.adminAccess?.roles).toEqual(['helpdesk-administrator', 'license-administrator']);

    const list = await bot.say('auto extend');
    expect(list).toContain('Contoso Ltd: auto-extend off');
    const on = await bot.click(VERBS.autoExtendSet, { relationshipId: fresh.id, on: 'true' });
    expect(on.text).toContain('Auto-extend is on');
    expect((await world.store.get('relationships', fresh.id))?.adminAccess?.autoExtend).toBe(true);
    const twice = await bot.click(VERBS.autoExtendSet, { relationshipId: fresh.id, on: 'false' });
    expect(twice.text).toContain("Type 'auto extend' to start again.");
    expect((await world.store.get('relationships', fresh.id))?.adminAccess?.autoExtend).toBe(true);
    await bot.say('auto extend');
    const off = await bot.click(VERBS.autoExtendSet, { relationshipId: fresh.id, on: 'false' });
    expect(off.text).toContain('Admin access to Contoso Ltd ends on');
    expect((await world.store.get('relationships', fresh.id))?.adminAccess?.autoExtend).toBe(false);

    // The customer's admins are told of each switch.
    const told = (await noticesTo(carmen, 'relationship.auto-extend')).map((n) => visibleText(n.payload));
    expect(told).toEqual([
      expect.stringContaining('Adatum Cloud Partners switched auto-extend on'),
      expect.stringContaining('Adatum Cloud Partners switched auto-extend off'),
    ]);
    const timeline = await world.harness(hana).say('timeline contoso');
    for (const line of ['Auto-extend turned on', 'Auto-extend turned off', 'Request sent for fewer admin roles'])
      expect(timeline).toContain(line);
  });

  it('a button that opens the auto-extend list begins the same workflow as typing it', async () => {
    const bot = world.harness(alex);
    const list = await bot.click(VERBS.autoExtendPick);
    expect(list.text).toContain('Contoso Ltd: not possible with Global Administrator');
    expect(await bot.say('where am i')).toContain('You are in switching auto-extend, at the choice of relationship');
    const refused = await bot.click(VERBS.autoExtendSet, { relationshipId: ADATUM_CONTOSO, on: 'true' });
    expect(refused.text).toContain('Auto-extend is not allowed when Global Administrator is among the roles');
  });

  it('speaks Spanish, addressing the reader as usted', async () => {
    const bot = world.harness(grace, {}, 'es-ES');
    expect(await bot.say('quitar administrador global')).toContain('Quitar Administrador global');
    const confirm = await bot.click(VERBS.globalAdminConfirm, { relationshipId: ADATUM_CONTOSO });
    expect(confirm.text).toContain('¿Quitar Administrador global de Contoso Ltd?');
    expect(confirm.text).toContain('su acceso sigue igual');
  });

  it.each<[string, Person, string]>([
    ['a sales agent', sam, 'This needs the role: Admin agent or Global admin.'],
    ['a helpdesk agent', hana, 'This needs the role: Admin agent or Global admin.'],
    ['Carmen, of the customer', carmen, 'This is done by the other side'],
  ])('refuses %s, saving nothing and telling nobody', async (_name, person, message) => {
    for (const command of ['remove global admin', 'auto extend']) {
      expect(await world.harness(person).say(command)).toContain(message);
    }
    for (const [verb, data] of [
      [VERBS.globalAdminRemove, { relationshipId: ADATUM_CONTOSO }],
      [VERBS.autoExtendSet, { relationshipId: ADATUM_CONTOSO, on: 'false' }],
    ] as const) {
      expect((await world.harness(person).click(verb, data)).text).toContain(message);
    }
    expect(await world.store.all('invitations')).toHaveLength(0);
    expect(await world.store.findBy('notifications', 'subject', ADATUM_CONTOSO)).toEqual([]);
  });
});

describe('Remove Global Administrator: what cannot be removed alone', () => {
  const world = useBotWorld(() =>
    partnerWorld({ relationships: [withGlobalAdmin(['global-administrator']), { ...adatumContoso(), id: 'rel-b' }] }),
  );

  it.each([
    [ADATUM_CONTOSO, 'No admin role would be left with Contoso Ltd'],
    ['rel-b', 'does not hold that admin role'],
  ])('%s: refused with the reason, nothing sent', async (relationshipId, message) => {
    const bot = world.harness(alex);
    await bot.say('remove global admin');
    const { text } = await bot.click(VERBS.globalAdminConfirm, { relationshipId });
    expect(text).toContain(message);
    expect(await world.store.all('invitations')).toHaveLength(0);
  });
});
