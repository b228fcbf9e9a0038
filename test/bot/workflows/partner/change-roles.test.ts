import { PARTNER_VERBS } from '../../../../src/bot/workflows/partner/verbs.js';
import { INVITATION_VERBS } from '../../../../src/cards/invitation-card.js';
import { REQUEST_VERBS } from '../../../../src/cards/request-card.js';
import type { Store } from '../../../../src/store/store.js';
import { DEMO_TENANTS } from '../../../../src/store/demo-world.js';
import { visibleText, type Person } from '../../../support/activities.js';
import { tempStore } from '../../../support/world.js';
import { itemsOf } from '../../../support/card-items.js';
import { BotHarness } from '../../../support/bot-harness.js';
import {
  ADATUM_CONTOSO,
  adatumContoso,
  alex,
  carmen,
  daysFromNow,
  grace,
  hana,
  partnerWorld,
  sam,
} from './partner-world.js';

const CHANGE = {
  relationshipId: ADATUM_CONTOSO,
  roles: 'helpdesk-administrator,user-administrator',
  durationDays: '180',
  autoExtend: 'false',
};

describe('Change admin roles', () => {
  let store: Store;
  let dispose: () => Promise<void>;
  const as = (person: Person, locale = 'en-US') => new BotHarness(store, person, { FOUR_EYES: 'true' }, locale);
  const invitations = async () => store.all('invitations');

  beforeEach(async () => {
    ({ store, dispose } = await tempStore(partnerWorld({ relationships: [adatumContoso()] })));
  });
  afterEach(() => dispose());

  /** Alex's way to the review: the command, the customer's Change roles, then Review with the new roles. */
  async function review(bot: BotHarness, change: Partial<typeof CHANGE> = {}) {
    await bot.say('change roles');
    await bot.click(PARTNER_VERBS.changeRoles, { relationshipId: change.relationshipId ?? ADATUM_CONTOSO });
    return bot.click(PARTNER_VERBS.reviewRoles, { ...CHANGE, ...change });
  }

  it('computes the difference, sends a new request, and ends the old access only when the customer accepts', async () => {
    const bot = as(alex);
    const pick = await bot.sayWithCards('change roles');
    expect(pick.text).toContain('Contoso Ltd (contoso.com)');
    expect(pick.text).toContain('Helpdesk Administrator, License Administrator');

    const form = await bot.click(PARTNER_VERBS.changeRoles, { relationshipId: ADATUM_CONTOSO });
    expect(form.text).toContain('Change admin roles for Contoso Ltd');
    expect(form.text).toContain('You keep your current access (Helpdesk Administrator, License Administrator)');
    expect(form.text).toContain('User Administrator: ');

    const review = await bot.click(PARTNER_VERBS.reviewRoles, CHANGE);
    expect(review.text).toContain('New admin roles for Contoso Ltd');
    expect(review.text).toMatch(/New roles\nUser Administrator/);
    expect(review.text).toMatch(/Roles you keep\nHelpdesk Administrator/);
    expect(review.text).toMatch(/Roles you give up\nLicense Administrator/);
    expect(await invitations()).toHaveLength(0); // a review saves nothing

    const draft = await bot.click(PARTNER_VERBS.sendRoles, { relationshipId: ADATUM_CONTOSO });
    expect(draft.text).toContain('Invitation for Contoso Ltd');
    const [invitation] = await invitations();
    expect(invitation).toMatchObject({
      replacesRelationshipId: ADATUM_CONTOSO,
      relationshipTypes: ['reseller', 'delegated-admin'],
      adminAccess: { roles: ['helpdesk-administrator', 'user-administrator'], durationDays: 180, autoExtend: false },
      createdBy: { name: alex.name },
    });
    // Until the customer accepts, the partner keeps the access it has.
    expect((await store.get('relationships', ADATUM_CONTOSO))?.adminAccess?.removedAt).toBeUndefined();

    const link = /http:\/\/localhost:3978\/invite\/[A-Z2-7]{32}/.exec(draft.text)![0];
    const sent = await bot.click(REQUEST_VERBS.done, {
      invitationId: invitation!.id,
      token: link.split('/').pop(),
      subject: 'New roles',
      body: `Please approve: ${link}`,
    });
    expect(sent.text).toContain('Invitation sent to Contoso Ltd');
    const toCarmen = (await store.findBy('notifications', 'subject', invitation!.id)).find(
      (n) => n.aadObjectId === carmen.aadObjectId,
    );
    expect(visibleText(toCarmen?.payload)).toContain('User Administrator');

    const accepted = await as(carmen).click(INVITATION_VERBS.accept, {
      invitationId: invitation!.id,
      acknowledged: 'true',
    });
    expect(accepted.text).not.toContain('cannot');
    expect((await store.get('relationships', ADATUM_CONTOSO))?.adminAccess).toMatchObject({ removedBy: 'replaced' });
    const fresh = (await store.findBy('relationships', 'customer', carmen.tenantId)).find(
      (r) => r.invitationId === invitation!.id,
    );
    expect(fresh?.adminAccess?.roles).toEqual(['helpdesk-administrator', 'user-administrator']);
  });

  it('the same "Send the request" clicked twice has one effect; asking again shows the open invitation', async () => {
    const bot = as(alex);
    await review(bot);
    const { formTicket } = bot.tickets.dataFor(PARTNER_VERBS.sendRoles);
    await bot.click(PARTNER_VERBS.sendRoles, { relationshipId: ADATUM_CONTOSO });
    const twice = await bot.click(PARTNER_VERBS.sendRoles, { relationshipId: ADATUM_CONTOSO, formTicket });
    expect(twice.text).toContain('This form is no longer active');
    expect(await invitations()).toHaveLength(1);

    await review(bot);
    const second = await bot.click(PARTNER_VERBS.sendRoles, { relationshipId: ADATUM_CONTOSO });
    expect(second.text).toContain('An open invitation already exists');
    expect(await invitations()).toHaveLength(1);
  });

  it('four-eyes: new roles with Global Administrator wait for a second admin, who gets the approval card', async () => {
    const bot = as(alex);
    await review(bot, { roles: 'global-administrator' });
    const draft = await bot.click(PARTNER_VERBS.sendRoles, { relationshipId: ADATUM_CONTOSO });
    expect(draft.text).toContain('a second admin agent or global admin of your organisation must approve it');
    const [invitation] = await invitations();
    const approvers = (await store.findBy('notifications', 'subject', invitation!.id)).map((n) => n.aadObjectId);
    expect(approvers).toContain(grace.aadObjectId);
    expect(approvers).not.toContain(alex.aadObjectId);
    expect((await bot.click(REQUEST_VERBS.approve, { invitationId: invitation!.id })).text).toContain(
      'You cannot approve your own request',
    );
  });

  it.each<[string, Partial<typeof CHANGE>, string]>([
    [
      'the same roles again',
      { roles: 'license-administrator,helpdesk-administrator' },
      'These are the roles you already hold',
    ],
    ['no role at all', { roles: '' }, 'Choose at least one admin role'],
    ['a duration of 0 days', { durationDays: '0' }, 'from 1 to 730'],
    ['a duration of 731 days', { durationDays: '731' }, 'from 1 to 730'],
    [
      'auto-extend with Global Administrator',
      { roles: 'global-administrator', autoExtend: 'true' },
      'Auto-extend is not allowed when Global Administrator',
    ],
  ])('refuses %s in the form, keeping what was typed, and saves nothing', async (_name, change, message) => {
    const { text, card } = await review(as(alex), change);
    expect(text).toContain('Change admin roles for Contoso Ltd');
    expect(text).toContain(message);
    expect(JSON.stringify(card)).toContain(`"value":"${change.durationDays ?? CHANGE.durationDays}"`);
    expect(await invitations()).toHaveLength(0);
    expect((await store.get('relationships', ADATUM_CONTOSO))?.adminAccess?.removedAt).toBeUndefined();
  });

  it.each<[string, Person, string]>([
    ['a sales agent', sam, 'This needs the role: Admin agent or Global admin.'],
    ['a helpdesk agent', hana, 'Your roles do not let you include delegated administration privileges in a request.'],
  ])('refuses %s the command and every button, saving nothing', async (_name, person, message) => {
    const bot = as(person);
    expect(await bot.say('change roles')).toContain(message);
    for (const verb of [PARTNER_VERBS.changeRoles, PARTNER_VERBS.reviewRoles, PARTNER_VERBS.sendRoles]) {
      expect((await bot.click(verb, CHANGE)).text).toContain(message);
    }
    expect(await invitations()).toHaveLength(0);
  });

  it('checks again on Send: a customer that moved abroad since the review (rule 1) is refused in the form', async () => {
    const bot = as(alex);
    const reviewed = await review(bot, { relationshipId: 'rel-adatum-fabrikam', roles: 'user-administrator' });
    expect(reviewed.text).toContain('New admin roles for Fabrikam Inc');
    // The demo world obeys rule 1, so the customer moves abroad after the review.
    await store.transaction(async (tx) => {
      tx.update('organizations', { ...(await tx.get('organizations', DEMO_TENANTS.fabrikam))!, countryRegion: 'DE' });
    });
    const { text } = await bot.click(PARTNER_VERBS.sendRoles, { relationshipId: 'rel-adatum-fabrikam' });
    expect(text).toContain('Change admin roles for Fabrikam Inc');
    expect(text).toContain('only be requested with a customer in your own country or region (US)');
    expect(await invitations()).toHaveLength(0);
  });

  it("refuses another partner's relationship", async () => {
    const bot = as(alex);
    await bot.say('change roles');
    const { text } = await bot.click(PARTNER_VERBS.changeRoles, { relationshipId: 'rel-litware-contoso' });
    expect(text).toContain("I cannot find that, or it is not your organisation's");
  });

  it('speaks Spanish', async () => {
    const { text } = await review(as(alex, 'es-ES'));
    expect(text).toContain('Roles de administrador nuevos para Contoso Ltd');
    expect(text).toContain('Roles a los que renuncias');
  });
});

