import { INVITE_RESELLER_DIALOG } from '../../../src/bot/workflows/two-tier/invite-reseller-dialog.js';
import { TWO_TIER_VERBS } from '../../../src/bot/workflows/two-tier/two-tier.js';
import { DEMO_TENANTS } from '../../../src/store/demo-world.js';
import type { Store } from '../../../src/store/store.js';
import { useBotWorld } from '../../support/bot-world.js';
import { WorkflowDialogClient } from '../../support/dialog-client.js';
import { expectSeen, play, type Turn } from '../../support/dialog-turns.js';
import { persona } from '../../support/personas.js';

const paul = persona('paul'); // Proseware Distribution (indirect provider) global admin
const SEND = TWO_TIER_VERBS.inviteReseller;
const WOODGROVE = { resellerTenantId: DEMO_TENANTS.woodgrove };

/** InviteResellerDialog alone (DialogTestClient): the choice of reseller, then the invitation is sent. */
describe('InviteResellerDialog (DialogTestClient)', () => {
  const world = useBotWorld();
  const clients: WorkflowDialogClient[] = [];
  const client = (store: Store, locale = 'en-US') => {
    const c = new WorkflowDialogClient(store, paul, INVITE_RESELLER_DIALOG, {}, {}, locale);
    clients.push(c);
    return c;
  };
  afterEach(() => clients.splice(0).forEach((c) => c.stop()));
  const invitations = async () =>
    (await world.store.all('invitations')).filter((i) => i.kind === 'indirect-provider').length;

  it.each<[string, Turn[], string[], number]>([
    [
      'the choice, then the invitation is sent',
      [
        ['say', 'start'],
        ['click', SEND, WOODGROVE],
      ],
      ['Woodgrove IT (woodgroveit.com)', 'Invitation sent to Woodgrove IT'],
      1,
    ],
    [
      'no reseller chosen: the choice again with why',
      [
        ['say', 'start'],
        ['click', SEND, { resellerTenantId: '' }],
      ],
      ['Invite a reseller', 'Choose a reseller.'],
      0,
    ],
    [
      'an organisation that is not an indirect reseller is refused in the form',
      [
        ['say', 'start'],
        ['click', SEND, { resellerTenantId: DEMO_TENANTS.contoso }],
      ],
      ['Invite a reseller', 'not an indirect reseller Partner Desk knows'],
      0,
    ],
    [
      'help shows what Paul can do, then the choice again',
      [
        ['say', 'start'],
        ['say', 'help'],
      ],
      ['Invite a reseller', 'Help: what you can do'],
      0,
    ],
    [
      'cancel says nothing was saved',
      [
        ['say', 'start'],
        ['say', 'cancel'],
      ],
      ['Invite a reseller', 'Cancelled inviting a reseller. Nothing was saved.'],
      0,
    ],
    [
      'the first card, once redrawn with an error, changes nothing',
      [
        ['say', 'start'],
        ['click', SEND, { resellerTenantId: '' }],
        ['click', SEND, { ...WOODGROVE, formTicket: 'an-old-card' }],
      ],
      ['Invite a reseller', 'Choose a reseller.', 'This form is no longer active'],
      0,
    ],
  ])('%s', async (_name, turns, seen, saved) => {
    expectSeen(await play(client(world.store), turns), seen);
    expect(await invitations()).toBe(saved);
  });

  it('a card redrawn after a refusal replaces the first: the first has no effect', async () => {
    const c = client(world.store);
    await c.say('start');
    const { formTicket } = c.tickets.dataFor(SEND);
    await c.click(SEND, { resellerTenantId: '' });
    expect((await c.click(SEND, { ...WOODGROVE, formTicket })).text).toContain(
      "Type 'indirect resellers' to start again",
    );
    expect(await invitations()).toBe(0);
    expect((await c.click(SEND, WOODGROVE)).text).toContain('Invitation sent to Woodgrove IT');
    expect(await invitations()).toBe(1);
  });

  it('resumes after a restart: a new adapter on the same store takes the choice', async () => {
    const before = client(world.store);
    await before.say('start');
    const ticket = before.tickets.dataFor(SEND);
    const after = client(world.store);
    expect((await after.click(SEND, { ...ticket, ...WOODGROVE })).text).toContain('Invitation sent to Woodgrove IT');
    expect(await invitations()).toBe(1);
  });

  it('speaks Spanish throughout, cancel included', async () => {
    const c = client(world.store, 'es-ES');
    await c.say('empezar');
    expect((await c.say('cancelar')).text).toContain('Se canceló la invitación de un revendedor');
  });
});
