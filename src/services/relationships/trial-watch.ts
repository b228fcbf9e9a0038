import { TRIAL_MILESTONES, type Trial } from '../../domain/offers.js';
import type { Language, User } from '../../domain/model.js';
import { button } from '../../cards/button.js';
import { formatDate } from '../../cards/format.js';
import { noticeCard } from '../../cards/notice-card.js';
import { plural, translator, type Translator } from '../../i18n/i18n.js';
import type { Store, Transaction } from '../../store/store.js';
import { audit } from '../audit.js';
import type { Notifier } from '../outbox/notifications.js';
import type { GuardianReport } from './expiry-guardian.js';
import { committedReport } from './guardian-report.js';
import { dueMilestone } from './milestones.js';
import { customerAdmins, partnerStaff } from './recipients.js';

const DAY_MS = 86_400_000;
/** The partner's button on a trial reminder: the purchase offer form with the trial's customer and services. */
export const OFFER_FORM_VERB = 'partner.offer.form';

interface TrialWatchOptions {
  store: Store;
  notifier: Notifier;
  clock: () => Date;
  defaultLanguage: Language;
}

/** A trial's own life after acceptance: reminded 7 and 1 days before it ends, then ended, unless converted. */
export class TrialWatch {
  constructor(private readonly opts: TrialWatchOptions) {}

  async watch(id: string, report: GuardianReport): Promise<void> {
    await committedReport(this.opts.store, report, async (tx, report) => {
      const trial = await tx.get('trials', id);
      if (!trial || trial.status !== 'active') return;
      const now = this.opts.clock();
      if (now >= new Date(trial.endAt)) return this.end(tx, trial, now, report);
      const milestone = await dueMilestone(tx, id, trial.endAt, TRIAL_MILESTONES, now);
      if (!milestone) return;
      const days = Math.max(1, Math.ceil((new Date(trial.endAt).getTime() - now.getTime()) / DAY_MS));
      await this.tell(tx, trial, 'ending', (tr) => ({
        days: plural(tr, 'count.days', days),
        date: formatDate(trial.endAt, tr),
      }));
      audit(tx, now, {
        actor: null,
        action: `trial.reminder-${milestone.days}d`,
        target: { type: 'trial', id },
        tenantIds: [trial.partnerTenantId, trial.customerTenantId],
      });
      report.reminders.push(milestone.id);
    });
  }

  private async end(tx: Transaction, trial: Trial, now: Date, report: GuardianReport): Promise<void> {
    tx.update('trials', { ...trial, status: 'ended', endedAt: now.toISOString() });
    audit(tx, now, {
      actor: null,
      action: 'trial.ended',
      target: { type: 'trial', id: trial.id },
      tenantIds: [trial.partnerTenantId, trial.customerTenantId],
    });
    await this.tell(tx, trial, 'ended', (tr) => ({ date: formatDate(trial.endAt, tr) }));
    report.expired.push(trial.id);
  }

  /** The partner's staff (with a button to turn the trial into a purchase offer) and the customer's admins. */
  private async tell(
    tx: Transaction,
    trial: Trial,
    event: 'ending' | 'ended',
    params: (tr: Translator) => Record<string, string>,
  ): Promise<void> {
    const partner = await tx.get('organizations', trial.partnerTenantId);
    const customer = await tx.get('organizations', trial.customerTenantId);
    if (!partner || !customer) return;
    const send = (person: User, side: 'partner' | 'customer') => {
      const tr = translator(person.language ?? this.opts.defaultLanguage);
      const services = trial.services.map((s) => tr.t(`service.${s.serviceId}`)).join(', ');
      const words = { partner: partner.name, customer: customer.name, services, ...params(tr) };
      const data = {
        kind: 'purchase-offer',
        customer: customer.primaryDomain,
        services: trial.services.map((s) => s.serviceId).join(','),
      };
      const actions = side === 'partner' ? [button(tr.t('trial.makeOffer'), OFFER_FORM_VERB, data, 'positive')] : [];
      const card = noticeCard(
        tr.t(`trial.${event}.${side}Title`, words),
        tr.t(`trial.${event}.${side}Text`, words),
        'warning',
        [],
        actions,
      );
      this.opts.notifier.enqueue(tx, person, `trial.${event}`, { card }, trial.id);
    };
    for (const person of await partnerStaff(tx, trial.partnerTenantId)) send(person, 'partner');
    for (const person of await customerAdmins(tx, trial.customerTenantId)) send(person, 'customer');
  }
}
