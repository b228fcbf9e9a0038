import type { Locator } from 'playwright-core';
import { E2EStack } from './support/stack.js';

/** The helpdesk persona's questions, answered in the local Teams client. */
describe('helpdesk in the local Teams client', () => {
  const stack = new E2EStack();
  beforeAll(async () => {
    await stack.start();
    await (await stack.as('helpdesk-agent')).sees('Welcome to Partner Desk');
  });
  afterAll(() => stack.stop());

  it('status, can we…, expiring and the timeline with its CSV export', async () => {
    const hana = await stack.as('helpdesk-agent');
    const status = await hana.say('status fabrikm');
    await expectText(status, 'Adatum Cloud Partners → Fabrikam Inc');
    await expectText(status, 'Helpdesk Administrator, License Administrator');
    await hana.screenshot('status');

    const canWe = await hana.say('can we reset a password for fabrikam');
    await expectText(canWe, 'Yes, for Fabrikam Inc');
    await hana.screenshot('can-we');

    const expiring = await hana.say('expiring');
    await expectText(expiring, 'Admin access ending within 30 days');
    await expectText(expiring, 'Fabrikam Inc');
    await hana.screenshot('expiring');

    const timeline = await hana.say('timeline fabrikam');
    await expectText(timeline, 'Fabrikam Inc: timeline');
    await hana.click(timeline, 'Export CSV');
    const link = hana.page.locator('.fai-OutputCard a[href*="/downloads/"]').last();
    await link.waitFor();
    const href = await link.getAttribute('href');
    if (!href) throw new Error('no CSV link');
    const csv = await (await fetch(href)).text();
    if (!csv.includes('relationship.activated') && !csv.includes('Relationship activated'))
      throw new Error(`unexpected CSV: ${csv}`);
    await hana.screenshot('timeline');
  });
});

async function expectText(locator: Locator, text: string): Promise<void> {
  await locator.filter({ hasText: text }).waitFor();
}
