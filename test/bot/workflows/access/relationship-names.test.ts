import { REQUEST_VERBS } from '../../../../src/cards/request-card.js';
import { DEMO_TENANTS } from '../../../../src/store/demo-world.js';
import type { Store } from '../../../../src/store/store.js';
import type { Person } from '../../../support/activities.js';
import { useBotWorld } from '../../../support/bot-world.js';
import { persona } from '../../../support/personas.js';

const [alex, sam, hana, franz] = (['alex', 'sam', 'hana', 'franz'] as const).map(persona);
const RESELLER = { customer: 'contoso.com', relationship: 'reseller', includeAdmin: 'false' };

describe('relationship names', () => {
  const chat = useBotWorld();
  let store: Store;
  beforeEach(() => (store = chat.store));
  const as = (person: Person, locale = 'en-US') => chat.harness(person, { FOUR_EYES: 'false' }, locale);
  const names = async () => (await store.findBy('invitations', 'partner', alex!.tenantId)).map((i) => i.displayName);

  it('the request form asks for a name; an empty one gets the customer and the day', async () => {
    const bot = as(sam!);
    expect(await bot.say('request relationship')).toContain('Relationship name (up to 50 characters');
    const draft = await bot.click(REQUEST_VERBS.submit, RESELLER);
    expect(draft.text).toContain('Relationship name\nContoso Ltd 2026-11-22');
    await bot.say('request relationship');
    const named = await bot.click(REQUEST_VERBS.submit, {
      ...RESELLER,
      relationship: 'advisor',
      displayName: 'Contoso advice',
    });
    expect(named.text).toContain('Relationship name\nContoso advice');
    expect((await names()).sort()).toEqual(['Contoso Ltd 2026-11-22', 'Contoso advice'].sort());
    const created = await store.findBy('auditEvents', 'tenant', alex!.tenantId);
    expect(
      created.some((e) => (e.after as { displayName?: string } | undefined)?.displayName === 'Contoso advice'),
    ).toBe(true);
  });

  it.each([
    [
      'a name the partner already uses (case and accents aside)',
      'FABRIKAM HELPDESK',
      'already have a relationship or an open request called Fabrikam helpdesk',
    ],
    ['a name over 50 characters', 'x'.repeat(51), '1 to 50 characters'],
  ])('refuses %s, saving nothing', async (_w, displayName, expected) => {
    const bot = as(alex!);
    await bot.say('request relationship');
    const answer = await bot.click(REQUEST_VERBS.submit, { ...RESELLER, displayName });
    expect(answer.text).toContain(expected);
    expect(await names()).toEqual([]);
  });

  it('a second default name for the same customer on the same day is numbered', async () => {
    const bot = as(alex!);
    await bot.say('request relationship');
    await bot.click(REQUEST_VERBS.submit, RESELLER);
    await bot.say('request relationship');
    await bot.click(REQUEST_VERBS.submit, { ...RESELLER, relationship: 'advisor' });
    expect((await names()).sort()).toEqual(['Contoso Ltd 2026-11-22', 'Contoso Ltd 2026-11-22 2']);
  });

  it('a helpdesk agent cannot request, named or not', async () => {
    expect((await as(hana!).click(REQUEST_VERBS.submit, { ...RESELLER, displayName: 'X' })).text).toContain(
      'Not allowed',
    );
    expect(await names()).toEqual([]);
  });

  it.each([
    ['the relationship name', 'status Fabrikam helpdesk'],
    ['the customer tenant id', `status ${DEMO_TENANTS.fabrikam}`],
    ['the domain', 'status fabrikam.us'],
  ])('status finds the customer by %s and shows the name', async (_w, question) => {
    const text = await as(hana!).say(question);
    expect(text).toContain('Fabrikam Inc: relationship status');
    expect(text).toContain('Relationship name\nFabrikam helpdesk');
  });

  it('timeline by relationship name is that relationship’s history, titled with its name', async () => {
    const text = await as(hana!).say('timeline fabrikam helpdesk');
    expect(text).toContain('Fabrikam helpdesk');
    expect(text).toContain('Relationship activated');
  });

  it('can we … by relationship name', async () => {
    expect(await as(hana!).say('can we reset a password for Fabrikam helpdesk')).toContain('Yes, for Fabrikam Inc');
  });

  it('a name is found only among the asker’s own relationships', async () => {
    expect(await as(persona('lidia')).say('status Fabrikam helpdesk')).not.toContain(
      'Fabrikam Inc: relationship status',
    );
  });

  it('the customer sees the name in its partners list and in Spanish', async () => {
    expect(await as(franz!).say('my partners')).toContain('Relationship name\nFabrikam helpdesk');
    expect(await as(franz!, 'es-ES').say('mis partners')).toContain('Nombre de la relación\nFabrikam helpdesk');
  });

  it('the relationships list shows the name', async () => {
    expect(await as(hana!).say('relationships active')).toContain('Relationship name\nFabrikam helpdesk');
  });
});
