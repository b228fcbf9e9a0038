import { applyInvitationEvent, applyRelationshipEvent, canAutoExtend } from '../../domain/lifecycle.js';
import type { Invitation, Language, Organization, Relationship, User } from '../../domain/model.js';
import { button } from '../../cards/button.js';
import { adminRoleNames, formatDate } from '../../cards/format.js';
import { invitationFacts, relationshipNoticeFacts } from '../../cards/labels.js';
import { noticeCard } from '../../cards/notice-card.js';
import { plural, translator } from '../../i18n/i18n.js';
import { type Store, type Transaction } from '../../store/store.js';
import { EVERY_GROUP } from '../../store/ordered-indexes.js';
import { committedReport } from './guardian-report.js';
import { audit } from '../audit.js';
import type { Notifier } from '../outbox/notifications.js';
import { describeError, type Logger } from '../../logging/logger.js';
import { syncAssignmentsWithAccess } from './access-assignments.js';
import { dueMilestone } from './milestones.js';
import { partnerStaff } from './recipients.js';
import { TrialWatch } from './trial-watch.js';

// A pass over tens of thousands of relationships is store work with no I/O wait: it gives the event loop back
// every so often, so turns arriving meanwhile are not held up for the whole pass.
const YIELD_EVERY = 200;

async function eachGivingWay<T>(items: readonly T[], work: (item: T) => Promise<void>): Promise<void> {
  for (const [i, item] of items.entries()) {
    await work(item);
    if (i % YIELD_EVERY === YIELD_EVERY - 1) await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

const DAY_MS = 86_400_000;
/** Days before admin access ends when partner staff and customer admins are reminded. */
export const ACCESS_MILESTONES = [30, 7, 1] as const;
/** Days before an invitation lapses when the partner is reminded. */
export const INVITATION_MILESTONES = [7, 1] as const;

export const AUTO_EXTEND_VERB = 'helpdesk.auto-extend';

export interface GuardianReport {
  reminders: string[];
  expired: string[];
  extended: string[];
}

export interface ExpiryGuardianOptions {
  store: Store;
  notifier: Notifier;
  clock: () => Date;
  defaultLanguage: Language;
  /** A pass that fails is logged here and tried again at the next interval. */
  logger: Logger;
  /** How often it looks; the reminders collection, not timing, is what prevents duplicates. */
  intervalMs?: number;
}

/**
 * Watches admin access, invitations and trials in-process: reminds 30, 7 and 1 days before admin access ends,
 * before invitations lapse and before trials end, then expires (or auto-extends) what is due, through the lifecycle rules.
 *
 * Restarts: each reminder is recorded as `reminders/${subjectId}/${milestone}` in the same transaction as its
 * notification, so a reminder is sent once even if two runs overlap; a run after downtime sends the most
 * urgent milestone that is due and marks the earlier ones passed, so nothing is missed or sent stale.
 */
export class ExpiryGuardian {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<GuardianReport> | undefined;

  constructor(private readonly opts: ExpiryGuardianOptions) {}

  start(): void {
    if (this.timer) return;
    const run = () =>
      void this.runOnce().catch((error: unknown) =>
        this.opts.logger.error('expiry guardian pass failed', { error: describeError(error) }),
      );
    run();
    this.timer = setInterval(run, this.opts.intervalMs ?? 15 * 60_000);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** One pass; concurrent calls share it. */
  runOnce(): Promise<GuardianReport> {
    this.running ??= this.pass().finally(() => (this.running = undefined));
    return this.running;
  }

  private async pass(): Promise<GuardianReport> {
    const report: GuardianReport = { reminders: [], expired: [], extended: [] };
    const { store } = this.opts;
    await this.watchAccessEndingSoon(report);
    for (const status of ['created', 'approval-pending'] as const) {
      for await (const batch of store.scan('invitations', 'status', status)) {
        await eachGivingWay(batch, (invitation) => this.watchInvitation(invitation.id, report));
      }
    }
    const trials = new TrialWatch(this.opts);
    for await (const batch of store.scan('trials', 'status', 'active')) {
      await eachGivingWay(batch, (trial) => trials.watch(trial.id, report));
    }
    if (report.reminders.length || report.expired.length || report.extended.length) void this.opts.notifier.drain();
    return report;
  }

  /**
   * Only admin access that ends within the furthest reminder (or has ended) needs anything: read through
   * the accessEnds index in time order, a batch at a time, from where the last batch ended. What a batch
   * changes may leave the index or move in it, so what was watched is remembered, not counted.
   */
  private async watchAccessEndingSoon(report: GuardianReport): Promise<void> {
    const to = new Date(this.opts.clock().getTime() + Math.max(...ACCESS_MILESTONES) * DAY_MS).toISOString();
    const watched = new Set<string>();
    let from = '';
    let limit = YIELD_EVERY;
    for (;;) {
      const { records } = await this.opts.store.findPage('relationships', 'accessEnds', {
        group: EVERY_GROUP,
        from,
        to,
        offset: 0,
        limit,
      });
      const fresh = records.filter((r) => !watched.has(r.id));
      if (fresh.length === 0) {
        if (records.length < limit) return;
        limit *= 2; // more than a batch end at the same moment: read past them
        continue;
      }
      limit = YIELD_EVERY;
      for (const relationship of fresh) {
        watched.add(relationship.id);
        await this.watchRelationship(relationship.id, report);
      }
      from = records.at(-1)!.adminAccess!.endAt;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  private async watchRelationship(id: string, report: GuardianReport): Promise<void> {
    await committedReport(this.opts.store, report, async (tx, report) => {
      const relationship = await tx.get('relationships', id);
      const access = relationship?.adminAccess;
      if (!relationship || !access || access.removedAt) return;
      const now = this.opts.clock();
      const endAt = new Date(access.endAt);
      if (now >= endAt) return this.end(tx, relationship, now, report);
      if (access.autoExtend) return; // Nothing will end: no reminder needed.
      const milestone = await dueMilestone(tx, id, access.endAt, ACCESS_MILESTONES, now);
      if (!milestone) return;
      const { partner, customer } = await orgsOf(tx, relationship);
      if (!partner || !customer) return;
      const days = Math.max(1, Math.ceil((endAt.getTime() - now.getTime()) / DAY_MS));
      for (const person of await partnerStaff(tx, relationship.partnerTenantId)) {
        const tr = translator(person.language ?? this.opts.defaultLanguage);
        const offer = canAutoExtend(access.roles);
        const card = noticeCard(
          tr.t('guardian.partnerTitle', { customer: customer.name, days: plural(tr, 'count.days', days) }),
          tr.t('guardian.partnerText', {
            customer: customer.name,
            roles: adminRoleNames(access.roles, tr),
            date: formatDate(access.endAt, tr),
          }) +
            ' ' +
            tr.t(offer ? 'guardian.offerAutoExtend' : 'guardian.noAutoExtend'),
          'warning',
          relationshipNoticeFacts(relationship, customer.name, tr),
          offer ? [button(tr.t('guardian.autoExtend'), AUTO_EXTEND_VERB, { relationshipId: id }, 'positive')] : [],
        );
        this.opts.notifier.enqueue(tx, person, 'guardian.access-ending', { card }, id);
      }
      for (const person of await customerSideAdmins(tx, relationship)) {
        const tr = translator(person.language ?? this.opts.defaultLanguage);
        const card = noticeCard(
          tr.t('guardian.customerTitle', { partner: partner.name, days: plural(tr, 'count.days', days) }),
          tr.t('guardian.customerText', {
            partner: partner.name,
            roles: adminRoleNames(access.roles, tr),
            date: formatDate(access.endAt, tr),
          }),
          'default',
        );
        this.opts.notifier.enqueue(tx, person, 'guardian.access-ending', { card }, id);
      }
      audit(tx, now, {
        actor: null,
        action: `relationship.reminder-${milestone.days}d`,
        target: { type: 'relationship', id },
        tenantIds: [relationship.partnerTenantId, relationship.customerTenantId],
      });
      report.reminders.push(milestone.id);
    });
  }

  /** Admin access reached its end: auto-extend where it is on (and allowed), otherwise it ends. */
  private async end(tx: Transaction, relationship: Relationship, now: Date, report: GuardianReport): Promise<void> {
    const access = relationship.adminAccess!;
    const extend = access.autoExtend && canAutoExtend(access.roles);
    const next = applyRelationshipEvent(
      relationship,
      { type: extend ? 'auto-extend' : 'expire' },
      { actor: 'system', now },
    );
    if (!next.ok) return;
    tx.update('relationships', next.value);
    audit(tx, now, {
      actor: null,
      action: extend ? 'relationship.auto-extended' : 'relationship.access-expired',
      target: { type: 'relationship', id: relationship.id },
      tenantIds: [relationship.partnerTenantId, relationship.customerTenantId],
      before: { status: relationship.status, endAt: access.endAt },
      after: { status: next.value.status, endAt: next.value.adminAccess?.endAt },
    });
    if (extend) return void report.extended.push(relationship.id);
    await syncAssignmentsWithAccess(tx, next.value, now, null);
    const { partner, customer } = await orgsOf(tx, relationship);
    for (const person of await partnerStaff(tx, relationship.partnerTenantId)) {
      const tr = translator(person.language ?? this.opts.defaultLanguage);
      const card = noticeCard(
        tr.t('guardian.endedTitle', { customer: customer?.name ?? '' }),
        tr.t('guardian.endedText', { customer: customer?.name ?? '', partner: partner?.name ?? '' }),
        'attention',
        relationshipNoticeFacts(relationship, customer?.name ?? '', tr),
      );
      this.opts.notifier.enqueue(tx, person, 'guardian.access-ended', { card }, relationship.id);
    }
    report.expired.push(relationship.id);
  }

  private async watchInvitation(id: string, report: GuardianReport): Promise<void> {
    await committedReport(this.opts.store, report, async (tx, report) => {
      const invitation = await tx.get('invitations', id);
      if (!invitation || (invitation.status !== 'created' && invitation.status !== 'approval-pending')) return;
      const now = this.opts.clock();
      if (now >= new Date(invitation.expiresAt)) return this.expireInvitation(tx, invitation, now, report);
      const milestone = await dueMilestone(tx, id, invitation.expiresAt, INVITATION_MILESTONES, now);
      if (!milestone) return;
      const customer = invitation.customerTenantId
        ? ((await tx.get('organizations', invitation.customerTenantId))?.name ?? invitation.customerDomain)
        : invitation.customerDomain;
      const days = Math.max(1, Math.ceil((new Date(invitation.expiresAt).getTime() - now.getTime()) / DAY_MS));
      for (const person of await invitationOwners(tx, invitation)) {
        const tr = translator(person.language ?? this.opts.defaultLanguage);
        const card = noticeCard(
          tr.t('guardian.invitationTitle', { customer, days: plural(tr, 'count.days', days) }),
          tr.t('guardian.invitationText', { customer, date: formatDate(invitation.expiresAt, tr) }),
          'warning',
          invitationFacts(invitation, customer, tr),
        );
        this.opts.notifier.enqueue(tx, person, 'guardian.invitation-lapsing', { card }, id);
      }
      report.reminders.push(milestone.id);
    });
  }

  private async expireInvitation(tx: Transaction, invitation: Invitation, now: Date, report: GuardianReport) {
    const next = applyInvitationEvent(invitation, { type: 'expire' }, { actor: 'system', now });
    if (!next.ok) return;
    tx.update('invitations', next.value);
    audit(tx, now, {
      actor: null,
      action: 'invitation.expired',
      target: { type: 'invitation', id: invitation.id },
      tenantIds: [invitation.partnerTenantId, ...(invitation.customerTenantId ? [invitation.customerTenantId] : [])],
    });
    report.expired.push(invitation.id);
  }
}

async function orgsOf(tx: Transaction, r: Relationship): Promise<{ partner?: Organization; customer?: Organization }> {
  return {
    partner: await tx.get('organizations', r.partnerTenantId),
    customer: await tx.get('organizations', r.customerTenantId),
  };
}

/**
 * Who is reminded on the side that granted the access: the customer's admins, or, for an indirect provider's
 * access to a reseller's tenant, the reseller's global admins (they authorised it and may remove it).
 */
async function customerSideAdmins(tx: Transaction, relationship: Relationship): Promise<User[]> {
  const users = await tx.findBy('users', 'tenant', relationship.customerTenantId);
  if (relationship.types.includes('indirect-provider'))
    return users.filter((u) => u.roles.side === 'partner' && u.roles.admin === 'global-admin');
  return users.filter((u) => u.roles.side === 'customer' && u.roles.admin.length > 0);
}

/** Whoever created the invitation; if they left, the staff who may request relationships. */
async function invitationOwners(tx: Transaction, invitation: Invitation): Promise<User[]> {
  const creator = await tx.get('users', invitation.createdBy.userId);
  if (creator && creator.tenantId === invitation.partnerTenantId) return [creator];
  return (await tx.findBy('users', 'tenant', invitation.partnerTenantId)).filter(
    (u) =>
      u.roles.side === 'partner' &&
      (u.roles.agent === 'admin-agent' || u.roles.agent === 'sales-agent' || u.roles.admin === 'global-admin'),
  );
}
