import { E2EStack } from './support/stack.js';

/** Provider invites a reseller → the reseller authorises it → invites a new customer for both → the customer accepts both. */
describe('two-tier journey in the local Teams client', () => {
  const stack = new E2EStack();
  beforeAll(async () => {
    await stack.start();
    // Each person opens Teams first, so the bot can reach them later.
    for (const persona of ['provider-global-admin', 'reseller-global-admin', 'customer-global-admin']) {
      await (await stack.as(persona)).sees('Welcome to Partner Desk');
    }
  });
  afterAll(() => stack.stop());

  it('works end to end, as three people in three organisations', async () => {
    const provider = await stack.as('provider-global-admin');
    const resellers = await provider.say('indirect resellers');
    await provider.click(resellers, 'Invite a reseller');
    const form = await provider.sees('will be asked to authorise');
    await form.getByLabel('Woodgrove IT (woodgroveit.com)').check();
    await provider.click(form, 'Send invitation');
    await provider.sees('Invitation sent to Woodgrove IT');
    await provider.screenshot('reseller-invited');

    const reseller = await stack.as('reseller-global-admin');
    const request = await reseller.sees('Authorize indirect provider');
    await reseller.click(request, 'Open');
    const authorize = await reseller.sees('may submit orders and add subscriptions');
    await reseller.click(authorize, 'Authorize indirect provider');
    await reseller.sees('Tick the confirmation first.');
    await reseller.screenshot('confirmation-required');
    const again = reseller.lastCard;
    await again.getByRole('checkbox').check();
    await reseller.click(again, 'Authorize indirect provider');
    const done = await reseller.sees('Proseware Distribution is now your indirect provider');
    await expectNoButton(done, 'Authorize indirect provider');
    await reseller.screenshot('provider-authorised');

    const providers = await reseller.say('indirect providers');
    await reseller.click(providers, 'Invite new customers: Proseware Distribution');
    const customerForm = await reseller.sees('in one invitation');
    // Woodgrove deals with no customer yet: a new customer is named by its domain.
    await customerForm.getByLabel("Customer's domain").fill('contoso.com');
    await reseller.click(customerForm, 'Send invitation');
    await reseller.sees('Invitation sent to Contoso Ltd');
    await reseller.screenshot('customer-invited');

    const customer = await stack.as('customer-global-admin');
    const invitation = await customer.sees('Woodgrove IT + Proseware Distribution');
    await customer.screenshot('invitation-received');
    await invitation.getByRole('checkbox').check();
    await customer.click(invitation, 'Accept & Authorize');
    const accepted = await customer.sees('Invitation accepted');
    await expectNoButton(accepted, 'Accept & Authorize');
    await customer.screenshot('accepted');

    await provider.page.bringToFront();
    await provider.sees('Woodgrove IT authorised you as its indirect provider');
    await provider.sees('Contoso Ltd accepted your invitation');
    await provider.screenshot('provider-told');
  });
});

async function expectNoButton(card: import('playwright-core').Locator, name: string): Promise<void> {
  const count = await card.getByRole('button', { name }).count();
  if (count !== 0) throw new Error(`The card still offers "${name}"`);
}
