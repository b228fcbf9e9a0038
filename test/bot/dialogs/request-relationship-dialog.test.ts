import { REQUEST_VERBS } from '../../../src/cards/request-card.js';
import { REQUEST_RELATIONSHIP_DIALOG } from '../../../src/bot/workflows/partner/request-relationship.js';
import type { Store } from '../../../src/store/store.js';
import { useBotWorld } from '../../support/bot-world.js';
import { WorkflowDialogClient } from '../../support/dialog-client.js';
import { persona } from '../../support/personas.js';

const alex = persona('alex'); // Adatum admin agent

const GRANULAR = {
  customer: 'contoso.com',
  relationship: 'reseller',
  includeAdmin: 'true',
  roles: 'helpdesk-administrator',
  legacy: 'false',
  durationDays: '180',
  autoExtend: 'false',
};

type Turn = ['say', string] | ['click', string, Record<string, unknown>?];

/** RequestRelationshipDialog alone (DialogTestClient): each row is what Alex does and what each turn shows. */
describe('RequestRelationshipDialog (DialogTestClient)', () => {
  const world = useBotWorld();
  const clients: WorkflowDialogClient[] = [];
  const client = (store: Store, locale = 'en-US') => {
    const c = new WorkflowDialogClient(store, alex, REQUEST_RELATIONSHIP_DIALOG, {}, {}, locale);
    clients.push(c);
    return c;
  };
  afterEach(() => clients.splice(0).forEach((c) => c.stop()));
  const invitations = async () => (await world.store.all('invitations')).length;

  it.each<[string, Turn[], string[], number]>([
    [
      'the form, delegated admin switched on, then the draft',
      [
        ['say', 'start'],
        ['click', REQUEST_VERBS.form, { customer: 'contoso.com', includeAdmin: 'true' }],
        ['click', REQUEST_VERBS.submit, GRANULAR],
      ],
      ['Request a reseller relationship', 'Helpdesk Administrator: Can reset passwords', 'Invitation for Contoso Ltd'],
      1,
    ],
    [
      'a refusal redraws the form with what was typed and saves nothing',
      [
        ['say', 'start'],
        ['click', REQUEST_VERBS.submit, { ...GRANULAR, durationDays: '0' }],
      ],
      ['Request a reseller relationship', 'from 1 to 730'],
      0,
    ],
    [
      'help shows what Alex can do, then the form again',
      [
        ['say', 'start'],
        ['say', 'help'],
      ],
      ['Request a reseller relationship', 'Help: what you can do'],
      0,
    ],
    [
      'cancel ends it and says nothing was saved',
      [
        ['say', 'start'],
        ['say', 'cancel'],
      ],
      ['Request a reseller relationship', 'Cancelled requesting a reseller relationship. Nothing was saved.'],
      0,
    ],
    [
      'cancel at the draft says the invitation stays',
      [
        ['say', 'start'],
        ['click', REQUEST_VERBS.submit, GRANULAR],
        ['say', 'cancel'],
      ],
      ['Request a reseller relationship', 'Invitation for Contoso Ltd', 'the invitation for Contoso Ltd'],
      1,
    ],
    [
      'text that is not a command points at the open form',
      [
        ['say', 'start'],
        ['say', 'contoso please'],
      ],
      ['Request a reseller relationship', 'the request form above is still open'],
      0,
    ],
    [
      'an old copy of the form, after the draft was shown, changes nothing',
      [
        ['say', 'start'],
        ['click', REQUEST_VERBS.submit, GRANULAR],
        ['click', REQUEST_VERBS.submit, { ...GRANULAR, formTicket: 'an-old-card' }],
      ],
      ['Request a reseller relationship', 'Invitation for Contoso Ltd', 'This form is no longer active'],
      1,
    ],
  ])('%s', async (_name, turns, seen, saved) => {
    const c = client(world.store);
    const shown: string[] = [];
    for (const [kind, what, data] of turns) {
      shown.push((kind === 'say' ? await c.say(what) : await c.click(what, data)).text);
    }
    seen.forEach((text, i) => expect([i, shown[i]]).toEqual([i, expect.stringContaining(text)]));
    expect(await invitations()).toBe(saved);
  });

  it('the same card submitted twice has one effect', async () => {
    const c = client(world.store);
    await c.say('start');
    const { formTicket } = c.tickets.dataFor(REQUEST_VERBS.submit);
    await c.click(REQUEST_VERBS.submit, GRANULAR);
    const twice = await c.click(REQUEST_VERBS.submit, { ...GRANULAR, formTicket });
    expect(twice.text).toContain('This form is no longer active');
    expect(twice.text).toContain("Type 'request relationship' to start again");
    expect(await invitations()).toBe(1);
  });

  it('resumes after a restart: a new adapter on the same store continues at the draft', async () => {
    const before = client(world.store);
    await before.say('start');
    const shown = await before.click(REQUEST_VERBS.submit, GRANULAR);
    const draft = before.tickets.dataFor(REQUEST_VERBS.done);
    const [invitation] = await world.store.all('invitations');
    const token = /"token":"(?<t>[A-Z2-7]{32})"/.exec(JSON.stringify(shown.cards))?.groups?.t;
    expect(token).toBeDefined();
    // The one-time link is on the card only: the dialog state kept in the store holds neither it nor the card.
    expect(JSON.stringify(await world.store.all('state'))).not.toContain(token!);

    const after = client(world.store);
    const link = `http://localhost:3978/invite/${token}`;
    const sent = await after.click(REQUEST_VERBS.done, {
      ...draft,
      invitationId: invitation!.id,
      token,
      subject: 'Hi',
      body: `Please accept: ${link}`,
    });
    expect(sent.text).toContain('Invitation sent to Contoso Ltd');
  });

  it('speaks Spanish throughout, cancel included', async () => {
    const c = client(world.store, 'es-ES');
    expect((await c.say('empezar')).text).toContain('Incluir privilegios de administración delegados');
    expect((await c.say('cancelar')).text).toContain('Se canceló la solicitud de una relación de revendedor');
  });
});
