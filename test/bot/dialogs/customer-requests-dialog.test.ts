import { CUSTOMER_REQUESTS_DIALOG } from '../../../src/bot/workflows/partner/customer-requests-dialog.js';
import { DAY_TWO_VERBS as VERBS } from '../../../src/bot/workflows/partner/day-two-verbs.js';
import { DEMO_TENANTS } from '../../../src/store/demo-world.js';
import type { NewRecord, Store } from '../../../src/store/store.js';
import { useBotWorld } from '../../support/bot-world.js';
import { WorkflowDialogClient } from '../../support/dialog-client.js';
import { expectSeen, play, type Turn } from '../../support/dialog-turns.js';
import { NOW } from '../../support/world.js';
import { persona } from '../../support/personas.js';
import { ADATUM_CONTOSO, adatumContoso, partnerWorld } from '../workflows/partner/partner-world.js';

const alex = persona('alex'); // Adatum admin agent
const carmen = persona('carmen'); // Contoso global admin

function request(kind: 'end-relationship' | 'remove-roles', status = 'open'): NewRecord<'customerRequests'> {
  return {
    id: `request-${kind}`,
    relationshipId: ADATUM_CONTOSO,
    partnerTenantId: DEMO_TENANTS.adatum,
    customerTenantId: DEMO_TENANTS.contoso,
    kind,
    roles: kind === 'remove-roles' ? ['license-administrator'] : [],
    note: 'Before the audit, please',
    status: status as 'open',
    createdBy: { userId: carmen.id, name: carmen.name, tenantId: carmen.tenantId },
    createdAt: NOW.toISOString(),
  };
}

const open = (requestId: string): Turn => ['click', VERBS.requestsList, { requestId }];

/** CustomerRequestsDialog alone (DialogTestClient): the list of open requests → the card of the one opened. */
describe('CustomerRequestsDialog (DialogTestClient)', () => {
  const world = useBotWorld(() => ({
    ...partnerWorld({ relationships: [adatumContoso()] }),
    customerRequests: [request('end-relationship'), request('remove-roles')],
  }));
  const clients: WorkflowDialogClient[] = [];
  const client = (store: Store, locale = 'en-US') => {
    const c = new WorkflowDialogClient(store, alex, CUSTOMER_REQUESTS_DIALOG, {}, {}, locale);
    clients.push(c);
    return c;
  };
  afterEach(() => clients.splice(0).forEach((c) => c.stop()));
  /** Opening a request answers nothing: every row leaves both open, and the relationship as it was. */
  const untouched = async () => {
    const statuses = (await world.store.all('customerRequests')).map((r) => r.status);
    expect(statuses).toEqual(['open', 'open']);
    expect((await world.store.get('relationships', ADATUM_CONTOSO))?.status).toBe('active');
  };

  it.each<[string, Turn[], string[]]>([
    [
      'the list, then the card of the request opened, with its note and buttons',
      [['say', 'start'], open('request-remove-roles')],
      [
        'To remove these admin roles: License Administrator.',
        'Their message: Before the audit, please\nReason, if you decline',
      ],
    ],
    [
      'nothing opened: the list once more',
      [['say', 'start'], open('')],
      ['Customer requests', 'To end the relationship.'],
    ],
    [
      'a request that is not Adatum’s is not found',
      [['say', 'start'], open('request-of-someone-else')],
      ['Customer requests', "That relationship is not one of your organisation's."],
    ],
    [
      'help shows what Alex can do, then the list again',
      [
        ['say', 'start'],
        ['say', 'help'],
      ],
      ['Customer requests', 'Help: what you can do'],
    ],
    [
      'cancel says nothing was saved',
      [
        ['say', 'start'],
        ['say', 'cancel'],
      ],
      ['Customer requests', 'Cancelled answering customer requests. Nothing was saved.'],
    ],
    [
      'an old copy of the list changes nothing',
      [
        ['say', 'start'],
        ['click', VERBS.requestsList, { requestId: 'request-end-relationship', formTicket: 'old' }],
      ],
      ['Customer requests', "Type 'customer requests' to start again."],
    ],
  ])('%s', async (_name, turns, seen) => {
    expectSeen(await play(client(world.store), turns), seen);
    await untouched();
  });

  it('the card opened has the buttons that answer it', async () => {
    const c = client(world.store);
    await c.say('start');
    const { cards } = await c.click(VERBS.requestsList, { requestId: 'request-end-relationship' });
    const card = JSON.stringify(cards);
    for (const verb of [VERBS.requestAct, VERBS.requestDecline]) expect(card).toContain(`"verb":"${verb}"`);
    expect(card).toContain('"requestId":"request-end-relationship"');
  });

  it('a request answered meanwhile says who answered it', async () => {
    const c = client(world.store);
    await c.say('start');
    await world.store.transaction(async (tx) => {
      const answered = await tx.get('customerRequests', 'request-end-relationship');
      tx.update('customerRequests', {
        ...answered!,
        status: 'declined',
        decidedBy: { ...answered!.createdBy, name: 'Grace', at: NOW.toISOString() },
      });
    });
    const { text } = await c.click(VERBS.requestsList, { requestId: 'request-end-relationship' });
    expect(text).toContain('This request was already answered (Grace).');
  });

  it('resumes after a restart: a new adapter on the same store opens from the list shown before', async () => {
    const before = client(world.store);
    await before.say('start');
    const list = before.tickets.dataFor(VERBS.requestsList);
    const opened = await client(world.store).click(VERBS.requestsList, { ...list, requestId: 'request-remove-roles' });
    expect(opened.text).toContain('Request from Contoso Ltd');
    await untouched();
  });

  it('speaks Spanish throughout, cancel included', async () => {
    const c = client(world.store, 'es-ES');
    expect((await c.say('empezar')).text).toContain('Contoso Ltd');
    expect((await c.say('cancelar')).text).toContain('Se canceló la respuesta a las solicitudes de clientes');
  });
});

describe('CustomerRequestsDialog with no open request', () => {
  const world = useBotWorld(() => ({ ...partnerWorld(), customerRequests: [request('end-relationship', 'done')] }));

  it('says so and ends', async () => {
    const c = new WorkflowDialogClient(world.store, alex, CUSTOMER_REQUESTS_DIALOG);
    try {
      expect((await c.say('start')).text).toContain('No customer has an open request for Adatum Cloud Partners.');
      expect(c.status).toBe('complete');
    } finally {
      c.stop();
    }
  });
});
