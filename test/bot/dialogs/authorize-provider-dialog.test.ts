import { AUTHORIZE_PROVIDER_DIALOG } from '../../../src/bot/workflows/two-tier/authorize-provider-dialog.js';
import { TWO_TIER_VERBS } from '../../../src/bot/workflows/two-tier/two-tier.js';
import { DEMO_TENANTS } from '../../../src/store/demo-world.js';
import type { Store } from '../../../src/store/store.js';
import { useBotWorld } from '../../support/bot-world.js';
import { WorkflowDialogClient } from '../../support/dialog-client.js';
import { expectSeen, play, type Turn } from '../../support/dialog-turns.js';
import { persona } from '../../support/personas.js';

const paul = persona('paul'); // Proseware Distribution (indirect provider)
const rita = persona('rita'); // Woodgrove IT (indirect reseller) global admin
const { authorize: AUTHORIZE, decline: DECLINE } = TWO_TIER_VERBS;

/** AuthorizeProviderDialog alone (DialogTestClient): Rita answers Proseware's invitation. */
describe('AuthorizeProviderDialog (DialogTestClient)', () => {
  const world = useBotWorld();
  let invitationId: string;
  beforeEach(async () => {
    // Proseware invites Woodgrove the way its admin does.
    const provider = world.harness(paul);
    await provider.click(TWO_TIER_VERBS.inviteResellerForm, {});
    await provider.click(TWO_TIER_VERBS.inviteReseller, { resellerTenantId: DEMO_TENANTS.woodgrove });
    const [invitation] = (await world.store.findBy('invitations', 'customer', DEMO_TENANTS.woodgrove)).filter(
      (i) => i.kind === 'indirect-provider',
    );
    invitationId = invitation!.id;
  });
  const clients: WorkflowDialogClient[] = [];
  const client = (store: Store, locale = 'en-US') => {
    const c = new WorkflowDialogClient(store, rita, AUTHORIZE_PROVIDER_DIALOG, { invitationId }, {}, locale);
    clients.push(c);
    return c;
  };
  afterEach(() => clients.splice(0).forEach((c) => c.stop()));
  const links = async () =>
    (await world.store.findBy('relationships', 'customer', DEMO_TENANTS.woodgrove)).filter((r) =>
      r.types.includes('indirect-provider'),
    ).length;
  const status = async () => (await world.store.get('invitations', invitationId))?.status;

  it.each<[string, (id: string) => Turn[], string[], number, string]>([
    [
      'ticked and authorised',
      (id) => [
        ['say', 'start'],
        ['click', AUTHORIZE, { invitationId: id, confirmed: 'true' }],
      ],
      ['may submit orders and add subscriptions', 'Proseware Distribution is now your indirect provider'],
      1,
      'accepted',
    ],
    [
      'unticked: the card again with why, nothing granted',
      (id) => [
        ['say', 'start'],
        ['click', AUTHORIZE, { invitationId: id, confirmed: 'false' }],
      ],
      ['Authorize indirect provider', 'Tick the confirmation first.'],
      0,
      'approval-pending',
    ],
    [
      'declined',
      (id) => [
        ['say', 'start'],
        ['click', DECLINE, { invitationId: id }],
      ],
      ['Authorize indirect provider', 'Indirect provider declined'],
      0,
      'declined',
    ],
    [
      'a card naming another invitation than the one this run answers is refused',
      () => [
        ['say', 'start'],
        ['click', AUTHORIZE, { invitationId: 'invitation-elsewhere', confirmed: 'true' }],
      ],
      ['Authorize indirect provider', "I cannot find that, or it is not your organisation's"],
      0,
      'approval-pending',
    ],
    [
      'help shows what Rita can do, then the card again',
      () => [
        ['say', 'start'],
        ['say', 'help'],
      ],
      ['Authorize indirect provider', 'Help: what you can do'],
      0,
      'approval-pending',
    ],
    [
      'cancel says nothing was saved',
      () => [
        ['say', 'start'],
        ['say', 'cancel'],
      ],
      ['Authorize indirect provider', 'Cancelled answering an indirect provider. Nothing was saved.'],
      0,
      'approval-pending',
    ],
    [
      'a copy of another card changes nothing',
      (id) => [
        ['say', 'start'],
        ['click', DECLINE, { invitationId: id, formTicket: 'an-old-card' }],
      ],
      ['Authorize indirect provider', 'This form is no longer active'],
      0,
      'approval-pending',
    ],
  ])('%s', async (_name, turns, seen, granted, answer) => {
    expectSeen(await play(client(world.store), turns(invitationId)), seen);
    expect(await links()).toBe(granted);
    expect(await status()).toBe(answer);
  });

  it('the card redrawn after a refusal replaces the first: the first one changes nothing', async () => {
    const c = client(world.store);
    await c.say('start');
    const { formTicket } = c.tickets.dataFor(AUTHORIZE);
    await c.click(AUTHORIZE, { invitationId, confirmed: 'false' });
    expect((await c.click(DECLINE, { invitationId, formTicket })).text).toContain(
      "Type 'indirect providers' to start again",
    );
    expect(await status()).toBe('approval-pending');
    expect((await c.click(AUTHORIZE, { invitationId, confirmed: 'true' })).text).toContain(
      'is now your indirect provider',
    );
  });

  it('an invitation already answered is said so instead of the card', async () => {
    const first = client(world.store);
    await first.say('start');
    await first.click(AUTHORIZE, { invitationId, confirmed: 'true' });
    const again = client(world.store);
    expect((await again.say('start')).text).toContain('already accepted by Rita Reseller');
    expect(again.status).toBe('complete');
  });

  it('resumes after a restart: a new adapter on the same store takes the answer', async () => {
    const before = client(world.store);
    await before.say('start');
    const ticket = before.tickets.dataFor(AUTHORIZE);
    const after = client(world.store);
    const done = await after.click(AUTHORIZE, { ...ticket, invitationId, confirmed: 'true' });
    expect(done.text).toContain('Proseware Distribution is now your indirect provider');
    expect(await links()).toBe(1);
  });

  it('speaks Spanish throughout, cancel included', async () => {
    const c = client(world.store, 'es-ES');
    await c.say('empezar');
    expect((await c.say('cancelar')).text).toContain('Se canceló la respuesta a un proveedor indirecto');
  });
});
