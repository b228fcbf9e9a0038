import { visibleText } from '../../../support/activities.js';
import { useBotWorld } from '../../../support/bot-world.js';
import { NOW, user } from '../../../support/world.js';
import { DEMO_TENANTS, demoWorld } from '../../../../src/store/demo-world.js';
import { ENROLL_VERB } from '../../../../src/bot/workflows/two-tier/enrollment.js';
import { TWO_TIER_VERBS } from '../../../../src/bot/workflows/two-tier/two-tier.js';
import { REQUEST_VERBS } from '../../../../src/cards/request-card.js';
import { runAdmin } from '../../../../src/tools/admin.js';
import { persona } from '../../../support/personas.js';
import { TAILSPIN_APPLICATION } from '../../../support/enrollment-application.js';

const lucia = persona('lucia'); // Tailspin Toys (Spain) global admin, on the customer side until approved
const paul = persona('paul'); // Proseware (indirect provider)
const pablo = { tenantId: DEMO_TENANTS.tailspin, aadObjectId: 'e1e1e1e1-0000-4000-8000-0000000000b1' };
const FORM = TAILSPIN_APPLICATION;

describe('an approved enrolment leads somewhere', () => {
  const chat = useBotWorld(() => {
    const world = demoWorld(NOW);
    // A Tailspin billing admin: no partner role follows from it.
    world.users = [
      ...(world.users ?? []),
      user({
        ...pablo,
        name: 'Pablo Pagos',
        email: 'pablo@tailspintoys.es',
        roles: { side: 'customer', admin: ['billing-admin'] },
      }),
    ];
    return world;
  });
  const as = (person: { tenantId: string; aadObjectId: string }) => chat.harness(person, { FOUR_EYES: 'false' });

  async function enrolAndApprove(): Promise<void> {
    const applicant = as(lucia);
    await applicant.say('enroll');
    expect((await applicant.click(ENROLL_VERB, FORM)).text).toContain('We sent a one-time code');
    const [note] = (await chat.store.all('notifications')).filter((n) => n.kind === 'enrollment.code');
    const code = /\b(\d{6})\b/.exec(visibleText(note?.payload))![1];
    expect(await applicant.say(`verify ${code}`)).toContain('Email confirmed');
    const [application] = await chat.store.all('enrollments');
    expect(await runAdmin(['review-enrollment', application!.id, '--approve'], chat.store, () => NOW)).toContain(
      'approved',
    );
  }

  it('the primary contact becomes admin agent and global admin, is told so, and can act at once', async () => {
    await enrolAndApprove();
    const tailspin = await chat.store.get('organizations', DEMO_TENANTS.tailspin);
    expect(tailspin).toMatchObject({ kind: 'indirect-reseller', mpnId: '5550001' });
    expect((await chat.store.get('users', lucia.id))?.roles).toEqual({
      side: 'partner',
      agent: 'admin-agent',
      admin: 'global-admin',
    });
    const [billing] = await chat.store.findBy('users', 'email', 'pablo@tailspintoys.es');
    expect(billing?.roles).toEqual({ side: 'partner', agent: 'none', admin: 'none' });
    const approved = (await chat.store.all('notifications')).filter(
      (n) => n.kind === 'enrollment.status' && n.aadObjectId === lucia.aadObjectId,
    );
    expect(approved.map((n) => visibleText(n.payload)).join('\n')).toContain(
      'you are its admin agent and global admin',
    );

    const reseller = as(lucia);
    expect(await reseller.say('whoami')).toContain('Admin agent');
    expect(await reseller.say('help')).toContain('indirect providers');
    expect(await reseller.say('indirect providers')).toContain(
      'Tailspin Toys has not authorised an indirect provider yet',
    );

    // A provider invites the new reseller; its global admin authorises it.
    const provider = as(paul);
    expect((await provider.click(TWO_TIER_VERBS.inviteResellerForm, {})).text).toContain('Tailspin Toys');
    await provider.click(TWO_TIER_VERBS.inviteReseller, { resellerTenantId: DEMO_TENANTS.tailspin });
    const [invitation] = (await chat.store.findBy('invitations', 'customer', DEMO_TENANTS.tailspin)).filter(
      (i) => i.kind === 'indirect-provider',
    );
    await reseller.click(TWO_TIER_VERBS.open, { invitationId: invitation!.id });
    const done = await reseller.click(TWO_TIER_VERBS.authorize, { invitationId: invitation!.id, confirmed: 'true' });
    expect(done.text).toContain('Proseware Distribution is now your indirect provider');

    // And requests a reseller relationship with a new customer in its own country.
    expect(await reseller.say('request relationship')).toContain('Request a reseller relationship');
    const draft = await reseller.click(REQUEST_VERBS.submit, {
      newDomain: 'jugueteria.es',
      newEmail: 'ana@jugueteria.es',
      relationship: 'reseller',
    });
    expect(draft.text).toContain('Done');
    expect(await chat.store.findBy('invitations', 'partner', DEMO_TENANTS.tailspin)).toHaveLength(1);
    const timeline = await chat.store.findBy('auditEvents', 'tenant', DEMO_TENANTS.tailspin);
    expect(timeline.map((e) => e.action)).toEqual(
      expect.arrayContaining(['organization.kind-changed', 'user.roles-changed', 'enrollment.approved']),
    );
  });

  it('a rejection reaches the primary contact with the reason, and the organisation stays a customer', async () => {
    const applicant = as(lucia);
    await applicant.say('enroll');
    await applicant.click(ENROLL_VERB, FORM);
    const [note] = (await chat.store.all('notifications')).filter((n) => n.kind === 'enrollment.code');
    await applicant.say(`verify ${/\b(\d{6})\b/.exec(visibleText(note?.payload))![1]}`);
    const [application] = await chat.store.all('enrollments');
    await runAdmin(
      ['review-enrollment', application!.id, '--reject', '--reason', 'MPN profile inactive'],
      chat.store,
      () => NOW,
    );
    const told = (await chat.store.all('notifications'))
      .filter((n) => n.kind === 'enrollment.status' && n.aadObjectId === lucia.aadObjectId)
      .map((n) => visibleText(n.payload));
    expect(told.join('\n')).toContain('being reviewed');
    expect(told.join('\n')).toContain('Not approved. Reason: MPN profile inactive');
    expect((await chat.store.get('organizations', DEMO_TENANTS.tailspin))?.kind).toBe('customer');
    expect((await chat.store.get('users', lucia.id))?.roles.side).toBe('customer');
  });

  it.each([
    [{ ...FORM, countryRegion: 'US' }, 'The legal address is in US, but your organisation is registered in ES'],
    [{ ...FORM, mpnId: '123' }, 'partner network (MPN) id: 6 to 10 digits'],
  ])('the MPN id and its country are checked: %j', async (values, message) => {
    const applicant = as(lucia);
    await applicant.say('enroll');
    const { text } = await applicant.click(ENROLL_VERB, values);
    expect(text).toContain(message);
    expect(await chat.store.all('enrollments')).toEqual([]);
  });

  it("another organisation's MPN id is refused", async () => {
    const adatum = await chat.store.get('organizations', DEMO_TENANTS.adatum);
    await chat.store.transaction((tx) => void tx.update('organizations', { ...adatum!, mpnId: FORM.mpnId }));
    const applicant = as(lucia);
    await applicant.say('enroll');
    const { text } = await applicant.click(ENROLL_VERB, FORM);
    expect(text).toContain('already belongs to another organisation');
    expect(await chat.store.all('enrollments')).toEqual([]);
  });

  it('an expired code does not block the application: applying again sends a new code', async () => {
    const applicant = as(lucia);
    await applicant.say('enroll');
    await applicant.click(ENROLL_VERB, FORM);
    const [first] = await chat.store.all('enrollments');
    await chat.store.transaction(
      (tx) =>
        void tx.update('enrollments', {
          ...first!,
          verification: { ...first!.verification, expiresAt: new Date(NOW.getTime() - 1000).toISOString() },
        }),
    );
    // The expired code takes the applicant back to the form, filled in, to apply again.
    const back = await applicant.say('verify 123456');
    expect(back).toContain('Apply again to get a new code');
    expect(back).toContain('Tailspin Toys S.L.');
    expect((await applicant.click(ENROLL_VERB, FORM)).text).toContain('We sent a one-time code');
    const all = await chat.store.all('enrollments');
    expect(all).toHaveLength(1);
    expect(all[0]!.verification.codeHash).not.toBe(first!.verification.codeHash);
    expect((await chat.store.all('notifications')).filter((n) => n.kind === 'enrollment.code')).toHaveLength(2);
  });
});
