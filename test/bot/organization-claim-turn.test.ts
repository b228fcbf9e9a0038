import { CLAIM_VERB, type MemberLookup } from '../../src/bot/organization-claim-turn.js';
import { INVITATION_VERBS } from '../../src/cards/invitation-card.js';
import type { InvitationRequest } from '../../src/services/invitations/invitations.js';
import { NewCustomerService } from '../../src/services/invitations/new-customer.js';
import { formatCode } from '../../src/services/invitations/invitation-token.js';
import { DEMO_TENANTS } from '../../src/store/demo-world.js';
import type { Store } from '../../src/store/store.js';
import { runAdmin } from '../../src/tools/admin.js';
import type { Person } from '../support/activities.js';
import { useBotWorld } from '../support/bot-world.js';
import { BotHarness } from '../support/bot-harness.js';
import { sendInvitation, setInvitation } from '../support/invitations.js';
import { NOW } from '../support/world.js';
import { persona } from '../support/personas.js';

/** Someone whose tenant Partner Desk has never seen. */
const ADA: Person = {
  tenantId: 'a1b2c3d4-0000-4000-8000-00000000a1a1',
  aadObjectId: 'ada00000-0000-4000-8000-000000000001',
};
const ALPINE_INVITATION: InvitationRequest = {
  kind: 'reseller',
  customer: { domain: 'alpineskihouse.com', email: 'ada@alpineskihouse.com' },
  relationshipTypes: ['reseller'],
  adminAccess: null,
};

