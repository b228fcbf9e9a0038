import { MCA_VERB } from '../../../../src/bot/workflows/customer/accept-mca.js';
import { LIST_PAGE_VERBS } from '../../../../src/cards/helpdesk-cards.js';
import { DEMO_TENANTS } from '../../../../src/store/demo-world.js';
import type { Store } from '../../../../src/store/store.js';
import type { Person } from '../../../support/activities.js';
import { BotHarness } from '../../../support/bot-harness.js';
import { persona } from '../../../support/personas.js';
import { NOW, tempStore } from '../../../support/world.js';
import { at, expiringCustomers, worldWith } from '../../../services/helpdesk/helpdesk-fixtures.js';
import { buttons } from './harness.js';

const [hana, lidia, carmen, helen] = [persona('hana'), persona('lidia'), persona('carmen'), persona('helen')];
const SECOND = 'rel-expiring-2-reseller';

describe('the no-mca list in the chat', () => {
  let store: Store;
  let dispose: () => Promise<void>;
  const harnesses: BotHarness[] = [];
  const as = (person: Person, locale = 'en-US') => {
    const bot = new BotHarness(store, person, {}, locale, () => NOW);
    harnesses.push(bot);
    return bot;
  };

  beforeEach(async () => {
    // Seven Adatum customers without the MCA; the second of them also buys through Adatum, since long before.
    const book = expiringCustomers(NOW, 7);
    book.relationships!.push({
      ...book.relationships![1]!,
      id: SECOND,
      types: ['reseller'],
      adminAccess: null,
      displayName: 'Licences for Expiring Customer 2',
      createdAt: at(NOW, -400),
      updatedAt: at(NOW, -400),
    });
    ({ store, dispose } = await tempStore(worldWith(NOW, book)));
  });
  afterEach(async () => {
    harnesses.splice(0).forEach((h) => h.stop());
    await dispose();
  });

  it('one row per relationship, naming the customer, with what the helpdesk needs', async () => {
    const text = await as(lidia).say('no mca');
    for (const expected of [
      'Customers without the Microsoft Customer Agreement',
      'Showing 1–1 of 1 (page 1 of 1). One row per relationship, in the order they began, oldest first',
      'Contoso Ltd (contoso.com)',
      'Not accepted yet',
      'Reseller',
      'Active',
      'Since',
    ])
      expect(text).toContain(expected);
  });

  it('a customer with two relationships is on two rows, the older first; paging as before', async () => {
    const bot = as(hana);
    const { text, cards } = await bot.sayWithCards('no mca');
    expect(text).toContain('Showing 1–5 of 8 (page 1 of 2).');
    expect(text).not.toContain('Fabrikam'); // Fabrikam accepted the MCA
    expect(text.indexOf('Licences for Expiring Customer 2')).toBeLessThan(text.indexOf('Expiring Customer 1 ('));
    expect(text.split('Expiring Customer 2 (expiring-2.example)')).toHaveLength(3);
    expect(buttons(cards[0]).map((b) => b.title)).toEqual(['Next']);
    const past = await bot.click(LIST_PAGE_VERBS['no-mca'], { page: 99 });
    expect(past.text).toContain('Showing 6–8 of 8 (page 2 of 2).');
    expect(buttons(past.card).map((b) => b.title)).toEqual(['Previous']);
  });

  it('once the customer accepts the MCA its rows are gone from its partner’s list', async () => {
    expect(await as(helen).say('no mca')).toContain('Partner');
    const customer = as(carmen);
    await customer.say('accept mca');
    expect((await customer.click(MCA_VERB, { confirmed: 'true' })).text).toContain('accepted the Microsoft Customer');
    expect(await as(lidia).say('no mca')).toContain(
      'Every customer you work with has accepted the Microsoft Customer Agreement.',
    );
    expect(await as(helen).say('no mca')).not.toContain('Contoso Ltd (contoso.com)');
    const [litware] = await store.findBy('relationships', 'customer', DEMO_TENANTS.contoso);
    expect(litware).toMatchObject({ id: 'rel-litware-contoso', customerMcaMissing: false });
  });

  it('in Spanish, the order is said as well', async () => {
    const text = await as(lidia, 'es-ES').say('sin mca');
    expect(text).toContain('Una fila por relación, en el orden en que comenzaron');
    expect(text).toContain('Contoso Ltd (contoso.com)');
  });
});
