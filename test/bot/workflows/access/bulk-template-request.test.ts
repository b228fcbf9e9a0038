import { ACCESS_VERBS } from '../../../../src/bot/workflows/access/verbs.js';
import { FOUR_EYES_VERBS } from '../../../../src/cards/four-eyes-card.js';
import { REQUEST_VERBS } from '../../../../src/cards/request-card.js';
import { DEMO_TENANTS as T } from '../../../../src/store/demo-world.js';
import type { Store } from '../../../../src/store/store.js';
import type { Person } from '../../../support/activities.js';
import { visibleText } from '../../../support/activities.js';
import { useBotWorld } from '../../../support/bot-world.js';
import { persona } from '../../../support/personas.js';

const [alex, grace, sam, carmen, franz] = (['alex', 'grace', 'sam', 'carmen', 'franz'] as const).map(persona);
const TEMPLATE = 'template-adatum-helpdesk';
// Contoso and Tailspin become Adatum's contacts through leads; Fabrikam is its customer already. Tailspin is
// in Spain (rule 1 refuses it for a US partner); Northwind exists but Adatum does not deal with it.
const LIST = 'contoso.com, Fabrikam Inc\nTailspin Toys, nowhere.example, northwindtraders.us';

describe('requesting from a template for several customers', () => {
  const chat = useBotWorld();
  let store: Store;
  beforeEach(async () => {
    store = chat.store;
    await store.transaction(async (tx) => {
      for (const [customer, contact] of [
        [T.contoso, carmen!],
        [T.tailspin, { name: 'Tailspin admin', email: 'admin@tailspintoys.es' }],
      ] as const) {
        tx.insert('leads', {
          id: `lead-${customer}`,
          customerTenantId: customer,
          partnerTenantId: T.adatum,
          needs: 'Helpdesk for the office',
          contact: { name: contact.name, email: contact.email },
          status: 'new',
          createdBy: { userId: carmen!.id, name: carmen!.name, tenantId: customer },
          createdAt: '2024-01-01T00:00:00.000Z',
          updatedAt: '2024-01-01T00:00:00.000Z',
        });
      }
    });
  });
  const as = (person: Person, locale = 'en-US', env: NodeJS.ProcessEnv = { FOUR_EYES: 'false' }) =>
    chat.harness(person, env, locale);
  const invitations = () => store.findBy('invitations', 'partner', T.adatum);
  /** Opens the form from the templates list, reviews the list and runs it, as a person does. */
  const run = async (person: Person, customers = LIST, locale = 'en-US', templateId = TEMPLATE) => {
    const bot = as(person, locale);
    await bot.click(ACCESS_VERBS.templateBulkForm, { templateId });
    await bot.click(ACCESS_VERBS.templateBulkReview, { templateId, customers });
    return bot.click(ACCESS_VERBS.templateBulkRun, { templateId });
  };

  it('offers "Request for several customers" on each template, with a form that leaves new customers out', async () => {
    expect(await as(alex!).say('templates')).toContain('Request Helpdesk standard for several customers');
    const form = await as(alex!).click(ACCESS_VERBS.templateBulkForm, { templateId: TEMPLATE });
    expect(form.text).toContain('Helpdesk standard for several customers');
    expect(form.text).toContain('List up to 25 customers');
    expect(form.text).toContain('New customers are not part of a bulk request');
  });

  it('confirms the resolved customers first, saving nothing, and never names an organisation Adatum does not deal with', async () => {
    const bot = as(alex!);
    await bot.click(ACCESS_VERBS.templateBulkForm, { templateId: TEMPLATE });
    const review = await bot.click(ACCESS_VERBS.templateBulkReview, { templateId: TEMPLATE, customers: LIST });
    expect(review.text).toContain('Contoso Ltd\nA request will be sent (contoso.com)');
    expect(review.text).toContain('Fabrikam Inc\nA request will be sent (fabrikam.us)');
    expect(review.text).toContain('Tailspin Toys\nA request will be sent (tailspintoys.es)');
    expect(review.text).toContain('nowhere.example\nNot done: no customer you deal with has this name or domain.');
    expect(review.text).toContain('northwindtraders.us\nNot done: no customer you deal with has this name or domain.');
    expect(review.text).not.toContain('Northwind Traders');
    expect(review.text).toContain('Yes, request for these 3 customers');
    expect(await invitations()).toHaveLength(0);
  });

  it("sends each permitted request to the customer's admins; a refusal or an unknown name is only its own line", async () => {
    const summary = await run(alex!);
    expect(summary.text).toContain('Helpdesk standard for several customers: done');
    expect(summary.text).toContain('2 of 5 done.');
    expect(summary.text).toContain('Contoso Ltd\nSent: 1 admin got the request in Teams');
    expect(summary.text).toContain('Fabrikam Inc\nSent:');
    expect(summary.text).toContain(
      'Tailspin Toys\nNot done: A reseller relationship can only be requested with a customer in your own country or region (US); this customer is in ES.',
    );
    expect(summary.text).toContain('nowhere.example\nNot done: no customer you deal with');
    const stored = await invitations();
    expect(stored.map((i) => i.customerTenantId).sort()).toEqual([T.contoso, T.fabrikam].sort());
    for (const invitation of stored) {
      expect(invitation).toMatchObject({
        status: 'approval-pending',
        adminAccess: { roles: ['helpdesk-administrator', 'password-administrator'], durationDays: 365 },
        template: { id: TEMPLATE, groupIds: ['group-adatum-helpdesk'] },
      });
      const events = await store.findBy('auditEvents', 'target', `invitation/${invitation.id}`);
      expect(events.map((e) => e.action)).toEqual(['invitation.created', 'invitation.sent']);
    }
    const contosoInvitation = stored.find((i) => i.customerTenantId === T.contoso)!;
    const cards = await store.findBy('notifications', 'subject', contosoInvitation.id);
    expect(cards.map((n) => [n.kind, n.aadObjectId])).toEqual([['invitation.received', carmen!.aadObjectId]]);
    expect(visibleText(cards[0]!.payload)).toContain('Adatum Cloud Partners');
    const fabrikamCards = await store.findBy(
      'notifications',
      'subject',
      stored.find((i) => i !== contosoInvitation)!.id,
    );
    expect(fabrikamCards.map((n) => n.aadObjectId)).toContain(franz!.aadObjectId);
  });

  it('a second run duplicates no open request: each is refused as a duplicate', async () => {
    await run(alex!, 'contoso.com, Fabrikam Inc');
    const again = await run(alex!, 'contoso.com, Fabrikam Inc');
    expect(again.text).toContain('0 of 2 done.');
    expect(again.text).toMatch(/Contoso Ltd\nNot done: a request with these roles from .+ is still open\./);
    expect(again.text).toMatch(/Fabrikam Inc\nNot done: a request with these roles from .+ is still open\./);
    expect(await invitations()).toHaveLength(2);
  });

  it('refuses 26 customers in the form, saving nothing', async () => {
    const many = Array.from({ length: 26 }, (_, n) => `customer${n}.example`).join(', ');
    const bot = as(alex!);
    await bot.click(ACCESS_VERBS.templateBulkForm, { templateId: TEMPLATE });
    const answer = await bot.click(ACCESS_VERBS.templateBulkReview, { templateId: TEMPLATE, customers: many });
    expect(answer.text).toContain('List from 1 to 25 customers; you listed 26. Nothing was requested.');
    expect(answer.text).toContain('customer25.example'); // the form again, with what was typed
    expect(await invitations()).toHaveLength(0);
  });

  it.each([[ACCESS_VERBS.templateBulkForm], [ACCESS_VERBS.templateBulkReview], [ACCESS_VERBS.templateBulkRun]])(
    'refuses a sales agent (%s), saving nothing',
    async (verb) => {
      const answer = await as(sam!).click(verb, { templateId: TEMPLATE, customers: 'contoso.com' });
      expect(answer.text).toContain('Not allowed');
      expect(await invitations()).toHaveLength(0);
    },
  );

  it('in Spanish', async () => {
    const summary = await run(alex!, 'contoso.com, nowhere.example', 'es-ES');
    expect(summary.text).toContain('Helpdesk standard para varios clientes: hecho');
    expect(summary.text).toContain('1 de 2 hechas.');
    expect(summary.text).toContain('Contoso Ltd\nEnviada en Teams a 1 administrador');
    expect(summary.text).toContain('nowhere.example\nNo se hizo: ningún cliente con el que trabaja tiene este nombre');
  });

  it('with Global Administrator in the template, each request waits for four-eyes approval instead of going out', async () => {
    const editor = as(alex!);
    await editor.click(ACCESS_VERBS.templateForm, {});
    const saved = await editor.click(ACCESS_VERBS.templateSave, {
      name: 'Full admin',
      roles: 'global-administrator',
      durationDays: '90',
      autoExtend: 'false',
      groups: '',
    });
    expect(saved.text).toContain('Saved Full admin.');
    const template = (await store.findBy('accessTemplates', 'partner', T.adatum)).find((t) => t.name === 'Full admin')!;
    const partner = as(alex!, 'en-US', {});
    await partner.click(ACCESS_VERBS.templateBulkForm, { templateId: template.id });
    const review = await partner.click(ACCESS_VERBS.templateBulkReview, {
      templateId: template.id,
      customers: 'contoso.com',
    });
    expect(review.text).toContain("each request waits for a second admin's approval");
    const summary = await partner.click(ACCESS_VERBS.templateBulkRun, { templateId: template.id });
    expect(summary.text).toContain('Contoso Ltd\nWaiting for approval');
    const [invitation] = await invitations();
    expect(invitation).toMatchObject({ status: 'created', fourEyes: { required: true } });
    const cards = await store.findBy('notifications', 'subject', invitation!.id);
    expect(cards.map((n) => n.kind)).not.toContain('invitation.received');
    expect(cards.filter((n) => n.kind === 'invitation.approval').map((n) => n.aadObjectId)).toContain(
      grace!.aadObjectId,
    );
    // Once approved, the requester sends it the usual way: invitations, New link, Done.
    await as(grace!, 'en-US', {}).click(FOUR_EYES_VERBS.approve, { invitationId: invitation!.id, comment: '' });
    const draft = await partner.click(REQUEST_VERBS.newLink, { invitationId: invitation!.id });
    const token = /\/invite\/([A-Z2-7]{32})/.exec(draft.text)![1]!;
    await partner.click(REQUEST_VERBS.done, {
      invitationId: invitation!.id,
      token,
      subject: 'Full admin',
      body: `Please accept: http://localhost:3978/invite/${token}`,
    });
    const sent = await store.findBy('notifications', 'subject', invitation!.id);
    expect(sent.filter((n) => n.kind === 'invitation.received').map((n) => n.aadObjectId)).toEqual([
      carmen!.aadObjectId,
    ]);
  });
});
