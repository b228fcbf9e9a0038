import { PARTNER_VERBS } from '../../../../src/bot/workflows/partner/verbs.js';
import { INVITATION_VERBS } from '../../../../src/cards/invitation-card.js';
import type { InvitationRequest } from '../../../../src/services/invitations/invitations.js';
import { ExpiryGuardian } from '../../../../src/services/relationships/expiry-guardian.js';
import { Notifier } from '../../../../src/services/outbox/notifications.js';
import { MemoryLogger } from '../../../../src/logging/logger.js';
import { DEMO_TENANTS } from '../../../../src/store/demo-world.js';
import { runAdmin } from '../../../../src/tools/admin.js';
import { visibleText, type Person } from '../../../support/activities.js';
import { useBotWorld } from '../../../support/bot-world.js';
import { sendInvitation } from '../../../support/invitations.js';
import { persona } from '../../../support/personas.js';
import { NOW } from '../../../support/world.js';
import { buttons } from '../helpdesk/harness.js';
import { alex, carmen, hana } from './partner-world.js';

const TRIAL = { kind: 'trial', customer: 'contoso.com', services: 'teams-phone,m365-e3', includeAdmin: 'false' };

describe('a trial and a purchase offer have their own life (seed 004)', () => {
  const world = useBotWorld();
  const lidia = persona('lidia'); // Litware sales agent + global admin; Litware is in no programme
  const DAY_MS = 86_400_000;
  const later = (days: number) => new Date(NOW.getTime() + days * DAY_MS);
  const TRIAL_REQUEST: InvitationRequest = {
    kind: 'trial',
    customer: { tenantId: DEMO_TENANTS.contoso },
    relationshipTypes: ['reseller'],
    adminAccess: null,
    services: [{ serviceId: 'teams-phone' }, { serviceId: 'm365-e3' }],
  };

  async function guardianPass(at: Date): Promise<void> {
    const clock = () => at;
    const logger = new MemoryLogger();
    const notifier = new Notifier(world.store, { clock, logger });
    await new ExpiryGuardian({ store: world.store, notifier, clock, defaultLanguage: 'en', logger }).runOnce();
    expect(logger.lines.filter((l) => l.level === 'error')).toEqual([]);
  }
  const seenBy = async (person: Person, kind: string) =>
    (await world.store.all('notifications'))
      .filter((n) => n.aadObjectId === person.aadObjectId && n.kind === kind)
      .map((n) => ({
        text: visibleText(n.payload),
        card: (n.payload as { card?: { content?: unknown } }).card?.content,
      }));

  /** Adatum's trial of Teams Phone and Microsoft 365 E3, accepted by Carmen (which also accepts the MCA). */
  async function acceptedTrial(): Promise<void> {
    const { id } = await sendInvitation(world.store, TRIAL_REQUEST);
    const accepted = await world
      .harness(carmen)
      .click(INVITATION_VERBS.accept, { invitationId: id, acknowledged: 'true' });
    expect(accepted.text).toContain('Invitation accepted');
  }

  it('delegated administration is offered only to a partner in a programme the operator records', async () => {
    const bot = world.harness(lidia);
    expect(await bot.say('trial')).not.toContain('Include delegated administration privileges');
    const refused = await bot.click(PARTNER_VERBS.trialSubmit, {
      ...TRIAL,
      includeAdmin: 'true',
      roles: 'license-administrator',
      durationDays: '30',
    });
    expect(refused.text).toContain('Your organisation is in no programme that lets it offer delegated administration');
    expect(await world.store.all('invitations')).toHaveLength(0);

    const printed = await runAdmin(
      ['set-programme', '--tenant', DEMO_TENANTS.litware, '--programme', 'cloud-accelerate'],
      world.store,
      () => NOW,
    );
    expect(printed).toContain('Litware Solutions is in cloud-accelerate');
    expect((await world.store.get('organizations', DEMO_TENANTS.litware))?.delegatedAdminProgramme).toBe(
      'cloud-accelerate',
    );
    expect(await bot.say('trial')).toContain('Include delegated administration privileges');
    const sent = await bot.click(PARTNER_VERBS.trialSubmit, {
      ...TRIAL,
      includeAdmin: 'true',
      roles: 'license-administrator',
      durationDays: '30',
    });
    expect(sent.text).toContain('Trial invitation for Contoso Ltd');
    await expect(
      runAdmin(['set-programme', '--tenant', DEMO_TENANTS.contoso, '--programme', 'cloud-essentials'], world.store),
    ).rejects.toThrow('only partners offer delegated administration');
  });

  it('an accepted trial starts, is reminded before it ends, once, and ends', async () => {
    await acceptedTrial();
    const [trial] = await world.store.all('trials');
    expect(trial).toMatchObject({
      status: 'active',
      partnerTenantId: DEMO_TENANTS.adatum,
      customerTenantId: DEMO_TENANTS.contoso,
      services: [{ serviceId: 'teams-phone' }, { serviceId: 'm365-e3' }],
      startAt: NOW.toISOString(),
      endAt: later(30).toISOString(),
    });

    await guardianPass(later(24));
    await guardianPass(later(24.5));
    const toAlex = await seenBy(alex, 'trial.ending');
    expect(toAlex.map((n) => n.text)).toEqual([expect.stringContaining('The trial for Contoso Ltd ends in 6 days')]);
    expect(toAlex[0]!.text).toContain('Teams Phone, Microsoft 365 E3');
    expect(buttons(toAlex[0]!.card)).toEqual([
      {
        title: 'Create purchase offer',
        verb: PARTNER_VERBS.offerForm,
        data: { kind: 'purchase-offer', customer: 'contoso.com', services: 'teams-phone,m365-e3' },
      },
    ]);
    const offerForm = await world.harness(alex).click(PARTNER_VERBS.offerForm, buttons(toAlex[0]!.card)[0]!.data);
    expect(offerForm.text).toContain('Licences of Teams Phone');
    expect(JSON.stringify(offerForm.card)).toContain('contoso.com');
    expect((await seenBy(carmen, 'trial.ending')).map((n) => n.text)).toEqual([
      expect.stringContaining('Your trial from Adatum Cloud Partners ends in 6 days'),
    ]);

    await guardianPass(later(30));
    expect((await world.store.get('trials', trial!.id))?.status).toBe('ended');
    expect((await seenBy(carmen, 'trial.ended')).map((n) => n.text)).toEqual([
      expect.stringContaining('Your trial from Adatum Cloud Partners has ended'),
    ]);
    const timeline = await world.harness(hana).say('timeline contoso');
    for (const line of ['Trial started', 'Reminder sent: the trial ends in 7 days', 'Trial ended'])
      expect(timeline).toContain(line);
  });

  it('an accepted purchase offer records its licences and converts the trial it covers, which then never ends', async () => {
    await acceptedTrial();
    const { id } = await sendInvitation(world.store, {
      ...TRIAL_REQUEST,
      kind: 'purchase-offer',
      services: [{ serviceId: 'm365-e3', licences: 25 }],
    });
    await world.harness(carmen).click(INVITATION_VERBS.accept, { invitationId: id, acknowledged: 'true' });
    const [purchase] = await world.store.all('purchases');
    expect(purchase).toMatchObject({
      invitationId: id,
      partnerTenantId: DEMO_TENANTS.adatum,
      customerTenantId: DEMO_TENANTS.contoso,
      services: [{ serviceId: 'm365-e3', licences: 25 }],
      acceptedBy: { name: carmen.name },
    });
    const [trial] = await world.store.all('trials');
    expect(trial).toMatchObject({ status: 'converted', purchaseId: purchase!.id });

    await guardianPass(later(31));
    expect((await world.store.get('trials', trial!.id))?.status).toBe('converted');
    expect(await seenBy(carmen, 'trial.ended')).toEqual([]);
    const status = await world.harness(hana).say('status contoso');
    expect(status).toContain('Trials and purchases');
    expect(status).toMatch(/Trial: Teams Phone, Microsoft 365 E3\s*converted to a purchase on/);
    expect(status).toMatch(/Purchase: Microsoft 365 E3 · 25 licences\s*accepted by Carmen Navarro/);
    // The conversion is in both organisations' history; which of the commit's same-minute events the first
    // timeline page shows is not fixed, so the history is read from the store.
    const converted = (await world.store.all('auditEvents')).filter((e) => e.action === 'trial.converted');
    expect(converted.map((e) => [...e.tenantIds].sort())).toEqual([[DEMO_TENANTS.adatum, DEMO_TENANTS.contoso].sort()]);
    // Both events of the purchase's commit are in Contoso's and Adatum's history (the page shows the newest ten).
    const events = (await world.store.all('auditEvents')).filter((e) => e.action === 'purchase.recorded');
    expect(events.map((e) => [e.actor?.name, e.tenantIds, e.after])).toEqual([
      [
        carmen.name,
        [DEMO_TENANTS.adatum, DEMO_TENANTS.contoso],
        { services: [{ serviceId: 'm365-e3', licences: 25 }] },
      ],
    ]);
  });
});
