import { useBotWorld } from '../support/bot-world.js';
import type { Person } from '../support/activities.js';
import { PEOPLE, smallWorld } from '../support/world.js';
import type { Store } from '../../src/store/store.js';
import { identityKey } from '../../src/store/store.js';

describe('PartnerDeskBot', () => {
  const chat = useBotWorld(smallWorld);
  let store: Store;
  beforeEach(() => (store = chat.store));
  const harness = (person: Person = PEOPLE.partnerAdminAgent, locale = 'en-US') => chat.harness(person, {}, locale);

  it('welcomes a partner admin agent with what their roles allow', async () => {
    const bot = harness();
    const text = await bot.say('help');
    expect(text).toContain('Partner staff');
    expect(text).toContain('Always available');
    expect(text).not.toContain('Customer admin');
  });

  it('welcomes on install and remembers where to reach the user', async () => {
    const bot = harness(PEOPLE.customerGlobalAdmin);
    const replies = await bot.send({
      type: 'conversationUpdate',
      membersAdded: [{ id: `29:${PEOPLE.customerGlobalAdmin.aadObjectId}`, name: 'Carmen' }],
    });
    expect(JSON.stringify(replies)).toContain('Welcome to Partner Desk, Carmen Global');
    const conversation = await store.get(
      'conversations',
      identityKey(PEOPLE.customerGlobalAdmin.tenantId, PEOPLE.customerGlobalAdmin.aadObjectId),
    );
    expect(conversation?.reference).toBeDefined();
  });

  it('stores where to reach a person once, not again on every turn', async () => {
    const bot = harness(PEOPLE.customerGlobalAdmin);
    await bot.say('whoami');
    await bot.say('help');
    await bot.say('whoami');
    const id = identityKey(PEOPLE.customerGlobalAdmin.tenantId, PEOPLE.customerGlobalAdmin.aadObjectId);
    const conversation = await store.get('conversations', id);
    expect(conversation?.version).toBe(1);
    expect(conversation?.reference).not.toHaveProperty('activityId');
  });

  it('speaks Spanish to a Spanish Teams client', async () => {
    const bot = harness(PEOPLE.customerGlobalAdmin, 'es-ES');
    expect(await bot.say('quien soy')).toContain('Quién es usted para Partner Desk');
  });

  it('says what it did not understand', async () => {
    expect(await harness().say('make me a sandwich')).toContain('I did not understand "make me a sandwich"');
  });

  it('cancel with nothing running says so', async () => {
    expect(await harness().say('cancel')).toContain('There is nothing to cancel');
  });

  it('help inside a workflow shows help and asks the question again; cancel ends it', async () => {
    const bot = harness();
    expect(await bot.say('language')).toContain('Which language should I use with you?');
    const help = await bot.say('help');
    expect(help).toContain('You are in the middle of a workflow');
    expect(help).toContain('Which language should I use with you?');
    expect(await bot.say('cancel')).toContain('Cancelled choosing a language. Nothing was saved.');
    expect(await bot.say('Español')).toContain('I did not understand');
  });

  it('a restart in the middle of a workflow resumes where it was', async () => {
    const before = harness();
    expect(await before.say('language')).toContain('Which language should I use with you?');
    before.stop();
    const after = harness();
    expect(await after.say('Español')).toContain('A partir de ahora le hablaré en español.');
    const [user] = await store.findBy(
      'users',
      'identity',
      identityKey(PEOPLE.partnerAdminAgent.tenantId, PEOPLE.partnerAdminAgent.aadObjectId),
    );
    expect(user?.language).toBe('es');
  });

  it('language es switches at once, and whoami shows it', async () => {
    const bot = harness();
    expect(await bot.say('language es')).toContain('A partir de ahora le hablaré en español.');
    expect(await bot.say('whoami')).toContain('Español');
  });

  it('an unknown card verb gets an error card', async () => {
    const { text } = await harness().click('no.such.verb', {});
    expect(text).toContain('This button did not work');
  });
});
