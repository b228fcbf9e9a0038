import { REMOVE_PROVIDER_ACCESS_DIALOG } from '../../../src/bot/workflows/two-tier/remove-provider-access-dialog.js';
import { TWO_TIER_VERBS } from '../../../src/bot/workflows/two-tier/two-tier.js';
import { DEMO_TENANTS } from '../../../src/store/demo-world.js';
import type { Store } from '../../../src/store/store.js';
import { useBotWorld } from '../../support/bot-world.js';
import { WorkflowDialogClient } from '../../support/dialog-client.js';
import { expectSeen, play, type Turn } from '../../support/dialog-turns.js';
import { persona } from '../../support/personas.js';

const paul = persona('paul'); // Proseware Distribution (indirect provider)
const rita = persona('rita'); // Woodgrove IT (indirect reseller) global admin
const REMOVE = TWO_TIER_VERBS.removeAccess;

/** RemoveProviderAccessDialog alone (DialogTestClient): what Proseware holds, then Yes. */
describe('RemoveProviderAccessDialog (DialogTestClient)', () => {
  const world = useBotWorld();
  let relationshipId: string;
  beforeEach(async () => {
    // Proseware invites Woodgrove and Rita authorises it, as they do in Teams.
    const provider = world.harness(paul);
    await provider.click(TWO_TIER_VERBS.inviteResellerForm, {});
    await provider.click(TWO_TIER_VERBS.inviteReseller, { resellerTenantId: DEMO_TENANTS.woodgrove });
    const [invitation] = (await world.store.findBy('invitations', 'customer', DEMO_TENANTS.woodgrove)).filter(
      (i) => i.kind === 'indirect-provider',
    );
    const reseller = world.harness(rita);
    await reseller.click(TWO_TIER_VERBS.open, { invitationId: invitation!.id });
    await reseller.click(TWO_TIER_VERBS.authorize, { invitationId: invitation!.id, confirmed: 'true' });
    const [link] = (await world.store.findBy('relationships', 'customer', DEMO_TENANTS.woodgrove)).filter((r) =>
      r.types.includes('indirect-provider'),
    );
    relationshipId = link!.id;
  });
  const clients: WorkflowDialogClient[] = [];
  const client = (store: Store, locale = 'en-US') => {
    const c = new WorkflowDialogClient(store, rita, REMOVE_PROVIDER_ACCESS_DIALOG, { relationshipId }, {}, locale);
    clients.push(c);
    return c;
  };
  afterEach(() => clients.splice(0).forEach((c) => c.stop()));
  const removed = async () => Boolean((await world.store.get('relationships', relationshipId))?.adminAccess?.removedAt);

  it.each<[string, (id: string) => Turn[], string[], boolean]>([
    [
      'the confirmation, then Yes',
      (id) => [
        ['say', 'start'],
        ['click', REMOVE, { relationshipId: id }],
      ],
      ['The partnership stays', 'Proseware Distribution no longer has admin roles in Woodgrove IT'],
      true,
    ],
    [
      'a card naming another link than the one confirmed is refused',
      () => [
        ['say', 'start'],
        ['click', REMOVE, { relationshipId: 'rel-adatum-fabrikam' }],
      ],
      ['Remove roles?', "I cannot find that, or it is not your organisation's"],
      false,
    ],
    [
      'help shows what Rita can do, then the confirmation again',
      () => [
        ['say', 'start'],
        ['say', 'help'],
      ],
      ['Remove roles?', 'Help: what you can do'],
      false,
    ],
    [
      'cancel says nothing was saved',
      () => [
        ['say', 'start'],
        ['say', 'cancel'],
      ],
      ['Remove roles?', "Cancelled removing a provider's admin roles. Nothing was saved."],
      false,
    ],
    [
      'a copy of another card changes nothing',
      (id) => [
        ['say', 'start'],
        ['click', REMOVE, { relationshipId: id, formTicket: 'an-old-card' }],
      ],
      ['Remove roles?', 'This form is no longer active'],
      false,
    ],
  ])('%s', async (_name, turns, seen, gone) => {
    expectSeen(await play(client(world.store), turns(relationshipId)), seen);
    expect(await removed()).toBe(gone);
  });

  it('resumes after a restart: a new adapter on the same store takes the Yes', async () => {
    const before = client(world.store);
    await before.say('start');
    const ticket = before.tickets.dataFor(REMOVE);
    const after = client(world.store);
    expect((await after.click(REMOVE, { ...ticket, relationshipId })).text).toContain('no longer has admin roles');
    expect(await removed()).toBe(true);
  });

  it('speaks Spanish throughout, cancel included', async () => {
    const c = client(world.store, 'es-ES');
    await c.say('empezar');
    expect((await c.say('cancelar')).text).toContain('Se canceló la retirada de los roles de administración');
  });
});
