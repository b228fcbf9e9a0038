import { DAY_TWO_VERBS as VERBS } from '../../../../src/bot/workflows/partner/day-two-verbs.js';
import type { NewRecord } from '../../../../src/store/store.js';
import { DEMO_TENANTS } from '../../../../src/store/demo-world.js';
import { visibleText, type Person } from '../../../support/activities.js';
import { useBotWorld } from '../../../support/bot-world.js';
import { NOW } from '../../../support/world.js';
import { persona } from '../../../support/personas.js';
import { ADATUM_CONTOSO, adatumContoso, partnerWorld } from './partner-world.js';

const alex = persona('alex'); // Adatum admin agent
const sam = persona('sam'); // Adatum sales agent
const hana = persona('hana'); // Adatum helpdesk agent
const carmen = persona('carmen'); // Contoso global admin
const rita = persona('rita'); // Woodgrove: another partner's admin agent

function request(kind: 'end-relationship' | 'remove-roles', roles: string[] = []): NewRecord<'customerRequests'> {
  return {
    id: `request-${kind}`,
    relationshipId: ADATUM_CONTOSO,
    partnerTenantId: DEMO_TENANTS.adatum,
    customerTenantId: DEMO_TENANTS.contoso,
    kind,
    roles: roles as never,
    note: '',
    status: 'open',
    createdBy: { userId: carmen.id, name: carmen.name, tenantId: carmen.tenantId },
    createdAt: NOW.toISOString(),
  };
}

describe("Customer requests: the partner's admin agents act on them or decline them with a reason", () => {
  const world = useBotWorld(() => ({
    ...partnerWorld({ relationships: [adatumContoso()] }),
    customerRequests: [request('end-relationship'), request('remove-roles', ['license-administrator'])],
  }));
  const toldCarmen = async () =>
    (await world.store.all('notifications'))
      .filter((n) => n.aadObjectId === carmen.aadObjectId && n.kind === 'customer-request.answered')
      .map((n) => visibleText(n.payload));

  it('lists the open requests, and removing some roles sends a request for the rest to the customer', async () => {
    const bot = world.harness(alex);
    const list = await bot.say('customer requests');
    expect(list).toContain('To end the relationship.');
    expect(list).toContain('To remove these admin roles: License Administrator.');
    const opened = await bot.click(VERBS.requestsList, { requestId: 'request-remove-roles' });
    expect(opened.text).toContain('Request from Contoso Ltd');

    const done = await bot.click(VERBS.requestAct, { requestId: 'request-remove-roles' });
    expect(done.text).toContain('A request for the roles you keep went to the global admins of Contoso Ltd');
    const [invitation] = await world.store.all('invitations');
    expect(invitation).toMatchObject({
      status: 'approval-pending',
      replacesRelationshipId: ADATUM_CONTOSO,
      adminAccess: { roles: ['helpdesk-administrator'] },
    });
    expect(await world.store.get('customerRequests', 'request-remove-roles')).toMatchObject({
      status: 'done',
      invitationId: invitation!.id,
      decidedBy: { name: alex.name },
    });
    expect(await toldCarmen()).toEqual([expect.stringContaining('sent a new request without those roles')]);
    expect((await world.store.all('auditEvents')).map((e) => e.action)).toContain('customer-request.done');

    const twice = await bot.click(VERBS.requestAct, { requestId: 'request-remove-roles' });
    expect(twice.text).toContain('This request was already answered');
    expect(await world.store.all('invitations')).toHaveLength(1);
    // The list it was opened from ended with it; its old copy opens nothing.
    const stale = await bot.click(VERBS.requestsList, { requestId: 'request-end-relationship' });
    expect(stale.text).toContain("Type 'customer requests' to start again.");
    expect(await bot.say('customer requests')).not.toContain('License Administrator');
  });

  it('ending the relationship as asked ends it and tells the customer', async () => {
    const done = await world.harness(alex).click(VERBS.requestAct, { requestId: 'request-end-relationship' });
    expect(done.text).toContain('The relationship with Contoso Ltd has ended');
    expect((await world.store.get('relationships', ADATUM_CONTOSO))?.status).toBe('terminated');
    expect((await world.store.get('customerRequests', 'request-end-relationship'))?.status).toBe('done');
    expect(await toldCarmen()).toEqual([expect.stringContaining('ended the relationship')]);
  });

  it('declining needs a reason, which the customer is told', async () => {
    const bot = world.harness(alex);
    const empty = await bot.click(VERBS.requestDecline, { requestId: 'request-end-relationship', reason: ' ' });
    expect(empty.text).toContain('Write the reason for declining');
    expect((await world.store.get('customerRequests', 'request-end-relationship'))?.status).toBe('open');

    const reason = 'Your support contract runs until March; we end it then';
    const declined = await bot.click(VERBS.requestDecline, { requestId: 'request-end-relationship', reason });
    expect(declined.text).toContain('Declined');
    expect(await world.store.get('customerRequests', 'request-end-relationship')).toMatchObject({
      status: 'declined',
      reason,
    });
    expect((await world.store.get('relationships', ADATUM_CONTOSO))?.status).toBe('active');
    expect(await toldCarmen()).toEqual([expect.stringContaining(`declined: ${reason}`)]);
  });

  it.each<[string, Person, string]>([
    ['a sales agent', sam, 'This needs the role: Admin agent or Global admin.'],
    ['a helpdesk agent', hana, 'This needs the role: Admin agent or Global admin.'],
    ['the customer itself', carmen, 'This is done by the other side'],
    ["another partner's admin agent", rita, "I cannot find that, or it is not your organisation's"],
  ])('refuses %s, with nothing changed', async (_name, person, message) => {
    const bot = world.harness(person);
    for (const [verb, data] of [
      [VERBS.requestAct, { requestId: 'request-end-relationship' }],
      [VERBS.requestDecline, { requestId: 'request-end-relationship', reason: 'no' }],
    ] as const)
      expect((await bot.click(verb, data)).text).toContain(message);
    expect((await world.store.get('customerRequests', 'request-end-relationship'))?.status).toBe('open');
    expect((await world.store.get('relationships', ADATUM_CONTOSO))?.status).toBe('active');
    expect(await toldCarmen()).toEqual([]);
  });
});
