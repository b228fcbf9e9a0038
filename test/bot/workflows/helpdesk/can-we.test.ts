import { INVITATION_VERBS } from '../../../../src/cards/invitation-card.js';
import { REQUEST_VERBS } from '../../../../src/cards/request-card.js';
import type { RelationshipType } from '../../../../src/domain/model.js';
import { DEMO_TENANTS } from '../../../../src/store/demo-world.js';
import { useBotWorld } from '../../../support/bot-world.js';
import { sendInvitation } from '../../../support/invitations.js';
import { persona } from '../../../support/personas.js';
import { NOW } from '../../../support/world.js';

const alex = persona('alex'); // Adatum admin agent
const hana = persona('hana'); // Adatum helpdesk agent
const carmen = persona('carmen'); // Contoso global admin: Adatum has no relationship with Contoso yet

describe('relationship types carry their meaning into the card, status and "can we"', () => {
  const world = useBotWorld();

  /** Adatum invites Contoso to a relationship of one type, without admin roles, and Carmen accepts it. */
  async function accepted(type: RelationshipType): Promise<string> {
    const { id, token } = await sendInvitation(world.store, {
      kind: 'reseller',
      customer: { tenantId: DEMO_TENANTS.contoso },
      relationshipTypes: [type],
      adminAccess: null,
    });
    const carmenBot = world.harness(carmen);
    const card = await carmenBot.say(`accept ${token}`);
    const answer = await carmenBot.click(INVITATION_VERBS.accept, { invitationId: id, acknowledged: 'true' });
    expect(answer.text).toContain('Invitation accepted');
    return card;
  }

  it.each<[string, RelationshipType, string, string[]]>([
    [
      'an Advisor resets passwords without admin roles',
      'advisor',
      'can we reset a password for contoso',
      ['Yes, for Contoso Ltd', 'Your Advisor relationship with Contoso Ltd allows this', 'without admin roles'],
    ],
    [
      'an Advisor handles support incidents',
      'advisor',
      'can we open a support request for contoso',
      ['Yes, for Contoso Ltd', 'Advisor: resets passwords, handles support incidents'],
    ],
    [
      'an LOB partner manages line-of-business apps',
      'lob',
      'can we manage line-of-business apps for contoso',
      ['Yes, for Contoso Ltd', 'Line-of-business (LOB) partner'],
    ],
    [
      "an MPSA partner sees other MPSA partners' purchases",
      'mpsa',
      "can we see other partners' purchases for contoso",
      ['Yes, for Contoso Ltd', 'sees the purchases other MPSA partners made for the customer'],
    ],
    [
      'a Partner gets a user account, which Partner Desk says it does not give',
      'partner',
      'can we get a user account for contoso',
      [
        'Yes, for Contoso Ltd',
        "gets a user account in the customer's tenant",
        'Partner Desk grants nothing of its own',
      ],
    ],
  ])('%s', async (_name, type, question, seen) => {
    const card = await accepted(type);
    expect(card).toContain('What each type allows');
    const answer = await world.harness(hana).say(question);
    for (const text of seen) expect(answer).toContain(text);
    const status = await world.harness(hana).say('status contoso');
    expect(status).toContain('What each type allows');
  });

  it('the customer sees what an Advisor may do before accepting, and on My partners', async () => {
    const card = await accepted('advisor');
    expect(card).toContain('Advisor: resets passwords, handles support incidents');
    const partners = await world.harness(carmen).say('my partners');
    expect(partners).toContain('Adatum Cloud Partners');
    expect(partners).toContain('Advisor: resets passwords, handles support incidents');
  });

  it("an MPSA partner's status shows the purchases other MPSA partners made for the customer, and only theirs", async () => {
    await accepted('mpsa');
    const purchase = (partnerTenantId: string) => ({
      id: `purchase-${partnerTenantId}`,
      invitationId: 'inv-elsewhere',
      partnerTenantId,
      customerTenantId: DEMO_TENANTS.contoso,
      services: [{ serviceId: 'm365-e3', licences: 40 }],
      acceptedBy: { userId: carmen.id, name: carmen.name, tenantId: DEMO_TENANTS.contoso, at: NOW.toISOString() },
      purchasedAt: NOW.toISOString(),
    });
    await world.store.transaction(async (tx) => {
      tx.insert('purchases', purchase(DEMO_TENANTS.litware));
    });
    // Litware resells to Contoso but is no MPSA partner: its purchase stays its own.
    expect(await world.harness(hana).say('status contoso')).not.toContain('Litware');
    await world.store.transaction(async (tx) => {
      const litware = (await tx.get('relationships', 'rel-litware-contoso'))!;
      tx.update('relationships', { ...litware, types: ['mpsa'] });
    });
    const status = await world.harness(hana).say('status contoso');
    expect(status).toContain('Purchase by Litware Solutions (MPSA partner): Microsoft 365 E3 · 40 licences');
  });

  it('without the type, "can we" says which type to request; an Advisor still cannot manage users', async () => {
    await accepted('advisor');
    const bot = world.harness(hana);
    const lob = await bot.say('can we manage line of business apps for contoso');
    expect(lob).toContain('Not now, for Contoso Ltd');
    expect(lob).toContain('Request a Line-of-business (LOB) partner relationship');
    const users = await bot.say('can we manage users for contoso');
    expect(users).toContain('Not now, for Contoso Ltd');
    expect(users).toContain('User Administrator');
  });
});

describe('a request carries only the types Partner Center allows together', () => {
  const world = useBotWorld();

  it('offers each type with what it allows, and refuses an Advisor with delegated administration', async () => {
    const bot = world.harness(alex);
    const form = await bot.say('request relationship');
    expect(form).toContain('Advisor (resets passwords, handles support incidents)');
    // The one combination Partner Center allows is made by the form's delegated-administration switch.
    expect(form).toContain('Include them to make the request Reseller & delegated administrator');

    const refused = await bot.click(REQUEST_VERBS.submit, {
      customer: 'contoso.com',
      relationship: 'advisor',
      includeAdmin: 'true',
      roles: 'helpdesk-administrator',
      durationDays: '90',
    });
    expect(refused.text).toContain('Partner Center does not let one request combine Advisor, Delegated administrator');
    expect(await world.store.all('invitations')).toHaveLength(0);

    const advisor = await bot.click(REQUEST_VERBS.submit, { customer: 'contoso.com', relationship: 'advisor' });
    expect(advisor.text).toContain('Invitation for Contoso Ltd');
    const [invitation] = await world.store.all('invitations');
    expect(invitation).toMatchObject({ relationshipTypes: ['advisor'], adminAccess: null });
  });
});
