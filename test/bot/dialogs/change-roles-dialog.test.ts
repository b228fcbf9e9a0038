import { CHANGE_ROLES_DIALOG } from '../../../src/bot/workflows/partner/change-roles.js';
import { PARTNER_VERBS } from '../../../src/bot/workflows/partner/verbs.js';
import type { Store } from '../../../src/store/store.js';
import { useBotWorld } from '../../support/bot-world.js';
import { WorkflowDialogClient } from '../../support/dialog-client.js';
import { ADATUM_CONTOSO, adatumContoso, alex, daysFromNow, partnerWorld } from '../workflows/partner/partner-world.js';
import { expectSeen, play, type Turn } from '../../support/dialog-turns.js';

const V = PARTNER_VERBS;
const CONTOSO = { relationshipId: ADATUM_CONTOSO };
const CHANGE = {
  ...CONTOSO,
  roles: 'helpdesk-administrator,user-administrator',
  durationDays: '180',
  autoExtend: 'false',
};
const TO_REVIEW: Turn[] = [
  ['say', 'start'],
  ['click', V.changeRoles, CONTOSO],
  ['click', V.reviewRoles, CHANGE],
];

/** ChangeRolesDialog alone (DialogTestClient): list → role form → review → draft, as Alex of Adatum. */
describe('ChangeRolesDialog (DialogTestClient)', () => {
  // A provider's two-tier access is not a customer relationship whose roles change here: never listed.
  const provider = { ...adatumContoso(), id: 'rel-provider', types: ['indirect-provider' as const] };
  const world = useBotWorld(() => partnerWorld({ relationships: [adatumContoso(), provider] }));
  const clients: WorkflowDialogClient[] = [];
  const client = (store: Store, locale = 'en-US') => {
    const c = new WorkflowDialogClient(store, alex, CHANGE_ROLES_DIALOG, {}, {}, locale);
    clients.push(c);
    return c;
  };
  afterEach(() => clients.splice(0).forEach((c) => c.stop()));
  const invitations = async () => world.store.all('invitations');

  it.each<[string, Turn[], string[], number]>([
    [
      'the list, the form, the review, then the draft',
      [...TO_REVIEW, ['click', V.sendRoles, CONTOSO]],
      [
        'Contoso Ltd (contoso.com)',
        'Change admin roles for Contoso Ltd',
        'New admin roles for Contoso Ltd',
        'Invitation for Contoso Ltd',
      ],
      1,
    ],
    [
      'a refusal in the review redraws the form with why, and saves nothing',
      [
        ['say', 'start'],
        ['click', V.changeRoles, CONTOSO],
        ['click', V.reviewRoles, { ...CHANGE, roles: '' }],
      ],
      ['Change admin roles', 'Change admin roles for Contoso Ltd', 'Choose at least one admin role'],
      0,
    ],
    [
      'Back on the form returns to the list',
      [
        ['say', 'start'],
        ['click', V.changeRoles, CONTOSO],
        ['click', V.rolesBack],
      ],
      ['Change admin roles', 'Change admin roles for Contoso Ltd', 'Choose the customer whose admin roles'],
      0,
    ],
    [
      '"Change the roles" on the review returns to the form, and a second review sends',
      [...TO_REVIEW, ['click', V.rolesBack], ['click', V.reviewRoles, CHANGE], ['click', V.sendRoles, CONTOSO]],
      [
        '',
        '',
        'New admin roles',
        'Change admin roles for Contoso Ltd',
        'New admin roles',
        'Invitation for Contoso Ltd',
      ],
      1,
    ],
    [
      'a relationship of its own that the list did not show is refused and nothing is saved',
      [
        ['say', 'start'],
        ['click', V.changeRoles, { relationshipId: 'rel-provider' }],
      ],
      ['Change admin roles', "That relationship is not one of your organisation's"],
      0,
    ],
    [
      'Send naming another relationship than the one reviewed is refused',
      [...TO_REVIEW, ['click', V.sendRoles, { relationshipId: 'rel-adatum-fabrikam' }]],
      ['', '', 'New admin roles', "That relationship is not one of your organisation's"],
      0,
    ],
    [
      'help at the review shows what Alex can do, then the review again',
      [...TO_REVIEW, ['say', 'help']],
      ['', '', 'New admin roles', 'Help: what you can do'],
      0,
    ],
    [
      'cancel at the form says nothing was saved',
      [
        ['say', 'start'],
        ['click', V.changeRoles, CONTOSO],
        ['say', 'cancel'],
      ],
      ['', '', 'Cancelled changing admin roles. Nothing was saved.'],
      0,
    ],
    [
      'cancel at the draft says the request stays',
      [...TO_REVIEW, ['click', V.sendRoles, CONTOSO], ['say', 'cancel']],
      ['', '', '', '', 'Already saved, and kept: the request for new roles to Contoso Ltd'],
      1,
    ],
    [
      'an old copy of the review, once the draft is shown, changes nothing',
      [...TO_REVIEW, ['click', V.sendRoles, CONTOSO], ['click', V.sendRoles, { ...CONTOSO, formTicket: 'old' }]],
      ['', '', '', 'Invitation for Contoso Ltd', 'This form is no longer active'],
      1,
    ],
  ])('%s', async (_name, turns, seen, saved) => {
    expectSeen(await play(client(world.store), turns), seen);
    expect(await invitations()).toHaveLength(saved);
  });

  it('Back keeps what was typed: the form shows the roles and duration of the review', async () => {
    const c = client(world.store);
    await play(c, TO_REVIEW);
    const form = await c.click(V.rolesBack);
    expect(JSON.stringify(form.cards)).toContain('"value":"180"');
    expect(JSON.stringify(form.cards)).toContain('helpdesk-administrator,user-administrator');
  });

  it('the same Send clicked twice has one effect', async () => {
    const c = client(world.store);
    await play(c, TO_REVIEW);
    const { formTicket } = c.tickets.dataFor(V.sendRoles);
    await c.click(V.sendRoles, CONTOSO);
    const twice = await c.click(V.sendRoles, { ...CONTOSO, formTicket });
    expect(twice.text).toContain("Type 'change roles' to start again");
    expect(await invitations()).toHaveLength(1);
  });

  it('resumes after a restart: a new adapter on the same store sends the review the first one showed', async () => {
    const before = client(world.store);
    await play(before, TO_REVIEW);
    const review = before.tickets.dataFor(V.sendRoles);
    const after = client(world.store);
    expect((await after.click(V.sendRoles, { ...CONTOSO, ...review })).text).toContain('Invitation for Contoso Ltd');
    expect(await invitations()).toHaveLength(1);
  });

  it('speaks Spanish throughout, cancel included', async () => {
    const c = client(world.store, 'es-ES');
    expect((await c.say('empezar')).text).toContain('Cambiar roles de administrador');
    expect((await c.say('cancelar')).text).toContain('Se canceló el cambio de roles de administrador');
  });
});

