import { CANCEL_INVITATION_DIALOG } from '../../../src/bot/workflows/partner/cancel-invitation-dialog.js';
import { PARTNER_VERBS } from '../../../src/bot/workflows/partner/partner-admin.js';
import type { Store } from '../../../src/store/store.js';
import { useBotWorld } from '../../support/bot-world.js';
import { WorkflowDialogClient } from '../../support/dialog-client.js';
import { expectSeen, play, type Turn } from '../../support/dialog-turns.js';
import { persona } from '../../support/personas.js';
import { adatumInvitation, partnerWorld } from '../workflows/partner/partner-world.js';

const alex = persona('alex'); // Adatum admin agent
const rita = persona('rita'); // Woodgrove: another partner's admin agent
const INVITATION = 'inv-contoso';
const yes = (invitationId = INVITATION): Turn => ['click', PARTNER_VERBS.cancel, { invitationId }];

/** CancelInvitationDialog alone (DialogTestClient): the confirmation an item's Cancel opens, then cancelled. */
describe('CancelInvitationDialog (DialogTestClient)', () => {
  const world = useBotWorld(() =>
    partnerWorld({ invitations: [adatumInvitation(INVITATION, 3), adatumInvitation('inv-other', 1)] }),
  );
  const clients: WorkflowDialogClient[] = [];
  const client = (store: Store, who = alex, invitationId = INVITATION, locale = 'en-US') => {
    const c = new WorkflowDialogClient(store, who, CANCEL_INVITATION_DIALOG, { invitationId }, {}, locale);
    clients.push(c);
    return c;
  };
  afterEach(() => clients.splice(0).forEach((c) => c.stop()));
  const statuses = async () => (await world.store.all('invitations')).map((i) => `${i.id}:${i.status}`).sort();
  const OPEN = ['inv-contoso:approval-pending', 'inv-other:approval-pending'];

  it.each<[string, Turn[], string[], string[]]>([
    [
      'the confirmation, then Yes cancels it',
      [['say', 'start'], yes()],
      ['Cancel the invitation to Contoso Ltd?', 'The invitation to Contoso Ltd is cancelled.'],
      ['inv-contoso:cancelled', 'inv-other:approval-pending'],
    ],
    [
      'a Yes naming another invitation than the one confirmed is refused',
      [['say', 'start'], yes('inv-other')],
      ['Cancel the invitation to Contoso Ltd?', "I cannot find that, or it is not your organisation's"],
      OPEN,
    ],
    [
      'help shows what Alex can do, then the confirmation again',
      [
        ['say', 'start'],
        ['say', 'help'],
      ],
      ['Cancel the invitation to Contoso Ltd?', 'Help: what you can do'],
      OPEN,
    ],
    [
      'cancel leaves the invitation as it was and says nothing was saved',
      [
        ['say', 'start'],
        ['say', 'cancel'],
      ],
      ['Cancel the invitation', 'Cancelled cancelling an invitation. Nothing was saved.'],
      OPEN,
    ],
    [
      'an old copy of the confirmation changes nothing',
      [
        ['say', 'start'],
        ['click', PARTNER_VERBS.cancel, { invitationId: INVITATION, formTicket: 'an-old-card' }],
      ],
      [
        'Cancel the invitation',
        "This form is no longer active\nNothing was changed: this card belongs to a step that ended or moved on. Type 'invitations' to start again.",
      ],
      OPEN,
    ],
  ])('%s', async (_name, turns, seen, after) => {
    expectSeen(await play(client(world.store), turns), seen);
    expect(await statuses()).toEqual(after);
  });

  it("another partner's invitation is not found, and nothing is shown of it", async () => {
    const { text } = await client(world.store, rita).say('start');
    expect(text).toContain('I cannot find that invitation');
    expect(text).not.toContain('Contoso');
    expect(await statuses()).toEqual(OPEN);
  });

  it('an invitation cancelled meanwhile is no longer open', async () => {
    const c = client(world.store);
    await c.say('start');
    await world.store.transaction(async (tx) => {
      const invitation = await tx.get('invitations', INVITATION);
      tx.update('invitations', { ...invitation!, status: 'cancelled' });
    });
    expect((await c.click(PARTNER_VERBS.cancel, { invitationId: INVITATION })).text).toContain('no longer open');
  });

  it('resumes after a restart: a new adapter on the same store continues at the confirmation', async () => {
    const before = client(world.store);
    await before.say('start');
    const confirmation = before.tickets.dataFor(PARTNER_VERBS.cancel);
    const after = client(world.store);
    const done = await after.click(PARTNER_VERBS.cancel, { ...confirmation, invitationId: INVITATION });
    expect(done.text).toContain('The invitation to Contoso Ltd is cancelled.');
    expect(await statuses()).toEqual(['inv-contoso:cancelled', 'inv-other:approval-pending']);
  });

  it('speaks Spanish throughout, cancel included', async () => {
    const c = client(world.store, alex, INVITATION, 'es-ES');
    expect((await c.say('empezar')).text).toContain('¿Cancelar la invitación a Contoso Ltd?');
    expect((await c.say('cancelar')).text).toContain('Se canceló la cancelación de una invitación');
  });
});
