import type { Locator } from 'playwright-core';
import type { PersonaPage } from './support/persona-page.js';
import { E2EStack } from './support/stack.js';

/**
 * Issue 16 items 1, 5 and 10 in the local Teams client: the four-eyes approval card says what is approved and
 * shows its outcome once decided; the customer admin finds the invitation in `invitations` and opens the Accept
 * & Authorize card from there; the partner is told which invitation was accepted, once.
 */
describe('cards that say which, what and why, in the local Teams client', () => {
  const stack = new E2EStack();
  beforeAll(async () => {
    await stack.start();
    for (const persona of ['partner-admin-agent', 'partner-global-admin', 'customer-global-admin']) {
      await (await stack.as(persona)).sees('Welcome to Partner Desk');
    }
  });
  afterAll(() => stack.stop());

  it('approval card decided with its outcome → invitations inbox → Accept & Authorize → the partner told which one', async () => {
    const partner = await stack.as('partner-admin-agent');
    const form = await partner.say('request relationship');
    await form.getByLabel('Customer (existing organisation: name or domain)').fill('contoso.com');
    // The switch redraws the form in place with the admin roles, keeping what was typed.
    await partner.click(form, 'Include delegated administration privileges');
    await form.getByText(/^Global Administrator:/).waitFor();
    await form.getByText(/^Global Administrator:/).click();
    await form.getByLabel('Duration of admin access, in days (1 to 730)').fill('60');
    await partner.click(form, 'Request');
    const draft = await messageWith(partner, 'Invitation for Contoso Ltd');
    await expectText(draft, 'must approve it before it goes out');
    await partner.screenshot('waiting-for-approval');

    // Item 10: the approver sees what is approved, comments, approves; their copy shows the outcome.
    const approver = await stack.as('partner-global-admin');
    const approval = await messageWith(approver, 'Approval needed: Contoso Ltd');
    for (const text of ['Global Administrator', '60 days', 'by Alex Wilber', 'Reseller, Delegated administrator']) {
      await expectText(approval, text);
    }
    await approver.screenshot('approval-card');
    await approval.getByLabel('Comment (optional)').fill('Fine for 60 days');
    await approver.click(approval, 'Approve');
    await expectText(approval, 'Approved by Grace Global on');
    await expectText(approval, 'Comment: Fine for 60 days');
    await noButton(approval, 'Approve');
    await noButton(approval, 'Reject');
    await approver.screenshot('approval-decided');

    await partner.page.bringToFront();
    const approved = await partner.sees('Your request to Contoso Ltd was approved');
    await expectText(approved, 'Comment: Fine for 60 days');
    await partner.click(draft, 'Done');
    await partner.sees('Invitation sent to Contoso Ltd');

    // Item 1: the partner's pending list labels the invitation and gives it its own buttons.
    const pending = await reply(partner, 'invitations');
    await expectText(pending, 'Contoso Ltd · Reseller, Delegated administrator · Global Administrator · created');
    await pending.getByRole('button', { name: 'Cancel invitation' }).waitFor();
    await partner.screenshot('pending-labelled');

    // Item 5: the customer admin's inbox lists it; its button opens the Accept & Authorize card.
    const customer = await stack.as('customer-global-admin');
    const inbox = await reply(customer, 'invitations');
    await expectText(inbox, 'Invitations for Contoso Ltd');
    await expectText(inbox, 'Adatum Cloud Partners · Reseller, Delegated administrator · Global Administrator');
    await expectText(inbox, /\(\d+ days left\)/);
    await customer.screenshot('inbox');
    await customer.click(inbox, 'Open Accept & Authorize');
    await expectText(inbox, 'Accept agreement & authorize partner');
    await expectText(inbox, 'Global Administrator');
    await customer.screenshot('inbox-opened');
    await inbox
      .getByRole('checkbox', { name: 'I have read the Microsoft Customer Agreement and authorise this partner' })
      .check();
    await customer.click(inbox, 'Accept & Authorize');
    await customer.sees('Invitation accepted');

    // Item 1: the partner is told which invitation, in one message (the MCA is a sentence of it).
    await partner.page.bringToFront();
    const told = await partner.sees('Contoso Ltd accepted your invitation');
    for (const text of [
      'Global Administrator',
      '60 days',
      'by Alex Wilber',
      'accepted the Microsoft Customer Agreement',
    ]) {
      await expectText(told, text);
    }
    await partner.screenshot('partner-told-which');
    if ((await partner.messages.filter({ hasText: 'accepted your invitation' }).count()) !== 1)
      throw new Error('the partner was told more than once');
    if (
      (await partner.messages.filter({ hasText: /^Contoso Ltd accepted the Microsoft Customer Agreement/ }).count()) !==
      0
    )
      throw new Error('a second card for the same acceptance');
  });
});

/** The message that shows this text now, found by its place, so it is still found once its card is replaced. */
async function messageWith(person: PersonaPage, text: string): Promise<Locator> {
  const found = await person.sees(text);
  const index = await found.evaluate((element) =>
    Array.from(element.ownerDocument.querySelectorAll('.fai-OutputCard')).indexOf(element),
  );
  return person.messages.nth(index);
}

/** Sends a message and returns the bot's answer to it, even if a notification arrives after it. */
async function reply(person: PersonaPage, text: string): Promise<Locator> {
  const before = await person.messages.count();
  await person.say(text);
  return person.messages.nth(before);
}

async function expectText(locator: Locator, text: string | RegExp): Promise<void> {
  await locator.filter({ hasText: text }).waitFor();
}

async function noButton(locator: Locator, name: string): Promise<void> {
  if ((await locator.getByRole('button', { name }).count()) !== 0) throw new Error(`${name} is still clickable`);
}
