import { MCA_VERB } from '../../../src/bot/workflows/customer/customer-admin.js';
import { DEMO_TENANTS, demoWorld } from '../../../src/store/demo-world.js';
import { visibleText } from '../../support/activities.js';
import { useBotWorld } from '../../support/bot-world.js';
import { persona } from '../../support/personas.js';
import { NOW } from '../../support/world.js';
import { INVITATION_VERBS } from '../../../src/cards/invitation-card.js';
import { adatumInvitation } from '../../bot/workflows/partner/partner-world.js';

const paul = persona('paul'); // Proseware (indirect provider), admin agent + global admin
const carmen = persona('carmen'); // Contoso global admin
const lidia = persona('lidia');
const alex = persona('alex'); // Adatum admin agent
const grace = persona('grace'); // Adatum admin agent + global admin // Litware, Contoso's reseller: sales agent + global admin

describe('rule 6: the MCA gates business, and the partners are told when it is accepted', () => {
  const chat = useBotWorld(() => {
    const world = demoWorld(NOW);
    // Proseware resells to Contoso, which has not accepted the MCA.
    world.relationships = [
      ...(world.relationships ?? []),
      {
        id: 'rel-proseware-contoso',
        partnerTenantId: DEMO_TENANTS.proseware,
        customerTenantId: DEMO_TENANTS.contoso,
        types: ['reseller'],
        adminAccess: null,
        status: 'active',
        createdAt: NOW.toISOString(),
        updatedAt: NOW.toISOString(),
      },
    ];
    return world;
  });
  const told = async (kind: string) =>
    (await chat.store.all('notifications')).filter((n) => n.kind === kind).map((n) => n.aadObjectId);

  it('order says no until the customer accepts the MCA alone; then its partners are told and order says yes', async () => {
    const provider = chat.harness(paul);
    const before = await provider.say('order contoso');
    expect(before).toContain('Contoso Ltd has not accepted the Microsoft Customer Agreement yet');
    expect(before).toContain('rule 6');
    expect(before).not.toContain('You can submit orders');

    const carmenBot = chat.harness(carmen);
    await carmenBot.say('accept mca');
    const done = await carmenBot.click(MCA_VERB, { confirmed: 'true' });
    expect(done.text).toContain('Contoso Ltd');
    const [notice] = (await chat.store.all('notifications')).filter(
      (n) => n.kind === 'mca.accepted' && n.aadObjectId === paul.aadObjectId,
    );
    expect(visibleText(notice?.payload)).toContain('Contoso Ltd accepted the Microsoft Customer Agreement');
    expect(visibleText(notice?.payload)).toContain('Carmen Navarro');
    // Every partner Contoso works with hears it: Proseware and Litware, not Adatum.
    expect((await told('mca.accepted')).sort()).toEqual([paul.aadObjectId, lidia.aadObjectId].sort());

    expect(await provider.say('order contoso')).toContain('You can submit orders for Contoso Ltd');
  });

  it('when accepted with an invitation, the inviting partner is told too', async () => {
    await chat.store.transaction((tx) => {
      tx.insert('invitations', adatumInvitation('inv-adatum-contoso', 1));
    });
    const accepted = await chat
      .harness(carmen)
      .click(INVITATION_VERBS.accept, { invitationId: 'inv-adatum-contoso', acknowledged: 'true' });
    expect(accepted.text).toContain('Invitation accepted');
    // Contoso's other partners hear of the MCA alone; Adatum's admin agents and global admin hear of it in
    // the one notice of the invitation accepted with it: one message per event and person, not two at once.
    expect((await told('mca.accepted')).sort()).toEqual([paul, lidia].map((p) => p.aadObjectId).sort());
    const adatum = (await chat.store.all('notifications')).filter((n) =>
      [alex, grace].some((p) => p.aadObjectId === n.aadObjectId),
    );
    expect(adatum.map((n) => [n.aadObjectId, n.kind]).sort()).toEqual(
      [alex, grace].map((p) => [p.aadObjectId, 'invitation.accepted']).sort(),
    );
    for (const notice of adatum) {
      expect(visibleText(notice.payload)).toContain('Contoso Ltd accepted your invitation');
      expect(visibleText(notice.payload)).toContain(
        'With it, Contoso Ltd accepted the Microsoft Customer Agreement: you can now order',
      );
    }
  });

  it('tells the partner in Spanish when its people speak Spanish', async () => {
    await chat.store.transaction(async (tx) => {
      tx.update('users', { ...(await tx.get('users', paul.id))!, language: 'es' });
    });
    const carmenBot = chat.harness(carmen);
    await carmenBot.say('accept mca');
    await carmenBot.click(MCA_VERB, { confirmed: 'true' });
    const [notice] = (await chat.store.all('notifications')).filter(
      (n) => n.kind === 'mca.accepted' && n.aadObjectId === paul.aadObjectId,
    );
    expect(visibleText(notice?.payload)).toContain('Contoso Ltd aceptó el Contrato de cliente de Microsoft');
  });
});
