import { PURCHASE_OFFER_DIALOG, TRIAL_DIALOG } from '../../../src/bot/workflows/partner/offers.js';
import { PARTNER_VERBS } from '../../../src/bot/workflows/partner/verbs.js';
import { REQUEST_VERBS } from '../../../src/cards/request-card.js';
import type { Store } from '../../../src/store/store.js';
import { useBotWorld } from '../../support/bot-world.js';
import { WorkflowDialogClient } from '../../support/dialog-client.js';
import { persona } from '../../support/personas.js';
import { expectSeen, play, type Turn } from '../../support/dialog-turns.js';

const alex = persona('alex'); // Adatum admin agent
const TRIAL = { kind: 'trial', customer: 'contoso.com', services: 'teams-phone,m365-e3', includeAdmin: 'false' };
const OFFER = {
  kind: 'purchase-offer',
  customer: 'contoso.com',
  services: 'm365-e3',
  'licences-m365-e3': '25',
  includeAdmin: 'false',
};

/** OfferDialog alone (DialogTestClient), once as the trial and once as the purchase offer. */
describe('OfferDialog (DialogTestClient)', () => {
  const world = useBotWorld();
  const clients: WorkflowDialogClient[] = [];
  const client = (store: Store, dialog: string, options: object = {}, locale = 'en-US') => {
    const c = new WorkflowDialogClient(store, alex, dialog, options, {}, locale);
    clients.push(c);
    return c;
  };
  afterEach(() => clients.splice(0).forEach((c) => c.stop()));
  const invitations = async () => world.store.all('invitations');

  it.each<[string, string, Turn[], string[], number]>([
    [
      'a trial: the form, delegated admin switched on and off, then the draft',
      TRIAL_DIALOG,
      [
        ['say', 'start'],
        ['click', PARTNER_VERBS.trialRedraw, { ...TRIAL, includeAdmin: 'true' }],
        ['click', PARTNER_VERBS.trialRedraw, { ...TRIAL, includeAdmin: 'false' }],
        ['click', PARTNER_VERBS.trialSubmit, TRIAL],
      ],
      [
        'Trial invitation',
        'Helpdesk Administrator: Can reset passwords',
        'Trial invitation',
        'Trial invitation for Contoso Ltd',
      ],
      1,
    ],
    [
      'a trial refused in the form, with why, saving nothing',
      TRIAL_DIALOG,
      [
        ['say', 'start'],
        ['click', PARTNER_VERBS.trialSubmit, { ...TRIAL, services: '' }],
      ],
      ['Trial invitation', 'Choose at least one service.'],
      0,
    ],
    [
      'a purchase offer refused until the customer accepted the MCA (rule 6)',
      PURCHASE_OFFER_DIALOG,
      [
        ['say', 'start'],
        ['click', PARTNER_VERBS.offerSubmit, OFFER],
      ],
      ['Licences of Microsoft 365 E3', 'Contoso Ltd has not accepted the Microsoft Customer Agreement yet'],
      0,
    ],
    [
      'help shows what Alex can do, then the form again',
      TRIAL_DIALOG,
      [
        ['say', 'start'],
        ['say', 'help'],
      ],
      ['Trial invitation', 'Help: what you can do'],
      0,
    ],
    [
      'cancel at the form says nothing was saved',
      PURCHASE_OFFER_DIALOG,
      [
        ['say', 'start'],
        ['say', 'cancel'],
      ],
      ['Purchase offer', 'Cancelled creating a purchase offer. Nothing was saved.'],
      0,
    ],
    [
      'cancel at the draft says the trial invitation stays',
      TRIAL_DIALOG,
      [
        ['say', 'start'],
        ['click', PARTNER_VERBS.trialSubmit, TRIAL],
        ['say', 'cancel'],
      ],
      [
        'Trial invitation',
        'Trial invitation for Contoso Ltd',
        'Already saved, and kept: the trial invitation for Contoso Ltd',
      ],
      1,
    ],
    [
      "an old copy of the offer form changes nothing and names 'offer'",
      PURCHASE_OFFER_DIALOG,
      [
        ['say', 'start'],
        ['click', PARTNER_VERBS.offerSubmit, { ...OFFER, formTicket: 'an-old-card' }],
      ],
      [
        'Purchase offer',
        "Nothing was changed: this card belongs to a step that ended or moved on. Type 'offer' to start again.",
      ],
      0,
    ],
    [
      "the trial's button on an offer's step is not the offer's",
      PURCHASE_OFFER_DIALOG,
      [
        ['say', 'start'],
        ['click', PARTNER_VERBS.trialSubmit, TRIAL],
      ],
      ['Purchase offer', 'This form is no longer active'],
      0,
    ],
  ])('%s', async (_name, dialog, turns, seen, saved) => {
    expectSeen(await play(client(world.store, dialog), turns), seen);
    expect(await invitations()).toHaveLength(saved);
  });

  it("the kind is the dialog's own: a trial form whose data says purchase offer still sends a trial", async () => {
    const c = client(world.store, TRIAL_DIALOG);
    await c.say('start');
    const draft = await c.click(PARTNER_VERBS.trialSubmit, { ...TRIAL, kind: 'purchase-offer' });
    expect(draft.text).toContain('Trial invitation for Contoso Ltd');
    expect((await invitations()).map((i) => i.kind)).toEqual(['trial']);
  });

  it('a trial reminder opens the offer form filled in with its customer and services', async () => {
    const values = { customer: 'contoso.com', services: 'teams-phone,m365-e3' };
    const { text, cards } = await client(world.store, PURCHASE_OFFER_DIALOG, { values }).say('start');
    expect(text).toContain('Licences of Teams Phone');
    expect(JSON.stringify(cards)).toContain('"value":"contoso.com"');
  });

  it('the same card submitted twice has one effect', async () => {
    const c = client(world.store, TRIAL_DIALOG);
    await c.say('start');
    const { formTicket } = c.tickets.dataFor(PARTNER_VERBS.trialSubmit);
    await c.click(PARTNER_VERBS.trialSubmit, TRIAL);
    const twice = await c.click(PARTNER_VERBS.trialSubmit, { ...TRIAL, formTicket });
    expect(twice.text).toContain("Type 'trial' to start again");
    expect(await invitations()).toHaveLength(1);
  });

  it('resumes after a restart: a new adapter on the same store sends the draft the first one showed', async () => {
    const before = client(world.store, TRIAL_DIALOG);
    await before.say('start');
    const draft = await before.click(PARTNER_VERBS.trialSubmit, TRIAL);
    const link = /http:\/\/localhost:3978\/invite\/[A-Z2-7]{32}/.exec(draft.text)![0];
    const [invitation] = await invitations();
    const done = before.tickets.dataFor(REQUEST_VERBS.done);

    const after = client(world.store, TRIAL_DIALOG);
    const sent = await after.click(REQUEST_VERBS.done, {
      ...done,
      invitationId: invitation!.id,
      token: link.split('/').pop(),
      subject: 'Try Teams Phone',
      body: link,
    });
    expect(sent.text).toContain('Invitation sent to Contoso Ltd');
  });

  it('speaks Spanish throughout, cancel included', async () => {
    const c = client(world.store, TRIAL_DIALOG, {}, 'es-ES');
    expect((await c.say('empezar')).text).toContain('Invitación de prueba');
    expect((await c.say('cancelar')).text).toContain('Se canceló la creación de una invitación de prueba');
  });
});
