import { DAY_TWO_VERBS as VERBS } from '../../../../src/bot/workflows/partner/day-two-verbs.js';
import type { NewRecord } from '../../../../src/store/store.js';
import { DEMO_TENANTS } from '../../../../src/store/demo-world.js';
import { visibleText, type Person } from '../../../support/activities.js';
import { useBotWorld } from '../../../support/bot-world.js';
import { persona } from '../../../support/personas.js';
import { adatumContoso, partnerWorld } from './partner-world.js';

const grace = persona('grace'); // Adatum admin agent and global admin
const sam = persona('sam'); // Adatum sales agent
const hana = persona('hana'); // Adatum helpdesk agent
const franz = persona('franz'); // Fabrikam global admin

const FABRIKAM = 'rel-adatum-fabrikam'; // demo world: helpdesk + licence admin, auto-extend off
const CONTOSO_GA = 'rel-contoso-ga';
const TAILSPIN_GA = 'rel-tailspin-ga';
const LITWARE = 'rel-litware-contoso'; // demo world: another partner's

function withGlobal(id: string, customerTenantId: string): NewRecord<'relationships'> {
  const base = adatumContoso();
  return {
    ...base,
    id,
    customerTenantId,
    adminAccess: { ...base.adminAccess!, roles: ['global-administrator', 'helpdesk-administrator'] },
  };
}

describe('Bulk: up to 25 relationships at once, each checked on its own, one summary', () => {
  const world = useBotWorld(() =>
    partnerWorld({
      // Tailspin is in Spain: a new request to it is refused (rule 1), which must not stop the others.
      relationships: [withGlobal(CONTOSO_GA, DEMO_TENANTS.contoso), withGlobal(TAILSPIN_GA, DEMO_TENANTS.tailspin)],
    }),
  );

  it('removes Global Administrator where it can and says why not for the rest', async () => {
    const bot = world.harness(grace);
    const form = await bot.say('bulk');
    expect(form).toContain('Remove Global Administrator');
    expect(form).toContain('Contoso Ltd: Global Administrator, Helpdesk Administrator');

    const data = { operation: 'remove-global-admin', relationshipIds: [CONTOSO_GA, FABRIKAM, TAILSPIN_GA].join(',') };
    const confirm = await bot.click(VERBS.bulkReview, data);
    expect(confirm.text).toContain('Remove Global Administrator: confirm');
    expect(confirm.text).toContain('Yes, for these 3 relationships');
    expect(confirm.text).toMatch(/Fabrikam Inc\nHelpdesk Administrator, License Administrator/);
    expect(await world.store.all('invitations')).toHaveLength(0); // the confirmation saves nothing

    const summary = await bot.click(VERBS.bulkRun, data);
    expect(summary.text).toContain('1 of 3 done.');
    expect(summary.text).toMatch(/Contoso Ltd\nRequest sent for Helpdesk Administrator, without Global Administrator/);
    expect(summary.text).toMatch(/Fabrikam Inc\nNot done: .*does not hold that admin role/);
    expect(summary.text).toMatch(/Tailspin Toys\nNot done: .*own country or region/);
    const invitations = await world.store.all('invitations');
    expect(invitations.map((i) => i.replacesRelationshipId)).toEqual([CONTOSO_GA]);
  });

  it('turns auto-extend on one by one; a relationship of another partner is not found and not named', async () => {
    const bot = world.harness(grace);
    const litware = await world.store.get('relationships', LITWARE);
    // The form lists only Adatum's own; a card sending another partner's id anyway gets nowhere with it.
    await bot.say('bulk');
    const data = { operation: 'auto-extend-on', relationshipIds: [FABRIKAM, CONTOSO_GA, LITWARE].join(',') };
    const confirm = await bot.click(VERBS.bulkReview, data);
    expect(confirm.text).toMatch(/A relationship you cannot see\nNo admin roles/);
    const summary = await bot.click(VERBS.bulkRun, data);
    expect(summary.text).toContain('1 of 3 done.');
    expect(summary.text).toMatch(/Fabrikam Inc\nAuto-extend is on/);
    expect(summary.text).toMatch(/Contoso Ltd\nNot done: Auto-extend is not allowed when Global Administrator/);
    expect(summary.text).toMatch(/A relationship you cannot see\nNot done: /);
    expect(summary.text).not.toContain('Litware');
    expect((await world.store.get('relationships', FABRIKAM))?.adminAccess?.autoExtend).toBe(true);
    expect(await world.store.get('relationships', LITWARE)).toEqual(litware);
    const told = (await world.store.all('notifications')).filter((n) => n.aadObjectId === franz.aadObjectId);
    expect(told.map((n) => visibleText(n.payload))).toEqual([
      expect.stringContaining('Adatum Cloud Partners switched auto-extend on'),
    ]);
  });

  it.each([
    ['no relationship', ''],
    ['26 relationships', Array.from({ length: 26 }, (_, i) => `rel-${i}`).join(',')],
  ])('refuses %s in the form, doing nothing', async (_name, relationshipIds) => {
    const bot = world.harness(grace);
    await bot.say('bulk');
    const { text } = await bot.click(VERBS.bulkReview, { operation: 'auto-extend-on', relationshipIds });
    expect(text).toContain('Choose what to do and from 1 to 25 relationships.');
    expect(text).toContain('Review'); // the form again, to fix
    expect((await world.store.get('relationships', FABRIKAM))?.adminAccess?.autoExtend).toBe(false);
  });

  it.each<[string, Person]>([
    ['a sales agent', sam],
    ['a helpdesk agent', hana],
  ])('refuses %s, with nothing changed', async (_name, person) => {
    expect(await world.harness(person).say('bulk')).toContain('This needs the role: Admin agent or Global admin.');
    const { text } = await world
      .harness(person)
      .click(VERBS.bulkRun, { operation: 'auto-extend-on', relationshipIds: FABRIKAM });
    expect(text).toContain('This needs the role: Admin agent or Global admin.');
    expect((await world.store.get('relationships', FABRIKAM))?.adminAccess?.autoExtend).toBe(false);
    expect(await world.store.all('notifications')).toEqual([]);
  });

  it('the same confirmation submitted twice runs once', async () => {
    const bot = world.harness(grace);
    await bot.say('bulk');
    const data = { operation: 'auto-extend-on', relationshipIds: FABRIKAM };
    await bot.click(VERBS.bulkReview, data);
    expect((await bot.click(VERBS.bulkRun, data)).text).toContain('1 of 1 done.');
    expect((await bot.click(VERBS.bulkRun, data)).text).toContain("Type 'bulk' to start again.");
    const told = (await world.store.all('notifications')).filter((n) => n.aadObjectId === franz.aadObjectId);
    expect(told).toHaveLength(1);
  });

  it('speaks Spanish', async () => {
    const bot = world.harness(grace, {}, 'es-ES');
    expect(await bot.say('en bloque')).toContain('Cambio en bloque');
    const { text } = await bot.click(VERBS.bulkReview, { operation: 'auto-extend-on', relationshipIds: FABRIKAM });
    expect(text).toContain('Sí, para esta relación');
  });
});
