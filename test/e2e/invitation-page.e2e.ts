import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import { E2EStack, SCREENSHOT_DIR } from './support/stack.js';

/** The customer's admin opens the personalised link from the draft email, then brings its code into Teams. */
describe('invitation page: from the email link to Accept & Authorize in Teams', () => {
  const stack = new E2EStack();
  beforeAll(async () => {
    await stack.start();
    for (const persona of ['partner-admin-agent', 'customer-global-admin']) {
      await (await stack.as(persona)).sees('Welcome to Partner Desk');
    }
  });
  afterAll(() => stack.stop());

  it('the link from the draft email shows the summary; the code it shows opens the card in the chat', async () => {
    const partner = await stack.as('partner-admin-agent');
    const form = await partner.say('request relationship');
    await form.getByLabel('Customer (existing organisation: name or domain)').fill('contoso.com');
    // The switch redraws the form in place with the admin roles, keeping what was typed.
    await partner.click(form, 'Include delegated administration privileges');
    await form.getByText(/^Helpdesk Administrator:/).waitFor();
    await form.getByText(/^Helpdesk Administrator:/).click();
    await form.getByLabel('Duration of admin access, in days (1 to 730)').fill('120');
    await partner.click(form, 'Request');
    const draft = await partner.sees('Invitation for Contoso Ltd');
    const email = await draft.locator('textarea').inputValue();
    const link = /https?:\/\/\S+\/invite\/[A-Z2-7]{32}/.exec(email)?.[0];
    if (!link) throw new Error('no personalised link in the draft email');
    await partner.click(draft, 'Done');
    await partner.sees('Invitation sent to Contoso Ltd');

    const browser = await stack.newPage();
    const response = await browser.goto(link);
    if (response?.status() !== 200) throw new Error(`the link answered ${response?.status()}`);
    const main = browser.locator('main');
    for (const text of [
      'Accept agreement & authorize partner',
      'Adatum Cloud Partners invites Contoso Ltd to a partner relationship.',
      'Helpdesk Administrator',
      '120 days',
      'In Microsoft Teams, in the chat with Partner Desk',
      // Whole days, rounded down as in the partner's `invitations` list: 89 a moment after sending.
      /(89|90) of the invitation's 90 days are left to answer it\./,
    ]) {
      await main.getByText(text).first().waitFor();
    }
    const message = (await browser.locator('#accept-message').innerText()).trim();
    if (!/^accept [A-Z2-7]{4}(-[A-Z2-7]{4}){7}$/.test(message)) throw new Error(`unexpected message: ${message}`);
    await browser.screenshot({ path: join(SCREENSHOT_DIR, 'invitation-page.png'), fullPage: true });
    await browser.close();

    const customer = await stack.as('customer-global-admin');
    await customer.sees('Accept agreement & authorize partner');
    await customer.say(message);
    const opened = customer.messages.filter({ hasText: 'Accept agreement & authorize partner' }).nth(1);
    await opened.waitFor();
    await expectText(opened, 'Helpdesk Administrator');
    await expectText(opened, '120 days');
    await customer.screenshot('opened-from-code');
    await opened
      .getByRole('checkbox', { name: 'I have read the Microsoft Customer Agreement and authorise this partner' })
      .check();
    await customer.click(opened, 'Accept & Authorize');
    await customer.sees('Invitation accepted');
    await customer.screenshot('accepted-from-code');
  });
});

async function expectText(locator: Locator, text: string): Promise<void> {
  await locator.filter({ hasText: text }).waitFor();
}
