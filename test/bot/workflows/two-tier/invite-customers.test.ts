import { CLAIM_VERB, type MemberLookup } from '../../../../src/bot/organization-claim-turn.js';
import { TWO_TIER_VERBS } from '../../../../src/bot/workflows/two-tier/two-tier.js';
import { INVITATION_VERBS } from '../../../../src/cards/invitation-card.js';
import { REQUEST_VERBS } from '../../../../src/cards/request-card.js';
import { formatCode } from '../../../../src/services/invitations/invitation-token.js';
import { DEMO_TENANTS, demoWorld } from '../../../../src/store/demo-world.js';
import { visibleText, type Person } from '../../../support/activities.js';
import { BotHarness } from '../../../support/bot-harness.js';
import { useBotWorld } from '../../../support/bot-world.js';
import { contactedBy } from '../../../services/helpdesk/helpdesk-fixtures.js';
import { persona } from '../../../support/personas.js';
import { NOW } from '../../../support/world.js';

const rita = persona('rita'); // Woodgrove IT (indirect reseller), admin agent + global admin
const paul = persona('paul'); // Proseware Distribution (indirect provider)
const carmen = persona('carmen'); // Contoso global admin
/** Someone whose tenant Partner Desk has never seen: the new customer. */
const ADA: Person = {
  tenantId: 'a1b2c3d4-0000-4000-8000-00000000a2a2',
  aadObjectId: 'ada00000-0000-4000-8000-0000000000a2',
};
const PROVIDER_LINK = 'rel-proseware-woodgrove';
const LINK = /http:\/\/localhost:3978\/invite\/([A-Z2-7]{32})/;