describe('ChangeRolesDialog: a list longer than a page', () => {
  // Seven relationships with Contoso: the list shows five, Next the other two.
  const extra = Array.from({ length: 6 }, (_, i) => ({
    ...adatumContoso(),
    id: `rel-adatum-contoso-${i + 2}`,
    createdAt: daysFromNow(-10 - i),
  }));
  const world = useBotWorld(() => partnerWorld({ relationships: [adatumContoso(), ...extra] }));

  it('pages with Next and Previous in the same step, and a relationship of page 2 opens its form', async () => {
    const c = new WorkflowDialogClient(world.store, alex, CHANGE_ROLES_DIALOG);
    try {
      const first = await c.say('start');
      expect(first.text).toContain('(page 1 of 2)');
      const { formTicket } = c.tickets.dataFor(V.pickCustomer);
      const second = await c.click(V.pickCustomer, { page: 2 });
      expect(second.text).toContain('(page 2 of 2)');
      // The first page's card moved on with the step.
      const back = await c.click(V.pickCustomer, { page: 2, formTicket });
      expect(back.text).toContain('This form is no longer active');
      const onPageTwo = JSON.stringify(second.cards).match(/rel-adatum-contoso-\d/)![0];
      const form = await c.click(V.changeRoles, { relationshipId: onPageTwo });
      expect(form.text).toContain('Change admin roles for Contoso Ltd');
    } finally {
      c.stop();
    }
  });
});
