import { useBotWorld } from '../../../support/bot-world.js';
import type { Person } from '../../../support/activities.js';
import { PARTNER_VERBS } from '../../../../src/bot/workflows/partner/partner-admin.js';
import { REQUEST_VERBS } from '../../../../src/cards/request-card.js';
import type { Store } from '../../../../src/store/store.js';
import { persona } from '../../../support/personas.js';

const [alex, sam, hana] = [persona('alex'), persona('sam'), persona('hana')];
const franz = persona('franz');

describe('partner: pending invitations and ending relationships', () => {
  const chat = useBotWorld();
  let store: Store;
  beforeEach(() => (store = chat.store));
  const as = (person: Person) => chat.harness(person, { FOUR_EYES: 'false' });

  it('lists pending invitations with age and days left; cancels one after confirmation', async () => {
    const bot = as(alex!);
    expect(await bot.say('invitations')).toContain('Adatum Cloud Partners has no pending invitation.');
    await bot.say('request relationship');
    await bot.click(REQUEST_VERBS.submit, { customer: 'contoso.com', relationship: 'reseller', includeAdmin: 'false' });
    await bot.say('cancel'); // the draft is not sent yet; the invitation stays pending
    const list = await bot.say('invitations');
    expect(list).toContain('Contoso Ltd · Reseller · no admin roles · created 22 Nov 2026 10:00 UTC');
    expect(list).toContain('0 days; 90 of 90 days left');
    expect(list).toContain('New link');
    const [invitation] = await store.all('invitations');
    const confirm = await bot.click(PARTNER_VERBS.cancelConfirm, { invitationId: invitation!.id });
    expect(confirm.text).toContain('Cancel the invitation to Contoso Ltd?');
    expect((await bot.click(PARTNER_VERBS.cancel, { invitationId: invitation!.id })).text).toContain(
      'The invitation to Contoso Ltd is cancelled.',
    );
    expect((await store.get('invitations', invitation!.id))?.status).toBe('cancelled');
    // The confirmation ended with the cancellation: clicking it again changes nothing.
    expect((await bot.click(PARTNER_VERBS.cancel, { invitationId: invitation!.id })).text).toContain(
      'This form is no longer active',
    );
  });

  it('an invitation someone else cancelled meanwhile is no longer open', async () => {
    const bot = as(alex!);
    await bot.say('request relationship');
    await bot.click(REQUEST_VERBS.submit, { customer: 'contoso.com', relationship: 'reseller', includeAdmin: 'false' });
    await bot.say('cancel');
    const [invitation] = await store.all('invitations');
    await bot.click(PARTNER_VERBS.cancelConfirm, { invitationId: invitation!.id });
    const sam_ = as(sam!);
    await sam_.click(PARTNER_VERBS.cancelConfirm, { invitationId: invitation!.id });
    expect((await sam_.click(PARTNER_VERBS.cancel, { invitationId: invitation!.id })).text).toContain('is cancelled');
    expect((await bot.click(PARTNER_VERBS.cancel, { invitationId: invitation!.id })).text).toContain('no longer open');
  });

  it('a helpdesk agent cannot see or cancel invitations', async () => {
    expect(await as(hana!).say('invitations')).toContain('This needs the role');
  });

  it('terminates admin access after confirmation; the relationship stays and the customer is told', async () => {
    const bot = as(alex!);
    expect(await bot.say('end relationship')).toContain(
      'Fabrikam Inc · Reseller, Delegated administrator · Helpdesk Administrator, License Administrator · since 12 Dec 2025',
    );
    const confirm = await bot.click(PARTNER_VERBS.endConfirm, {
      ending: 'admin-access',
      relationshipId: 'rel-adatum-fabrikam',
    });
    expect(confirm.text).toContain('Terminate admin access to Fabrikam Inc?');
    const done = await bot.click(PARTNER_VERBS.end, { ending: 'admin-access', relationshipId: 'rel-adatum-fabrikam' });
    expect(done.text).toContain(
      'Adatum Cloud Partners no longer has admin roles in Fabrikam Inc; the relationship stays.',
    );
    expect(await store.get('relationships', 'rel-adatum-fabrikam')).toMatchObject({
      status: 'active',
      adminAccess: { removedBy: 'Alex Wilber' },
    });
    const told = (await store.all('notifications'))
      .filter((n) => n.kind === 'relationship.admin-access-ended')
      .map((n) => n.aadObjectId);
    expect(told).toContain(franz.aadObjectId);
  });

  it('ends a relationship after confirmation; the customer is told', async () => {
    const bot = as(alex!);
    await bot.say('end relationship');
    const confirm = await bot.click(PARTNER_VERBS.endConfirm, {
      ending: 'relationship',
      relationshipId: 'rel-adatum-fabrikam',
    });
    expect(confirm.text).toContain('End the relationship with Fabrikam Inc?');
    const done = await bot.click(PARTNER_VERBS.end, { ending: 'relationship', relationshipId: 'rel-adatum-fabrikam' });
    expect(done.text).toContain('Adatum Cloud Partners and Fabrikam Inc no longer have a partner relationship.');
    expect(await store.get('relationships', 'rel-adatum-fabrikam')).toMatchObject({ status: 'terminated' });
    // The same confirmation again: its step ended, nothing happens twice.
    expect(
      (await bot.click(PARTNER_VERBS.end, { ending: 'relationship', relationshipId: 'rel-adatum-fabrikam' })).text,
    ).toContain(
      "This form is no longer active\nNothing was changed: this card belongs to a step that ended or moved on. Type 'end relationship' to start again.",
    );
    expect(await bot.say('end relationship')).not.toContain('Fabrikam Inc');
    expect(
      (await store.all('notifications')).some(
        (n) => n.kind === 'relationship.relationship-ended' && n.aadObjectId === franz.aadObjectId,
      ),
    ).toBe(true);
  });

  it('in the middle of ending one: where am i names the step, and another workflow asks to leave it first', async () => {
    const bot = as(alex!);
    await bot.say('end relationship');
    await bot.click(PARTNER_VERBS.endConfirm, { ending: 'relationship', relationshipId: 'rel-adatum-fabrikam' });
    expect(await bot.say('where am i')).toContain('You are in ending a relationship, at the confirmation');
    expect(await bot.say('remove global admin')).toContain('Leave ending a relationship?');
    expect(await store.get('relationships', 'rel-adatum-fabrikam')).toMatchObject({ status: 'active' });
  });

  it('a sales agent cannot start ending a relationship', async () => {
    expect(await as(sam!).say('end relationship')).toContain('This needs the role');
  });

  it.each([
    ['a sales agent', sam!, 'rel-adatum-fabrikam', 'This needs the role'],
    [
      'another partner\u2019s relationship',
      alex!,
      'rel-litware-contoso',
      "I cannot find that, or it is not your organisation's",
    ],
  ])('refuses %s, changing nothing', async (_name, person, relationshipId, message) => {
    const before = await store.get('relationships', relationshipId);
    const { text } = await as(person).click(PARTNER_VERBS.end, { ending: 'relationship', relationshipId });
    expect(text).toContain(message);
    expect(await store.get('relationships', relationshipId)).toEqual(before);
  });
});
