import { ASK_BACK_VERB, ASK_PARTNER_DIALOG } from '../../../src/bot/workflows/customer/ask-partner.js';
import { DAY_TWO_VERBS as VERBS } from '../../../src/bot/workflows/partner/day-two-verbs.js';
import type { Store } from '../../../src/store/store.js';
import { useBotWorld } from '../../support/bot-world.js';
import { WorkflowDialogClient } from '../../support/dialog-client.js';
import { expectSeen, play, type Turn } from '../../support/dialog-turns.js';
import { persona } from '../../support/personas.js';
import { ADATUM_CONTOSO, adatumContoso, partnerWorld } from '../workflows/partner/partner-world.js';

const carmen = persona('carmen'); // Contoso global admin

const PICKED = { relationshipId: ADATUM_CONTOSO };
const ASK = {
  relationshipId: ADATUM_CONTOSO,
  kind: 'remove-roles',
  roles: 'license-administrator',
  note: 'We buy our licences directly now',
};

/** AskPartnerDialog alone (DialogTestClient): each row is what Carmen does and what each turn shows. */
describe('AskPartnerDialog (DialogTestClient)', () => {
  const world = useBotWorld(() => partnerWorld({ relationships: [adatumContoso()] }));
  const clients: WorkflowDialogClient[] = [];
  const client = (store: Store, locale = 'en-US') => {
    const c = new WorkflowDialogClient(store, carmen, ASK_PARTNER_DIALOG, {}, {}, locale);
    clients.push(c);
    return c;
  };
  afterEach(() => clients.splice(0).forEach((c) => c.stop()));
  const requests = async () => (await world.store.all('customerRequests')).length;

  it.each<[string, Turn[], string[], number]>([
    [
      'the partner, the request, then it is sent',
      [
        ['say', 'start'],
        ['click', VERBS.askForm, PICKED],
        ['click', VERBS.askSend, ASK],
      ],
      ['Adatum Cloud Partners: Reseller', 'holds these admin roles', 'Request sent to Adatum Cloud Partners'],
      1,
    ],
    [
      'Next without a partner asks for one again',
      [
        ['say', 'start'],
        ['click', VERBS.askForm, { relationshipId: '' }],
      ],
      ['Ask a partner', 'Ask a partner to end its relationship'],
      0,
    ],
    [
      'a refusal redraws the request with what was typed and saves nothing',
      [
        ['say', 'start'],
        ['click', VERBS.askForm, PICKED],
        ['click', VERBS.askSend, { ...ASK, roles: '' }],
      ],
      ['Ask a partner', 'holds these admin roles', "Choose at least one of the partner's admin roles to remove."],
      0,
    ],
    [
      'a card naming another relationship than the one picked is refused',
      [
        ['say', 'start'],
        ['click', VERBS.askForm, PICKED],
        ['click', VERBS.askSend, { ...ASK, relationshipId: 'rel-litware-contoso' }],
      ],
      ['Ask a partner', 'holds these admin roles', 'What do you ask Adatum Cloud Partners?'],
      0,
    ],
    [
      'Back goes to the partner as picked, and Next to the request as it was typed',
      [
        ['say', 'start'],
        ['click', VERBS.askForm, PICKED],
        ['click', VERBS.askSend, { ...ASK, kind: 'nonsense' }],
        ['click', ASK_BACK_VERB],
        ['click', VERBS.askForm, PICKED],
      ],
      ['Ask a partner', 'holds these admin roles', 'Choose what to ask.', 'Adatum Cloud Partners: Reseller', ASK.note],
      0,
    ],
    [
      'help at the request shows what Carmen can do, then the request again',
      [
        ['say', 'start'],
        ['click', VERBS.askForm, PICKED],
        ['say', 'help'],
      ],
      ['Ask a partner', 'holds these admin roles', 'Help: what you can do'],
      0,
    ],
    [
      'cancel ends it and says nothing was saved',
      [
        ['say', 'start'],
        ['click', VERBS.askForm, PICKED],
        ['say', 'cancel'],
      ],
      [
        'Ask a partner',
        'holds these admin roles',
        'Cancelled asking a partner to end the relationship or remove roles. Nothing was saved.',
      ],
      0,
    ],
    [
      'the partner choice, once the request form is shown, changes nothing',
      [
        ['say', 'start'],
        ['click', VERBS.askForm, PICKED],
        ['click', VERBS.askForm, { ...PICKED, formTicket: 'an-old-card' }],
      ],
      ['Ask a partner', 'holds these admin roles', 'This form is no longer active'],
      0,
    ],
  ])('%s', async (_name, turns, seen, saved) => {
    const shown = await play(client(world.store), turns);
    expectSeen(shown, seen);
    expect(await requests()).toBe(saved);
  });

  it('Back shows the partner choice with the partner picked before', async () => {
    const c = client(world.store);
    const chosen = (seen: { cards: unknown[] }) =>
      JSON.stringify(seen.cards).match(/"type":"Input.ChoiceSet","id":"relationshipId[^"]*"[^}]*?"value":"(?<v>[^"]*)"/)
        ?.groups?.v;
    expect(chosen(await c.say('start'))).toBe('');
    await c.click(VERBS.askForm, PICKED);
    expect(chosen(await c.click(ASK_BACK_VERB))).toBe(ADATUM_CONTOSO);
  });

  it('the same partner choice submitted twice has one effect', async () => {
    const c = client(world.store);
    await c.say('start');
    const { formTicket } = c.tickets.dataFor(VERBS.askForm);
    await c.click(VERBS.askForm, PICKED);
    const twice = await c.click(VERBS.askForm, { ...PICKED, formTicket });
    expect(twice.text).toContain('This form is no longer active');
    expect(twice.text).toContain("Type 'ask partner' to start again");
    expect((await c.click(VERBS.askSend, ASK)).text).toContain('Request sent to Adatum Cloud Partners');
    expect(await requests()).toBe(1);
  });

  it('resumes after a restart: a new adapter on the same store continues at the request', async () => {
    const before = client(world.store);
    await before.say('start');
    await before.click(VERBS.askForm, PICKED);
    const form = before.tickets.dataFor(VERBS.askSend);
    const after = client(world.store);
    expect((await after.click(VERBS.askSend, { ...form, ...ASK })).text).toContain('Request sent to Adatum');
    expect(await requests()).toBe(1);
  });

  it('speaks Spanish throughout, cancel included', async () => {
    const c = client(world.store, 'es-ES');
    expect((await c.say('empezar')).text).toContain('Pedir a un partner');
    expect((await c.say('cancelar')).text).toContain('Se canceló la petición a un partner');
  });
});
