import { ACCEPT_MCA_DIALOG, MCA_VERB } from '../../../src/bot/workflows/customer/accept-mca.js';
import { DEMO_TENANTS } from '../../../src/store/demo-world.js';
import type { Store } from '../../../src/store/store.js';
import { useBotWorld } from '../../support/bot-world.js';
import { WorkflowDialogClient } from '../../support/dialog-client.js';
import { expectSeen, play, type Turn } from '../../support/dialog-turns.js';
import { persona } from '../../support/personas.js';

const carmen = persona('carmen'); // Contoso global admin
const TICKED = { confirmed: 'true' };

/** AcceptMcaDialog alone (DialogTestClient): each row is what Carmen does and what each turn shows. */
describe('AcceptMcaDialog (DialogTestClient)', () => {
  const world = useBotWorld();
  const clients: WorkflowDialogClient[] = [];
  const client = (store: Store, locale = 'en-US') => {
    const c = new WorkflowDialogClient(store, carmen, ACCEPT_MCA_DIALOG, {}, {}, locale);
    clients.push(c);
    return c;
  };
  afterEach(() => clients.splice(0).forEach((c) => c.stop()));
  const accepted = async () => (await world.store.findBy('agreements', 'tenant', DEMO_TENANTS.contoso)).length;

  it.each<[string, Turn[], string[], number]>([
    [
      'the agreement, ticked and accepted',
      [
        ['say', 'start'],
        ['click', MCA_VERB, TICKED],
      ],
      ['the partner cannot make purchases', 'Carmen Navarro accepted the Microsoft Customer Agreement for Contoso Ltd'],
      1,
    ],
    [
      'without the tick the same agreement comes back saying so, and nothing is saved',
      [
        ['say', 'start'],
        ['click', MCA_VERB, { confirmed: 'false' }],
      ],
      ['Accept the Microsoft Customer Agreement', 'Tick the box first'],
      0,
    ],
    [
      'help shows what Carmen can do, then the agreement again',
      [
        ['say', 'start'],
        ['say', 'help'],
      ],
      ['Accept the Microsoft Customer Agreement', 'Help: what you can do'],
      0,
    ],
    [
      'cancel ends it and says nothing was saved',
      [
        ['say', 'start'],
        ['say', 'cancel'],
      ],
      [
        'Accept the Microsoft Customer Agreement',
        'Cancelled accepting the Microsoft Customer Agreement. Nothing was saved.',
      ],
      0,
    ],
    [
      'an old copy of the agreement changes nothing',
      [
        ['say', 'start'],
        ['click', MCA_VERB, { ...TICKED, formTicket: 'an-old-card' }],
      ],
      ['Accept the Microsoft Customer Agreement', 'This form is no longer active'],
      0,
    ],
    [
      'once accepted, starting again says who accepted it and when',
      [
        ['say', 'start'],
        ['click', MCA_VERB, TICKED],
        ['say', 'start'],
      ],
      ['Accept the Microsoft Customer Agreement', 'accepted the Microsoft Customer Agreement', 'already accepted by'],
      1,
    ],
  ])('%s', async (_name, turns, seen, saved) => {
    expectSeen(await play(client(world.store), turns), seen);
    expect(await accepted()).toBe(saved);
  });

  it('the same card submitted twice has one effect: the redrawn card is the one that counts', async () => {
    const c = client(world.store);
    await c.say('start');
    const { formTicket } = c.tickets.dataFor(MCA_VERB);
    expect((await c.click(MCA_VERB, { confirmed: 'false' })).text).toContain('Tick the box first');
    const twice = await c.click(MCA_VERB, { ...TICKED, formTicket });
    expect(twice.text).toContain('This form is no longer active');
    expect(twice.text).toContain("Type 'accept mca' to start again");
    expect(await accepted()).toBe(0);
    expect((await c.click(MCA_VERB, TICKED)).text).toContain('Carmen Navarro accepted');
    expect(await accepted()).toBe(1);
  });

  it('resumes after a restart: a new adapter on the same store continues at the agreement', async () => {
    const before = client(world.store);
    await before.say('start');
    const card = before.tickets.dataFor(MCA_VERB);
    const after = client(world.store);
    expect((await after.click(MCA_VERB, { ...card, ...TICKED })).text).toContain('Carmen Navarro accepted');
    expect(await accepted()).toBe(1);
  });

  it('speaks Spanish throughout, cancel included', async () => {
    const c = client(world.store, 'es-ES');
    expect((await c.say('empezar')).text).toContain('Aceptar el Contrato de cliente de Microsoft');
    expect((await c.say('cancelar')).text).toContain('Se canceló la aceptación del Contrato de cliente de Microsoft');
  });
});
