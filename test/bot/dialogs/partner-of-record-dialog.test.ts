import {
  PARTNER_OF_RECORD_DIALOG,
  PARTNER_OF_RECORD_VERB,
} from '../../../src/bot/workflows/customer/partner-of-record.js';
import { DEMO_TENANTS } from '../../../src/store/demo-world.js';
import type { Store } from '../../../src/store/store.js';
import { useBotWorld } from '../../support/bot-world.js';
import { WorkflowDialogClient } from '../../support/dialog-client.js';
import { expectSeen, play, type Turn } from '../../support/dialog-turns.js';
import { persona } from '../../support/personas.js';

const carmen = persona('carmen'); // Contoso global admin
const LITWARE = { relationshipId: 'rel-litware-contoso' };

/** The partner of record dialog alone (DialogTestClient): what Carmen does and what each turn shows. */
describe('PartnerOfRecordDialog (DialogTestClient)', () => {
  const world = useBotWorld();
  const clients: WorkflowDialogClient[] = [];
  const client = (store: Store, locale = 'en-US') => {
    const c = new WorkflowDialogClient(store, carmen, PARTNER_OF_RECORD_DIALOG, {}, {}, locale);
    clients.push(c);
    return c;
  };
  afterEach(() => clients.splice(0).forEach((c) => c.stop()));
  const designated = async () => (await world.store.get('partnersOfRecord', DEMO_TENANTS.contoso))?.partnerTenantId;

  it.each<[string, Turn[], string[], string | undefined]>([
    [
      'the picker, then Litware designated',
      [
        ['say', 'start'],
        ['click', PARTNER_OF_RECORD_VERB, LITWARE],
      ],
      ['You have not designated a partner of record yet.', 'Litware Solutions is your partner of record'],
      DEMO_TENANTS.litware,
    ],
    [
      "another organisation's relationship is refused, changing nothing",
      [
        ['say', 'start'],
        ['click', PARTNER_OF_RECORD_VERB, { relationshipId: 'rel-adatum-fabrikam' }],
      ],
      ['Designate Litware Solutions', "That relationship is not one of your organisation's."],
      undefined,
    ],
    [
      'help shows what Carmen can do, then the picker again',
      [
        ['say', 'start'],
        ['say', 'help'],
      ],
      ['Partner of record of Contoso Ltd', 'Help: what you can do'],
      undefined,
    ],
    [
      'cancel ends it and says nothing was saved',
      [
        ['say', 'start'],
        ['say', 'cancel'],
      ],
      ['Partner of record of Contoso Ltd', 'Cancelled designating a partner of record. Nothing was saved.'],
      undefined,
    ],
    [
      'an old copy of the picker changes nothing',
      [
        ['say', 'start'],
        ['click', PARTNER_OF_RECORD_VERB, { ...LITWARE, formTicket: 'an-old-card' }],
      ],
      ['Partner of record of Contoso Ltd', 'This form is no longer active'],
      undefined,
    ],
    [
      'once Litware is designated there is no other partner to pick: the picker says so and ends',
      [
        ['say', 'start'],
        ['click', PARTNER_OF_RECORD_VERB, LITWARE],
        ['say', 'start'],
      ],
      ['Designate Litware Solutions', 'Litware Solutions is your partner of record', 'No other partner'],
      DEMO_TENANTS.litware,
    ],
  ])('%s', async (_name, turns, seen, partner) => {
    expectSeen(await play(client(world.store), turns), seen);
    expect(await designated()).toBe(partner);
  });

  it('resumes after a restart: a new adapter on the same store continues at the picker', async () => {
    const before = client(world.store);
    await before.say('start');
    const picker = before.tickets.dataFor(PARTNER_OF_RECORD_VERB);
    const after = client(world.store);
    const done = await after.click(PARTNER_OF_RECORD_VERB, { ...picker, ...LITWARE });
    expect(done.text).toContain('Litware Solutions is your partner of record');
    expect(await designated()).toBe(DEMO_TENANTS.litware);
  });

  it('speaks Spanish throughout, cancel included', async () => {
    const c = client(world.store, 'es-ES');
    expect((await c.say('empezar')).text).toContain('Socio de registro de Contoso Ltd');
    expect((await c.say('cancelar')).text).toContain('Se canceló la designación de un socio de registro');
  });
});
