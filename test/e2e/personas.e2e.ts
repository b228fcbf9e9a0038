import { E2EStack } from './support/stack.js';

/** Each persona, in their own playground, is recognised with their organisation and roles. */
describe('personas in the local Teams client', () => {
  const stack = new E2EStack();
  beforeAll(() => stack.start());
  afterAll(() => stack.stop());

  it.each([
    ['partner-admin-agent', 'Adatum Cloud Partners', 'Admin agent', 'Partner staff'],
    ['customer-global-admin', 'Contoso Ltd', 'Global admin', 'Customer admin'],
    ['helpdesk-agent', 'Adatum Cloud Partners', 'Helpdesk agent', 'Helpdesk'],
  ])('%s: welcome card, whoami and help', async (persona, org, role, section) => {
    const me = await stack.as(persona);
    const welcome = await me.sees('Welcome to Partner Desk');
    await me.screenshot('welcome');
    await expectText(welcome, section);

    const whoami = await me.say('whoami');
    await me.sees(org);
    await expectText(whoami, role);
    await me.screenshot('whoami');

    const help = await me.say('help');
    await expectText(help, 'Help: what you can do');
    await me.screenshot('help');
  });

  it('speaks Spanish on request', async () => {
    const me = await stack.as('customer-global-admin');
    await me.say('idioma es');
    await me.sees('A partir de ahora le hablaré en español.');
    const card = await me.say('quien soy');
    await expectText(card, 'Quién es usted para Partner Desk');
    await me.screenshot('quien-soy');
  });
});

async function expectText(locator: import('playwright-core').Locator, text: string): Promise<void> {
  await locator.filter({ hasText: text }).waitFor();
}
