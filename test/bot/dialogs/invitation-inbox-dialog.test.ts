import { INBOX_VERBS, INVITATION_INBOX_DIALOG } from '../../../src/bot/workflows/customer/invitation-inbox.js';
import type { AdminRoleId } from '../../../src/domain/model.js';
import type { Store } from '../../../src/store/store.js';
import { useBotWorld } from '../../support/bot-world.js';
import { WorkflowDialogClient } from '../../support/dialog-client.js';
import { expectSeen, play, type Turn } from '../../support/dialog-turns.js';
import { sendInvitation, WITH_ROLES } from '../../support/invitations.js';
import { persona } from '../../support/personas.js';

const carmen = persona('carmen'); // Contoso global admin
const ROLES: AdminRoleId[] = [
  'helpdesk-administrator',
  'user-administrator',
  'license-administrator',
  'exchange-administrator',
  'teams-administrator',
  'security-reader',
];

/** InvitationInboxDialog alone (DialogTestClient): the list Carmen pages through and the invitation she opens. */
describe('InvitationInboxDialog (DialogTestClient)', () => {
  const world = useBotWorld();
  const clients: WorkflowDialogClient[] = [];
  const client = (store: Store, locale = 'en-US') => {
    const c = new WorkflowDialogClient(store, carmen, INVITATION_INBOX_DIALOG, {}, {}, locale);
    clients.push(c);
    return c;
  };
  afterEach(() => clients.splice(0).forEach((c) => c.stop()));
  /** Six invitations waiting for Contoso, one per admin role: two pages. */
  const sixWaiting = async () => {
    const ids: string[] = [];
    for (const role of ROLES) {
      const adminAccess = { ...WITH_ROLES.adminAccess!, roles: [role] };
      ids.push((await sendInvitation(world.store, { ...WITH_ROLES, adminAccess })).id);
    }
    return ids;
  };

  it.each<[string, (ids: string[]) => Turn[], string[], string]>([
    [
      'the list, then an invitation opened as its Accept & Authorize card',
      (ids) => [
        ['say', 'start'],
        ['click', INBOX_VERBS.open, { invitationId: ids[0]! }],
      ],
      ['Invitations for Contoso Ltd', 'Accept agreement & authorize partner'],
      'complete',
    ],
    [
      'Next shows the second page, Previous the first again',
      () => [
        ['say', 'start'],
        ['click', INBOX_VERBS.page, { page: 2 }],
        ['click', INBOX_VERBS.page, { page: 1 }],
      ],
      ['Showing 1–5 of 6 (page 1 of 2).', 'Showing 6–6 of 6 (page 2 of 2).', 'Showing 1–5 of 6 (page 1 of 2).'],
      'waiting',
    ],
    [
      'help shows what Carmen can do, then the list again',
      () => [
        ['say', 'start'],
        ['say', 'help'],
      ],
      ['Invitations for Contoso Ltd', 'Help: what you can do'],
      'waiting',
    ],
    [
      'cancel ends it and says nothing was saved',
      () => [
        ['say', 'start'],
        ['say', 'cancel'],
      ],
      [
        'Invitations for Contoso Ltd',
        'Cancelled looking through the invitations waiting for your answer. Nothing was saved.',
      ],
      'complete',
    ],
    [
      'a page of an older list changes nothing',
      () => [
        ['say', 'start'],
        ['click', INBOX_VERBS.page, { page: 2, formTicket: 'an-old-card' }],
      ],
      ['Invitations for Contoso Ltd', 'This form is no longer active'],
      'waiting',
    ],
  ])('%s', async (_name, turns, seen, status) => {
    const ids = await sixWaiting();
    const c = client(world.store);
    expectSeen(await play(c, turns(ids)), seen);
    expect(c.status).toBe(status);
    // Looking and opening change no invitation: only Accept & Authorize or Decline on its card do.
    expect(new Set((await world.store.all('invitations')).map((i) => i.status))).toEqual(new Set(['approval-pending']));
  });

  it('nothing waiting: says so and ends', async () => {
    const c = client(world.store);
    expect((await c.say('start')).text).toContain('No invitation is waiting for an answer from Contoso Ltd.');
    expect(c.status).toBe('complete');
  });

  it('the same page button clicked twice has one effect', async () => {
    await sixWaiting();
    const c = client(world.store);
    await c.say('start');
    const { formTicket } = c.tickets.dataFor(INBOX_VERBS.page);
    expect((await c.click(INBOX_VERBS.page, { page: 2 })).text).toContain('page 2 of 2');
    const twice = await c.click(INBOX_VERBS.page, { page: 2, formTicket });
    expect(twice.text).toContain('This form is no longer active');
    expect(twice.text).toContain("Type 'invitations' to start again");
  });

  it('resumes after a restart: a new adapter on the same store continues at the list', async () => {
    const ids = await sixWaiting();
    const before = client(world.store);
    await before.say('start');
    const list = before.tickets.dataFor(INBOX_VERBS.open);
    const after = client(world.store);
    const opened = await after.click(INBOX_VERBS.open, { ...list, invitationId: ids[5]! });
    expect(opened.text).toContain('Accept agreement & authorize partner');
    expect(opened.text).toContain('Security Reader');
  });

  it('speaks Spanish throughout, cancel included', async () => {
    await sixWaiting();
    const c = client(world.store, 'es-ES');
    expect((await c.say('empezar')).text).toContain('Invitaciones para Contoso Ltd');
    expect((await c.say('cancelar')).text).toContain('Se canceló la consulta de las invitaciones');
  });
});