describe('Invite new customers (two-tier): one invitation for the reseller and its provider', () => {
  const chat = useBotWorld(() => {
    const world = demoWorld(NOW);
    const at = NOW.toISOString();
    world.relationships = [
      ...(world.relationships ?? []),
      // Woodgrove has authorised Proseware, and already resells to Fabrikam on its own.
      {
        id: PROVIDER_LINK,
        partnerTenantId: DEMO_TENANTS.proseware,
        customerTenantId: DEMO_TENANTS.woodgrove,
        types: ['indirect-provider'],
        adminAccess: null,
        status: 'active',
        createdAt: at,
        updatedAt: at,
      },
      {
        id: 'rel-woodgrove-fabrikam',
        partnerTenantId: DEMO_TENANTS.woodgrove,
        customerTenantId: DEMO_TENANTS.fabrikam,
        types: ['reseller'],
        adminAccess: null,
        status: 'active',
        createdAt: at,
        updatedAt: at,
      },
    ];
    // Contoso contacted Woodgrove: a customer Woodgrove deals with, without a relationship yet.
    world.leads = contactedBy(NOW, DEMO_TENANTS.woodgrove, DEMO_TENANTS.contoso).leads;
    return world;
  });
  const as = (person: Person) => chat.harness(person, { FOUR_EYES: 'false' });
  const asNewcomer = (email: string) => {
    const memberLookup: MemberLookup = async () => ({ email });
    const harness = new BotHarness(chat.store, ADA, { FOUR_EYES: 'false' }, 'en-US', () => NOW, { memberLookup });
    return harness;
  };
  const providerTenantId = DEMO_TENANTS.proseware;

  /** "Done" on the draft card the form answered with; returns the invitation's id and its code. */
  async function send(reseller: BotHarness, draftText: string): Promise<{ id: string; token: string }> {
    const token = LINK.exec(draftText)![1]!;
    const [invitation] = (await chat.store.findBy('invitations', 'partner', DEMO_TENANTS.woodgrove)).filter(
      (i) => i.kind === 'two-tier' && i.status === 'created',
    );
    const done = await reseller.click(REQUEST_VERBS.done, {
      invitationId: invitation!.id,
      token,
      subject: 'Woodgrove IT and Proseware Distribution',
      body: `Please accept: http://localhost:3978/invite/${token}`,
    });
    expect(done.text).toContain('Invitation sent to');
    return { id: invitation!.id, token };
  }

  it("the picker offers only the reseller's own customers, or a new one", async () => {
    const form = await as(rita).click(TWO_TIER_VERBS.inviteCustomerForm, { providerTenantId });
    expect(form.text).toContain('Contoso Ltd (contoso.com)'); // a lead
    expect(form.text).toContain('Fabrikam Inc (fabrikam.us)'); // its own reseller customer, not yet Proseware's
    expect(form.text).toContain('A new customer: give its domain and email below');
    expect(form.text).toContain('Include delegated administration privileges');
    for (const stranger of ['Northwind', 'Tailspin', 'Wingtip', 'Adatum', 'Litware'])
      expect(form.text).not.toContain(stranger);
  });

  it('a new customer by domain and email, with delegated admin for the reseller: one card, both accepted at once', async () => {
    const reseller = as(rita);
    await reseller.click(TWO_TIER_VERBS.inviteCustomerForm, { providerTenantId });
    const draft = await reseller.click(TWO_TIER_VERBS.inviteCustomer, {
      providerTenantId,
      customerTenantId: 'new',
      customerDomain: 'AlpineSkiHouse.com',
      customerEmail: 'ada@alpineskihouse.com',
      includeAdmin: 'true',
      roles: 'user-administrator,license-administrator',
      durationDays: '180',
    });
    expect(draft.text).toContain('Invitation for alpineskihouse.com');
    expect(draft.text).toContain('Proseware Distribution: reseller, so it can submit orders for you; no admin roles');
    expect(draft.text).toContain('together with its indirect provider Proseware Distribution');
    const [created] = await chat.store.findBy('invitations', 'customer', 'alpineskihouse.com');
    expect(created).toMatchObject({
      kind: 'two-tier',
      partnerTenantId: DEMO_TENANTS.woodgrove,
      providerTenantId,
      customerEmail: 'ada@alpineskihouse.com',
      relationshipTypes: ['reseller', 'delegated-admin'],
      adminAccess: { roles: ['user-administrator', 'license-administrator'], durationDays: 180 },
    });
    expect(created!.customerTenantId).toBeUndefined();
    const { id, token } = await send(reseller, draft.text);

    const ada = asNewcomer('ada@alpineskihouse.com');
    try {
      await ada.say(`accept ${formatCode(token)}`);
      const card = await ada.click(CLAIM_VERB, { code: token, confirmed: 'true' });
      expect(card.text).toContain(
        'Woodgrove IT and its indirect provider Proseware Distribution invite alpineskihouse.com to reseller relationships with both',
      );
      expect(card.text).toContain('Indirect provider');
      expect(card.text).toContain('Admin roles Woodgrove IT asks for');
      const accepted = await ada.click(INVITATION_VERBS.accept, { invitationId: id, acknowledged: 'true' });
      expect(accepted.text).toContain('Invitation accepted');
    } finally {
      ada.stop();
    }
    const byPartner = Object.fromEntries(
      (await chat.store.findBy('relationships', 'customer', ADA.tenantId)).map((r) => [r.partnerTenantId, r]),
    );
    expect(Object.keys(byPartner).sort()).toEqual([DEMO_TENANTS.proseware, DEMO_TENANTS.woodgrove].sort());
    expect(byPartner[DEMO_TENANTS.woodgrove]).toMatchObject({
      types: ['reseller', 'delegated-admin'],
      status: 'active',
      adminAccess: { roles: ['user-administrator', 'license-administrator'] },
    });
    expect(byPartner[DEMO_TENANTS.proseware]).toMatchObject({
      types: ['reseller'],
      adminAccess: null,
      status: 'active',
    });
  });

  it('an own customer is invited for the provider; its admins get one card naming both, and the provider may order', async () => {
    const reseller = as(rita);
    await reseller.click(TWO_TIER_VERBS.inviteCustomerForm, { providerTenantId });
    const draft = await reseller.click(TWO_TIER_VERBS.inviteCustomer, {
      providerTenantId,
      customerTenantId: DEMO_TENANTS.contoso,
    });
    expect(draft.text).toContain('Invitation for Contoso Ltd');
    const { id } = await send(reseller, draft.text);
    const received = (await chat.store.findBy('notifications', 'subject', id)).find(
      (n) => n.aadObjectId === carmen.aadObjectId,
    );
    const shown = visibleText(received?.payload);
    expect(shown).toContain('Woodgrove IT and its indirect provider Proseware Distribution invite Contoso Ltd');
    expect(shown).toContain('Accept & Authorize');

    expect(
      (await as(carmen).click(INVITATION_VERBS.accept, { invitationId: id, acknowledged: 'true' })).text,
    ).toContain('Invitation accepted');
    const partners = (await chat.store.findBy('relationships', 'customer', DEMO_TENANTS.contoso)).map(
      (r) => r.partnerTenantId,
    );
    expect(partners.sort()).toEqual([DEMO_TENANTS.litware, DEMO_TENANTS.proseware, DEMO_TENANTS.woodgrove].sort());
    expect(await as(paul).say('order contoso')).toContain('Contoso Ltd');
  });

  it("all or nothing: when the reseller's partnership with the provider ended, accepting creates neither relationship", async () => {
    const reseller = as(rita);
    await reseller.click(TWO_TIER_VERBS.inviteCustomerForm, { providerTenantId });
    const draft = await reseller.click(TWO_TIER_VERBS.inviteCustomer, {
      providerTenantId,
      customerTenantId: DEMO_TENANTS.contoso,
    });
    const { id } = await send(reseller, draft.text);
    await chat.store.transaction(async (tx) => {
      const link = (await tx.get('relationships', PROVIDER_LINK))!;
      tx.update('relationships', { ...link, status: 'terminated' });
    });
    const answer = await as(carmen).click(INVITATION_VERBS.accept, { invitationId: id, acknowledged: 'true' });
    expect(answer.text).toContain('Woodgrove IT no longer works with the indirect provider named in this invitation');
    const partners = (await chat.store.findBy('relationships', 'customer', DEMO_TENANTS.contoso)).map(
      (r) => r.partnerTenantId,
    );
    expect(partners).toEqual([DEMO_TENANTS.litware]);
    expect((await chat.store.get('invitations', id))?.status).toBe('approval-pending');
    expect((await chat.store.get('organizations', DEMO_TENANTS.contoso))?.mcaAcceptanceId).toBeUndefined();
  });

  it.each([
    [{ customerTenantId: DEMO_TENANTS.northwind }, 'I cannot find that customer organisation'],
    [
      { customerTenantId: 'new', customerDomain: 'litwaresolutions.com', customerEmail: 'a@litwaresolutions.com' },
      'I cannot find that customer organisation',
    ],
    [{ customerTenantId: 'new' }, 'Choose one of your customers'],
    [{ customerTenantId: 'new', customerDomain: 'northwindtraders.us' }, 'Clouds are boundaries'],
    [{ customerTenantId: DEMO_TENANTS.contoso, includeAdmin: 'true' }, 'Choose at least one admin role'],
  ])('what cannot be invited is refused in the form, saving nothing: %j', async (values, message) => {
    const reseller = as(rita);
    await reseller.click(TWO_TIER_VERBS.inviteCustomerForm, { providerTenantId });
    const { text } = await reseller.click(TWO_TIER_VERBS.inviteCustomer, { providerTenantId, ...values });
    expect(text).toContain(message);
    expect(text).toContain('Invite new customers');
    expect((await chat.store.all('invitations')).filter((i) => i.kind === 'two-tier')).toEqual([]);
  });
});
