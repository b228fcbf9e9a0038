import type { Locator } from 'playwright-core';
import { E2EStack } from './support/stack.js';

/** A partner admin agent requests reseller + delegated admin with granular roles; the customer's global admin accepts. */
describe('invitation journey in the local Teams client', () => {
  const stack = new E2EStack();
  beforeAll(async () => {
    await stack.start();
    for (const persona of ['partner-admin-agent', 'customer-global-admin', 'helpdesk-agent']) {
      await (await stack.as(persona)).sees('Welcome to Partner Desk');
    }
  });
  afterAll(() => stack.stop());

  it('request → Accept & Authorize card in Teams → acknowledgement required → accepted → partner told', async () => {
    const partner = await stack.as('partner-admin-agent');
    const form = await partner.say('request relationship');
    await form.getByLabel('Customer (existing organisation: name or domain)').fill('contoso.com');
    // The switch redraws the form in place with the admin roles, keeping what was typed.
    await partner.click(form, 'Include delegated administration privileges');
    await form.getByText(/^Helpdesk Administrator:/).waitFor();
    await form.getByText(/^Helpdesk Administrator:/).click();
    await form.getByText(/^License Administrator:/).click();
    await form.getByLabel('Duration of admin access, in days (1 to 730)').fill('180');
    await partner.screenshot('request-form');
    await partner.click(form, 'Request');
    const draft = await partner.sees('Invitation for Contoso Ltd');
    await expectText(draft, 'Personalised link (shown once)');
    await partner.screenshot('draft');
    await partner.click(draft, 'Done');
    await partner.sees('Invitation sent to Contoso Ltd');
    await partner.screenshot('sent');

    const customer = await stack.as('customer-global-admin');
    const card = await customer.sees('Accept agreement & authorize partner');
    await expectText(card, 'Helpdesk Administrator');
    await expectText(card, 'License Administrator');
    await expectText(card, '180 days');
    await customer.screenshot('invitation-received');
    await customer.click(card, 'Accept & Authorize');
    await expectText(card, 'Tick this box to accept.');
    await customer.screenshot('acknowledgement-required');
    await card
      .getByRole('checkbox', { name: 'I have read the Microsoft Customer Agreement and authorise this partner' })
      .check();
    await customer.click(card, 'Accept & Authorize');
    const accepted = await customer.sees('Invitation accepted');
    await expectText(accepted, 'Adatum Cloud Partners');
    if ((await accepted.getByRole('button', { name: 'Accept & Authorize' }).count()) !== 0)
      throw new Error('still clickable');
    await customer.screenshot('accepted');

    await partner.page.bringToFront();
    await partner.sees('Contoso Ltd accepted your invitation');
    await partner.screenshot('partner-told');

    const helpdesk = await stack.as('helpdesk-agent');
    const status = await helpdesk.say('status contoso');
    await expectText(status, 'Adatum Cloud Partners → Contoso Ltd');
    await expectText(status, 'Active');
    await expectText(status, 'Helpdesk Administrator, License Administrator');
    await expectText(status, 'days left)');
    await helpdesk.screenshot('status-active');

    await customer.page.bringToFront();
    const pick = await customer.say('remove roles');
    await pick.getByText(/^Adatum Cloud Partners · .*Helpdesk Administrator/).click();
    await customer.click(pick, 'Remove roles');
    const confirm = await customer.sees('Remove roles?');
    await customer.click(confirm, 'Yes');
    await customer.sees('Admin roles removed');
    await customer.screenshot('roles-removed');

    await helpdesk.page.bringToFront();
    const after = await helpdesk.say('status contoso');
    await expectText(after, 'None (removed on');
    await expectText(after, 'Active');
    await helpdesk.screenshot('status-without-roles');
  });
});

async function expectText(locator: Locator, text: string): Promise<void> {
  await locator.filter({ hasText: text }).waitFor();
}
