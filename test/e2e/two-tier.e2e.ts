import { E2EStack } from './support/stack.js';

/**
 * Provider invites a reseller → the reseller authorises it and sees the provider's access → invites a customer
 * for both, with delegated admin for itself, through the draft email and Done → the customer sees both partners
 * on one card and accepts both at once (issue 17 items 2 and 3).
 */
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
    // Item 2: what the provider holds in Woodgrove's tenant, and that the global admin may take it back.
    await reseller.sees('Global Administrator, Helpdesk Administrator, since');
    if ((await providers.getByRole('button', { name: 'Remove roles: Proseware Distribution' }).count()) !== 1)
      throw new Error('Indirect providers does not offer Remove roles');
    await reseller.click(providers, 'Invite new customers: Proseware Distribution');
    const customerForm = await reseller.sees('in one invitation');
    // Woodgrove deals with no customer yet: the picker offers only a new one; Contoso is named by its domain.
    if ((await customerForm.getByText('Contoso Ltd (contoso.com)').count()) !== 0)
      throw new Error('The picker offers a customer Woodgrove does not deal with');
    await customerForm.getByLabel("New customer's domain").fill('contoso.com');
    await customerForm.getByRole('checkbox', { name: 'Include delegated administration privileges' }).check();
    // A choice's checkbox is named after its set's label: the choice is clicked by its text.
    await customerForm.getByText(/^User Administrator:/).click();
    await customerForm.getByLabel('Duration of admin access').fill('180');
    await reseller.screenshot('invite-customer-form');
    await reseller.click(customerForm, 'Send invitation');
    const draft = await reseller.sees('Invitation for Contoso Ltd');
    await reseller.sees('together with its indirect provider Proseware Distribution');
    await reseller.screenshot('customer-invitation-draft');
    await reseller.click(draft, 'Done');
    await reseller.sees('Invitation sent to Contoso Ltd');
    await reseller.screenshot('customer-invited');

    const customer = await stack.as('customer-global-admin');
    const invitation = await customer.sees('Woodgrove IT and its indirect provider Proseware Distribution invite');
    await customer.sees('Proseware Distribution: reseller, so it can submit orders for you; no admin roles');
    if (!((await invitation.textContent()) ?? '').includes('Admin roles Woodgrove IT asks forUser Administrator'))
      throw new Error('The card does not show the admin role asked for the reseller');
    await customer.screenshot('invitation-received');
    await invitation.getByRole('checkbox').check();
    await customer.click(invitation, 'Accept & Authorize');
    const accepted = await customer.sees('Invitation accepted');
    await expectNoButton(accepted, 'Accept & Authorize');
    await customer.screenshot('accepted');
    await customer.say('my partners');
    await customer.sees('Proseware Distribution');
    await customer.screenshot('both-partners');

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