describe('Change admin roles: two relationships with one customer are told apart', () => {
  let store: Store;
  let dispose: () => Promise<void>;
  beforeEach(async () => {
    const resellerOnly = {
      ...adatumContoso(),
      id: 'rel-adatum-contoso-2',
      createdAt: daysFromNow(-10),
      types: ['reseller' as const],
      adminAccess: null,
    };
    ({ store, dispose } = await tempStore(partnerWorld({ relationships: [adatumContoso(), resellerOnly] })));
  });
  afterEach(() => dispose());

  it('each has a heading naming its types, roles and start, and a Change roles button of its own', async () => {
    const bot = new BotHarness(store, alex, { FOUR_EYES: 'true' });
    const pick = await bot.sayWithCards('change roles');
    const items = itemsOf(pick.cards[0]).filter((i) => i.heading.startsWith('Contoso'));
    expect(items.map((i) => i.heading).sort()).toEqual([
      'Contoso Ltd (contoso.com) · Reseller · no admin roles · since 12 Nov 2026',
      'Contoso Ltd (contoso.com) · Reseller, Delegated administrator · Helpdesk Administrator, License Administrator · since 14 Aug 2026',
    ]);
    const targets = items.map((i) => {
      expect(i.buttons.map((b) => b.title)).toEqual(['Change roles']);
      return i.buttons[0]!.data.relationshipId;
    });
    expect(targets.sort()).toEqual([ADATUM_CONTOSO, 'rel-adatum-contoso-2'].sort());
    bot.stop();
  });
});
