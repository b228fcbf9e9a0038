import type { Locator } from 'playwright-core';
import { E2EStack } from './support/stack.js';

/**
 * Issue 22 in the local Teams client: `help` and `cancel` in the middle of request relationship. Help shows
 * what the partner can do and the form again; cancel at the draft says the invitation stays saved, and the
 * draft's Done no longer does anything.
 */
describe('help and cancel in the middle of a workflow, in the local Teams client', () => {
  const stack = new E2EStack();
  beforeAll(async () => {
    await stack.start();
    await (await stack.as('partner-admin-agent')).sees('Welcome to Partner Desk');
  });
  afterAll(() => stack.stop());

  it('help re-asks the form; cancel at the draft keeps the invitation and retires the card', async () => {
    const partner = await stack.as('partner-admin-agent');
    await partner.say('request relationship');
    await partner.say('help');
    await partner.sees('Help: what you can do');
    const forms = partner.messages.filter({ hasText: 'Request a reseller relationship' });
    // The form comes back below the help card: the step asks again.
    const again = forms.nth(1);
    await again.waitFor();
    await partner.screenshot('help-then-form');
    await again.getByLabel('Customer (existing organisation: name or domain)').fill('contoso.com');
    await partner.click(again, 'Request');
    await partner.sees('Personalised link (shown once)');
    // Pinned by position: later messages (the cancel) also name the invitation.
    const draft = partner.messages.nth((await partner.messages.count()) - 1);
    await expectText(draft, 'Personalised link (shown once)');

    await partner.say('where am i');
    await partner.sees('You are in requesting a reseller relationship, at the draft email');
    await partner.say('cancel');
    await partner.sees(
      'Cancelled requesting a reseller relationship. Already saved, and kept: the invitation for Contoso Ltd',
    );
    await partner.screenshot('cancelled');

    await partner.click(draft, 'Done');
    await expectText(draft, 'This form is no longer active');
    await partner.screenshot('stale-draft');
  });
});

async function expectText(card: Locator, text: string): Promise<void> {
  await card.getByText(text, { exact: false }).first().waitFor();
}