describe('a customer the bot has never seen claims its organisation with the invitation code', () => {
  const world = useBotWorld();
  let store: Store;
  beforeEach(() => (store = world.store));
  const harnesses: BotHarness[] = [];
  afterEach(() => harnesses.splice(0).forEach((h) => h.stop()));

  function as(person: Person, email: string | Error | undefined, locale = 'en-US'): BotHarness {
    const memberLookup: MemberLookup = async () => {
      if (email instanceof Error) throw email;
      return email === undefined ? {} : { email };
    };
    const harness = new BotHarness(store, person, {}, locale, () => NOW, { memberLookup });
    harnesses.push(harness);
    return harness;
  }
  const snapshot = async () =>
    JSON.stringify(
      await Promise.all(
        (['organizations', 'users', 'invitations', 'relationships', 'auditEvents', 'notifications'] as const).map((c) =>
          store.all(c),
        ),
      ),
    );

  it('right domain: confirm → first global admin, tenant bound, audited, partner told, Accept & Authorize card', async () => {
    const { id, token } = await sendInvitation(store, ALPINE_INVITATION);
    const ada = as(ADA, 'Ada@AlpineSkiHouse.com');

    const confirm = await ada.sayWithCards(`accept ${formatCode(token)}`);
    expect(confirm.text).toContain('Register alpineskihouse.com with Partner Desk');
    expect(confirm.text).toContain('Adatum Cloud Partners invited alpineskihouse.com');
    expect(confirm.text).toContain('I confirm that I am a global administrator');
    expect(JSON.stringify(confirm.cards)).toContain(CLAIM_VERB);

    const before = await snapshot();
    const unticked = await ada.click(CLAIM_VERB, { code: token, confirmed: 'false' });
    expect(unticked.text).toContain('Tick the box to confirm');
    expect(await snapshot()).toBe(before);

    const claimed = await ada.click(CLAIM_VERB, { code: token, confirmed: 'true' });
    expect(claimed.text).toContain('Accept agreement & authorize partner');
    expect(claimed.text).toContain('Adatum Cloud Partners invites alpineskihouse.com to a partner relationship.');

    const org = await store.get('organizations', ADA.tenantId);
    expect(org).toMatchObject({
      primaryDomain: 'alpineskihouse.com',
      kind: 'customer',
      countryRegion: 'US',
      cloud: 'public',
    });
    expect(await store.findBy('users', 'tenant', ADA.tenantId)).toEqual([
      expect.objectContaining({
        aadObjectId: ADA.aadObjectId,
        email: 'ada@alpineskihouse.com',
        roles: { side: 'customer', admin: ['global-admin'] },
      }),
    ]);
    expect((await store.get('invitations', id))?.customerTenantId).toBe(ADA.tenantId);
    const events = await store.findBy('auditEvents', 'target', `organization/${ADA.tenantId}`);
    expect(events.map((e) => e.action)).toEqual(['organization.claimed']);
    const told = (await store.all('notifications')).filter((n) => n.kind === 'organization.claimed');
    expect(told.map((n) => n.tenantId)).toEqual(expect.arrayContaining([DEMO_TENANTS.adatum]));
    expect(JSON.stringify(told[0]?.payload)).toContain('alpineskihouse.com is now in Partner Desk');

    // Now a known user: the card's answer goes through the dispatcher like anyone else's.
    const accepted = await ada.click(INVITATION_VERBS.accept, { invitationId: id, acknowledged: 'true' });
    expect(accepted.text).toContain('Invitation accepted');
    expect((await store.get('invitations', id))?.status).toBe('accepted');

    const logged = JSON.stringify(ada.log.lines);
    expect(logged).toContain('organization claimed');
    expect(logged).not.toContain(token);
    expect(logged).not.toContain(formatCode(token));
  });

  it('a customer added by "new customer" is claimed: its records follow the real tenant id, and the operator can undo it', async () => {
    const sam = persona('sam');
    const added = await new NewCustomerService(store, () => NOW).add(
      { user: (await store.get('users', sam.id))!, org: (await store.get('organizations', DEMO_TENANTS.adatum))! },
      {
        name: 'Alpine Ski House',
        domain: 'alpineskihouse.com',
        countryRegion: 'US',
        contactName: 'Ada',
        contactEmail: 'ada@alpineskihouse.com',
      },
    );
    if (!added.ok) throw new Error(JSON.stringify(added));
    const placeholder = added.value.customer.tenantId;
    const { id, token } = await sendInvitation(store, {
      kind: 'reseller',
      customer: { tenantId: placeholder },
      relationshipTypes: ['reseller', 'delegated-admin'],
      adminAccess: { roles: ['helpdesk-administrator'], durationDays: 30, autoExtend: false },
    });

    const ada = as(ADA, 'ada@alpineskihouse.com');
    await ada.say(`accept ${token}`);
    const claimed = await ada.click(CLAIM_VERB, { code: token, confirmed: 'true' });
    expect(claimed.text).toContain('Adatum Cloud Partners invites Alpine Ski House to a partner relationship.');
    expect(claimed.text).toContain('Helpdesk Administrator');

    expect(await store.get('organizations', placeholder)).toBeUndefined();
    expect((await store.get('organizations', ADA.tenantId))?.name).toBe('Alpine Ski House');
    expect((await store.get('relationships', added.value.relationship.id))?.customerTenantId).toBe(ADA.tenantId);
    expect((await store.get('invitations', id))?.customerTenantId).toBe(ADA.tenantId);
    const history = await store.findBy('auditEvents', 'tenant', ADA.tenantId);
    expect(history.map((e) => e.action)).toEqual(
      expect.arrayContaining(['organization.created', 'relationship.created', 'organization.claimed']),
    );
    expect(await store.findBy('auditEvents', 'tenant', placeholder)).toEqual([]);
    expect(await ada.say('whoami')).toContain('Alpine Ski House');

    const printed = await runAdmin(['undo-claim', '--tenant', ADA.tenantId], store, () => NOW);
    expect(printed).toContain('1 user(s) removed');
    expect(await store.get('organizations', ADA.tenantId)).toBeUndefined();
    expect((await store.get('organizations', placeholder))?.name).toBe('Alpine Ski House');
    expect(await store.findBy('users', 'tenant', ADA.tenantId)).toEqual([]);
    expect((await store.get('relationships', added.value.relationship.id))?.customerTenantId).toBe(placeholder);
    expect((await store.get('invitations', id))?.customerTenantId).toBe(placeholder);
    expect((await store.findBy('auditEvents', 'tenant', placeholder)).map((e) => e.action)).toContain(
      'organization.claim-undone',
    );
    expect(await ada.say('whoami')).toContain('not registered');
    await expect(runAdmin(['undo-claim', '--tenant', ADA.tenantId], store, () => NOW)).rejects.toThrow(
      'There is no claim to undo for this tenant.',
    );
  });

  const CONTOSO_NEWCOMER: Person = {
    tenantId: DEMO_TENANTS.contoso,
    aadObjectId: 'c0ffee00-0000-4000-8000-000000000001',
  };
  const REFUSED: [string, Person, string | Error | undefined, (id: string) => Promise<unknown>, string][] = [
    ['wrong domain', ADA, 'ada@fabrikam-other.com', async () => undefined, 'addressed to another domain'],
    [
      'used code',
      ADA,
      'ada@alpineskihouse.com',
      (id) =>
        setInvitation(store, id, {
          status: 'accepted',
          decidedBy: { userId: 'x', name: 'X', tenantId: 'x', at: NOW.toISOString() },
        }),
      'does not open a live invitation',
    ],
    [
      'cancelled code',
      ADA,
      'ada@alpineskihouse.com',
      (id) => setInvitation(store, id, { status: 'cancelled' }),
      'does not open a live invitation',
    ],
    [
      'registered tenant',
      CONTOSO_NEWCOMER,
      'new@alpineskihouse.com',
      async () => undefined,
      'already registered with Partner Desk',
    ],
    [
      'Teams gives no address',
      ADA,
      new Error('getMember: 403'),
      async () => undefined,
      'did not give Partner Desk your email address',
    ],
  ];
  it.each(REFUSED)(
    '%s: a clear refusal, in the message and the confirmation, and nothing changed',
    async (_case, person, email, change, words) => {
      const { id, token } = await sendInvitation(store, ALPINE_INVITATION);
      await change(id);
      const before = await snapshot();
      const bot = as(person, email);
      const answer = await bot.say(`accept ${formatCode(token)}`);
      expect(answer).toContain('This code cannot register your organisation');
      expect(answer).toContain(words);
      const forced = await bot.click(CLAIM_VERB, { code: token, confirmed: 'true' });
      expect(forced.text).toContain(words);
      expect(await snapshot()).toBe(before);
    },
  );

  it('an organisation someone already acts for cannot be claimed by another tenant, even at its domain', async () => {
    const { token } = await sendInvitation(store);
    const before = await snapshot();
    const bot = as(ADA, 'intruder@contoso.com');
    expect(await bot.say(`accept ${token}`)).toContain('already has admins in Partner Desk');
    expect((await bot.click(CLAIM_VERB, { code: token, confirmed: 'true' })).text).toContain('already has admins');
    expect(await snapshot()).toBe(before);
  });

  it('a code typed in a group chat claims nothing and shows no invitation there', async () => {
    const { token } = await sendInvitation(store, ALPINE_INVITATION);
    const before = await snapshot();
    const shown = await as(ADA, 'ada@alpineskihouse.com').sayIn('groupChat', `accept ${formatCode(token)}`);
    expect(shown).not.toContain('Adatum');
    expect(shown).not.toContain('alpineskihouse.com');
    expect(await snapshot()).toEqual(before);
  });

  it('in Spanish, and any other message from an unknown tenant still explains registration', async () => {
    const { token } = await sendInvitation(store, ALPINE_INVITATION);
    const ada = as(ADA, 'ada@alpineskihouse.com', 'es-ES');
    expect(await ada.say(`aceptar ${token}`)).toContain('Registrar alpineskihouse.com en Partner Desk');
    expect(await ada.say('ayuda')).toContain('no está registrada');
  });
});
