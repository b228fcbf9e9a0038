import type { Locator } from 'playwright-core';
import { E2EStack } from './support/stack.js';

/**
 * GDAP day two in the local Teams client: the partner's admin agent requests from a template, the customer's
 * global admin accepts, the template's group gets the roles on activation, and the helpdesk agent in that
 * group asks "can we…" and is told they can.
 */
describe('template request to a usable role, in the local Teams client', () => {
  const stack = new E2EStack();
  beforeAll(async () => {
    await stack.start();
    for (const persona of ['partner-admin-agent', 'customer-global-admin', 'helpdesk-agent']) {
      await (await stack.as(persona)).sees('Welcome to Partner Desk');
    }
  });
  afterAll(() => stack.stop());

  it('template request → customer accepts → group assigned on activation → helpdesk "can we" says you can', async () => {
    const partner = await stack.as('partner-admin-agent');
    const templates = await partner.say('templates');
    await expectText(templates, 'Groups to assign on activation');
    await partner.screenshot('templates');
    await partner.click(templates, 'Request with Helpdesk standard');
    const form = await partner.sees('From the template Helpdesk standard');
    await form.getByLabel('Customer (existing organisation: name or domain)').fill('contoso.com');
    await form.getByLabel(/^Relationship name/).fill('Contoso helpdesk');
    await partner.screenshot('request-from-template');
    await partner.click(form, 'Request');
    const draft = await partner.sees('Invitation for Contoso Ltd');
    await expectText(draft, 'Contoso helpdesk');
    await partner.click(draft, 'Done');
    await partner.sees('Invitation sent to Contoso Ltd');

    const customer = await stack.as('customer-global-admin');
    const card = await customer.sees('Accept agreement & authorize partner');
    await expectText(card, 'Password Administrator');
    await card
      .getByRole('checkbox', { name: 'I have read the Microsoft Customer Agreement and authorise this partner' })
      .check();
    await customer.click(card, 'Accept & Authorize');
    await customer.sees('Invitation accepted');
    await customer.screenshot('accepted');

    const helpdesk = await stack.as('helpdesk-agent');
    await helpdesk.sees('You can now use Helpdesk Administrator, Password Administrator for Contoso Ltd');
    const status = await helpdesk.say('status Contoso helpdesk');
    await expectText(status, 'Adatum Helpdesk');
    await expectText(status, '(active)');
    const answer = await helpdesk.say('can we reset a password for Contoso helpdesk');
    await expectText(answer, 'Yes, for Contoso Ltd');
    await expectText(answer, 'You can: you are in the group Adatum Helpdesk');
    await helpdesk.screenshot('can-we-you-can');
  });
});

async function expectText(locator: Locator, text: string): Promise<void> {
  await locator.filter({ hasText: text }).waitFor();
}
