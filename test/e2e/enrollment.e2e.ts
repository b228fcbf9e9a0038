import { E2EStack } from './support/stack.js';

const FORM: [label: string, value: string][] = [
  ['Legal business name', 'Contoso Ltd.'],
  ['Street address', '1 Microsoft Way'],
  ['City', 'Redmond'],
  ['Postal code', '98052'],
  ['Country/region (2 letters, e.g. US)', 'US'],
  ['Primary contact name', 'Carmen Navarro'],
  ['Primary contact email (not web mail)', 'carmen@contoso.com'],
  ['Primary contact phone', '+1 425 555 0100'],
  ['Support email', 'support@contoso.com'],
  ['Support phone', '+1 425 555 0101'],
  ['Partner network (MPN) id', '4440001'],
];

/**
 * Issue 17 item 1: a global admin enrols as an indirect reseller → confirms the code sent in Teams → the operator
 * approves on the command line → at once the primary contact is told, and as admin agent and global admin
 * authorises an indirect provider and may request relationships.
 */
describe('enrolment as an indirect reseller in the local Teams client', () => {
  const stack = new E2EStack();
  beforeAll(async () => {
    await stack.start();
    for (const persona of ['customer-global-admin', 'provider-global-admin']) {
      await (await stack.as(persona)).sees('Welcome to Partner Desk');
    }
  });
  afterAll(() => stack.stop());

  it('leads somewhere: approved, the contact authorises a provider and may request relationships', async () => {
    const applicant = await stack.as('customer-global-admin');
    const form = await applicant.say('enroll');
    for (const [label, value] of FORM) await form.getByLabel(label, { exact: false }).first().fill(value);
    await applicant.screenshot('enrolment-form');
    await applicant.click(form, 'Enroll now');
    await applicant.sees('We sent a one-time code to Carmen Navarro in Teams');
    const codeMessage = await applicant.sees(/Your code for Contoso Ltd\. is \d{6}/);
    const code = /is (\d{6})/.exec((await codeMessage.textContent()) ?? '')![1]!;
    await applicant.say(`verify ${code}`);
    await applicant.sees('Email confirmed');
    await applicant.sees('the application is being reviewed');
    await applicant.screenshot('email-confirmed');

    const listed = await stack.operator(['enrollments']);
    const id = /^(\S+)\s+in-review/m.exec(listed)![1]!;
    expect(await stack.operator(['review-enrollment', id, '--approve'])).toContain('approved');

    // The first turn after the restart also sends what the operator's decision queued.
    await applicant.say('indirect providers');
    await applicant.sees('you are its admin agent and global admin');
    await applicant.sees('Contoso Ltd has not authorised an indirect provider yet');
    await applicant.screenshot('approved');

    const provider = await stack.as('provider-global-admin');
    const resellers = await provider.say('indirect resellers');
    await provider.click(resellers, 'Invite a reseller');
    const invite = await provider.sees('will be asked to authorise');
    await invite.getByLabel('Contoso Ltd (contoso.com)').check();
    await provider.click(invite, 'Send invitation');
    await provider.sees('Invitation sent to Contoso Ltd');

    await applicant.page.bringToFront();
    const request = await applicant.sees('Authorize indirect provider');
    await applicant.click(request, 'Open');
    const authorize = await applicant.sees('may submit orders and add subscriptions');
    await authorize.getByRole('checkbox').check();
    await applicant.click(authorize, 'Authorize indirect provider');
    await applicant.sees('Proseware Distribution is now your indirect provider');
    await applicant.say('indirect providers');
    await applicant.sees('Global Administrator, Helpdesk Administrator, since');
    await applicant.screenshot('provider-authorised');

    await applicant.say('request relationship');
    await applicant.sees('Request a reseller relationship');
    await applicant.screenshot('may-request-relationships');
  });
});
