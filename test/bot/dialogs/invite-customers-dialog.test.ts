import { INVITE_CUSTOMERS_DIALOG } from '../../../src/bot/workflows/two-tier/invite-customers.js';
import { TWO_TIER_VERBS } from '../../../src/bot/workflows/two-tier/two-tier.js';
import { REQUEST_VERBS } from '../../../src/cards/request-card.js';
import { DEMO_TENANTS, demoWorld } from '../../../src/store/demo-world.js';
import type { Store } from '../../../src/store/store.js';
import { useBotWorld } from '../../support/bot-world.js';
import { WorkflowDialogClient } from '../../support/dialog-client.js';
import { expectSeen, play, type Turn } from '../../support/dialog-turns.js';
import { persona } from '../../support/personas.js';
import { NOW } from '../../support/world.js';

const rita = persona('rita'); // Woodgrove IT (indirect reseller) global admin
const providerTenantId = DEMO_TENANTS.proseware;
const CONTOSO = { providerTenantId, customerTenantId: DEMO_TENANTS.contoso };
const SEND = TWO_TIER_VERBS.inviteCustomer;

/** InviteCustomersDialog alone (DialogTestClient): the form for one provider, then the shared draft step. */
describe('InviteCustomersDialog (DialogTestClient)', () => {
  const world = useBotWorld(() => {
    const seed = demoWorld(NOW);
    const at = NOW.toISOString();
    // Woodgrove has authorised Proseware; Contoso is Woodgrove's own customer.
    seed.relationships = [
      ...(seed.relationships ?? []),
      ...[
        {
          id: 'rel-proseware-woodgrove',
          partner: providerTenantId,
          customer: DEMO_TENANTS.woodgrove,
          type: 'indirect-provider',
        },
        {
          id: 'rel-woodgrove-contoso',
          partner: DEMO_TENANTS.woodgrove,
          customer: DEMO_TENANTS.contoso,
          type: 'reseller',
        },
      ].map((r) => ({
        id: r.id,
        partnerTenantId: r.partner,
        customerTenantId: r.customer,
        types: [r.type as 'reseller' | 'indirect-provider'],
        adminAccess: null,
        status: 'active' as const,
        createdAt: at,
        updatedAt: at,
      })),
    ];
    return seed;
  });
  const clients: WorkflowDialogClient[] = [];
  const client = (store: Store, options: { providerTenantId: string } = { providerTenantId }, locale = 'en-US') => {
    const c = new WorkflowDialogClient(store, rita, INVITE_CUSTOMERS_DIALOG, options, { FOUR_EYES: 'false' }, locale);
    clients.push(c);
    return c;
  };
  afterEach(() => clients.splice(0).forEach((c) => c.stop()));
  const invitations = async () => (await world.store.all('invitations')).filter((i) => i.kind === 'two-tier').length;

  it.each<[string, Turn[], string[], number]>([
    [
      'the form, then the draft naming both partners',
      [
        ['say', 'start'],
        ['click', SEND, CONTOSO],
      ],
      ['Invite new customers', 'together with its indirect provider Proseware Distribution'],
      1,
    ],
    [
      'a refusal redraws the form with why, saving nothing',
      [
        ['say', 'start'],
        ['click', SEND, { ...CONTOSO, includeAdmin: 'true' }],
      ],
      ['Contoso Ltd (contoso.com)', 'Choose at least one admin role'],
      0,
    ],
    [
      'a card naming another provider than the one the workflow is for is refused',
      [
        ['say', 'start'],
        ['click', SEND, { ...CONTOSO, providerTenantId: DEMO_TENANTS.litware }],
      ],
      ['Invite new customers', "I cannot find that, or it is not your organisation's"],
      0,
    ],
    [
      'help shows what Rita can do, then the form again',
      [
        ['say', 'start'],
        ['say', 'help'],
      ],
      ['Invite new customers', 'Help: what you can do'],
      0,
    ],
    [
      'cancel at the form says nothing was saved',
      [
        ['say', 'start'],
        ['say', 'cancel'],
      ],
      ['Invite new customers', 'Cancelled inviting new customers. Nothing was saved.'],
      0,
    ],
    [
      'cancel at the draft says the invitation stays',
      [
        ['say', 'start'],
        ['click', SEND, CONTOSO],
        ['say', 'cancel'],
      ],
      ['Invite new customers', 'Invitation for Contoso Ltd', 'the invitation for Contoso Ltd'],
      1,
    ],
    [
      'an old copy of the form, after the draft was shown, changes nothing',
      [
        ['say', 'start'],
        ['click', SEND, CONTOSO],
        ['click', SEND, { ...CONTOSO, formTicket: 'an-old-card' }],
      ],
      ['Invite new customers', 'Invitation for Contoso Ltd', 'This form is no longer active'],
      1,
    ],
  ])('%s', async (_name, turns, seen, saved) => {
    expectSeen(await play(client(world.store), turns), seen);
    expect(await invitations()).toBe(saved);
  });

  it('for a provider the reseller has not authorised, says so and ends', async () => {
    const c = client(world.store, { providerTenantId: DEMO_TENANTS.litware });
    expect((await c.say('start')).text).toContain('has not been authorised by your organisation');
    expect(c.status).toBe('complete');
  });

  it('the same card submitted twice has one effect', async () => {
    const c = client(world.store);
    await c.say('start');
    const { formTicket } = c.tickets.dataFor(SEND);
    await c.click(SEND, CONTOSO);
    const twice = await c.click(SEND, { ...CONTOSO, formTicket });
    expect(twice.text).toContain("Type 'indirect providers' to start again");
    expect(await invitations()).toBe(1);
  });

  it('resumes after a restart: a new adapter on the same store continues at the draft', async () => {
    const before = client(world.store);
    await before.say('start');
    const shown = await before.click(SEND, CONTOSO);
    const draft = before.tickets.dataFor(REQUEST_VERBS.done);
    const [invitation] = (await world.store.all('invitations')).filter((i) => i.kind === 'two-tier');
    const token = /"token":"(?<t>[A-Z2-7]{32})"/.exec(JSON.stringify(shown.cards))?.groups?.t;
    expect(token).toBeDefined();
    // The one-time link is on the card only: the dialog state kept in the store does not hold it.
    expect(JSON.stringify(await world.store.all('state'))).not.toContain(token!);

    const after = client(world.store);
    const sent = await after.click(REQUEST_VERBS.done, {
      ...draft,
      invitationId: invitation!.id,
      token,
      subject: 'Woodgrove IT and Proseware Distribution',
      body: `Please accept: http://localhost:3978/invite/${token}`,
    });
    expect(sent.text).toContain('Invitation sent to Contoso Ltd');
  });

  it('speaks Spanish throughout, cancel included', async () => {
    const c = client(world.store, { providerTenantId }, 'es-ES');
    await c.say('empezar');
    expect((await c.say('cancelar')).text).toContain('Se canceló la invitación de clientes nuevos');
  });
});
