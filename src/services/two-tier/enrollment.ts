import { createHash, randomInt, randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Enrollment, EnrollmentStatus, Language } from '../../domain/model.js';
import { decide } from '../../domain/policy.js';
import { noticeCard } from '../../cards/notice-card.js';
import { translator } from '../../i18n/i18n.js';
import { withRetry, type Store, type Transaction } from '../../store/store.js';
import { audit } from '../audit.js';
import { actorOf, type Acting } from '../invitations/invitations.js';
import type { Notifier } from '../outbox/notifications.js';
import { ok, refuse, type Outcome } from '../outcome.js';
import type { Logger } from '../../logging/logger.js';
import { becomeIndirectReseller, isPrimaryContact } from './enrollment-approval.js';

const CODE_MINUTES = 30;
const MAX_ATTEMPTS = 5;

export const EnrollmentForm = z.object({
  legalName: z.string().trim().min(2, 'legalName').max(200, 'legalName'),
  street: z.string().trim().min(2, 'street').max(200, 'street'),
  city: z.string().trim().min(2, 'city').max(100, 'city'),
  postalCode: z.string().trim().min(2, 'postalCode').max(20, 'postalCode'),
  countryRegion: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/, 'countryRegion'),
  contactName: z.string().trim().min(2, 'contactName').max(120, 'contactName'),
  contactEmail: z.string().trim().toLowerCase().email('contactEmail'),
  contactPhone: z.string().trim().min(5, 'contactPhone').max(40, 'contactPhone'),
  supportEmail: z.string().trim().toLowerCase().email('supportEmail'),
  supportPhone: z.string().trim().min(5, 'supportPhone').max(40, 'supportPhone'),
  mpnId: z
    .string()
    .trim()
    .regex(/^\d{6,10}$/, 'mpnId'),
});
export type EnrollmentForm = z.infer<typeof EnrollmentForm>;

const FIELDS = Object.keys(EnrollmentForm.shape);
const invalidField = (field: unknown) => (typeof field === 'string' && FIELDS.includes(field) ? field : 'legalName');

/** Expired or tried too often: it can no longer confirm anything. */
const codeIsDead = (e: Enrollment, now: Date) =>
  now > new Date(e.verification.expiresAt) || e.verification.attempts >= MAX_ATTEMPTS;

async function mpnIdHeldElsewhere(tx: Transaction, mpnId: string, tenantId: string): Promise<boolean> {
  for (const kind of ['direct-reseller', 'indirect-reseller', 'indirect-provider'] as const) {
    if ((await tx.findBy('organizations', 'kind', kind)).some((o) => o.mpnId === mpnId && o.tenantId !== tenantId))
      return true;
  }
  return false;
}

const hashCode = (code: string) => createHash('sha256').update(code).digest('hex');

/** Enrolment as an indirect reseller (rule 11): apply, confirm the primary contact, operator review. */
export class EnrollmentService {
  constructor(
    private readonly store: Store,
    private readonly notifier: Notifier,
    private readonly clock: () => Date,
    private readonly defaultLanguage: Language,
    private readonly logger: Logger,
  ) {}

  async apply(acting: Acting, input: unknown): Promise<Outcome<Enrollment>> {
    const parsed = EnrollmentForm.safeParse(input);
    // The field that failed, not zod's message: a missing field's message is "Required", which has no text.
    if (!parsed.success) return refuse(`enrollment-invalid-${invalidField(parsed.error.issues[0]?.path[0])}`);
    const form = parsed.data;
    const decision = decide(acting.user, 'enroll-indirect-reseller', {
      actorOrg: acting.org,
      primaryContactEmail: form.contactEmail,
    });
    if (!decision.allowed) return refuse(decision.reason, decision.params, decision.neededRoles);
    if (acting.org.kind === 'indirect-reseller') return refuse('enrollment-already-reseller');
    // Seed 002: the MPN id must belong to a profile in the same country/region as the tenant.
    if (form.countryRegion !== acting.org.countryRegion.toUpperCase()) {
      return refuse('enrollment-country-mismatch', {
        address: form.countryRegion,
        tenant: acting.org.countryRegion.toUpperCase(),
      });
    }
    return withRetry(this.store, async (tx) => {
      const now = this.clock();
      const open = (await tx.findBy('enrollments', 'tenant', acting.org.tenantId)).find(
        (e) => e.status === 'in-review' || (e.status === 'awaiting-verification' && !codeIsDead(e, now)),
      );
      if (open) return refuse('enrollment-open', { status: open.status });
      // An MPN id links one organisation's membership; another organisation's is not this one's to use.
      if (await mpnIdHeldElsewhere(tx, form.mpnId, acting.org.tenantId)) return refuse('enrollment-mpn-in-use');
      // An application whose code expired is applied for again: it gets the new details and a new code.
      const stale = (await tx.findBy('enrollments', 'tenant', acting.org.tenantId)).find(
        (e) => e.status === 'awaiting-verification',
      );
      const [contact] = (await tx.findBy('users', 'email', form.contactEmail)).filter(
        (u) => u.tenantId === acting.org.tenantId,
      );
      if (!contact) return refuse('enrollment-contact-unknown', { email: form.contactEmail });
      const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
      const details = {
        tenantId: acting.org.tenantId,
        legalName: form.legalName,
        address: {
          street: form.street,
          city: form.city,
          postalCode: form.postalCode,
          countryRegion: form.countryRegion,
        },
        primaryContact: { name: form.contactName, email: form.contactEmail, phone: form.contactPhone },
        support: { email: form.supportEmail, phone: form.supportPhone },
        mpnId: form.mpnId,
        status: 'awaiting-verification',
        verification: {
          codeHash: hashCode(code),
          expiresAt: new Date(now.getTime() + CODE_MINUTES * 60_000).toISOString(),
          attempts: 0,
        },
        submittedBy: actorOf(acting),
      } satisfies Partial<Enrollment>;
      const submitted = { status: 'awaiting-verification' as const, at: now.toISOString(), by: acting.user.name };
      const enrollment = stale
        ? tx.update('enrollments', { ...stale, ...details, history: [...stale.history, submitted] })
        : tx.insert('enrollments', {
            id: randomUUID(),
            ...details,
            history: [submitted],
            createdAt: now.toISOString(),
          });
      const tr = translator(contact.language ?? this.defaultLanguage);
      this.notifier.enqueue(
        tx,
        contact,
        'enrollment.code',
        {
          card: noticeCard(
            tr.t('enroll.code.title'),
            tr.t('enroll.code.text', { code, org: form.legalName, minutes: CODE_MINUTES }),
            'default',
          ),
        },
        enrollment.id,
      );
      audit(tx, now, {
        actor: actorOf(acting),
        action: 'enrollment.submitted',
        target: { type: 'enrollment', id: enrollment.id },
        tenantIds: [acting.org.tenantId],
      });
      return ok(enrollment);
    });
  }

  /** The primary contact confirms their address with the one-time code sent to them in Teams. */
  async verify(acting: Acting, code: string): Promise<Outcome<Enrollment>> {
    return withRetry(this.store, async (tx) => {
      const enrollment = (await tx.findBy('enrollments', 'tenant', acting.org.tenantId)).find(
        (e) => e.status === 'awaiting-verification',
      );
      if (!enrollment) return refuse('enrollment-nothing-to-verify');
      if (enrollment.primaryContact.email !== acting.user.email.toLowerCase()) {
        return refuse('enrollment-not-primary-contact', { name: enrollment.primaryContact.name });
      }
      const now = this.clock();
      if (codeIsDead(enrollment, now)) return refuse('enrollment-code-expired');
      if (hashCode(code.replace(/\s/g, '')) !== enrollment.verification.codeHash) {
        tx.update('enrollments', {
          ...enrollment,
          verification: { ...enrollment.verification, attempts: enrollment.verification.attempts + 1 },
        });
        return refuse('enrollment-wrong-code', { left: String(MAX_ATTEMPTS - enrollment.verification.attempts - 1) });
      }
      return ok(await this.changeStatus(tx, enrollment, 'in-review', acting.user.name, now));
    });
  }

  /** The operator's decision (admin CLI). */
  async review(
    enrollmentId: string,
    decision: 'approved' | 'rejected',
    operator: string,
    note?: string,
  ): Promise<Outcome<Enrollment>> {
    return withRetry(this.store, async (tx) => {
      const enrollment = await tx.get('enrollments', enrollmentId);
      if (!enrollment) return refuse('enrollment-not-found');
      if (enrollment.status !== 'in-review') return refuse('enrollment-not-in-review', { status: enrollment.status });
      const now = this.clock();
      // Roles first, so the approval notice goes to a primary contact who can already do what it says.
      if (decision === 'approved' && !(await becomeIndirectReseller(tx, enrollment, now))) {
        this.logger.warn('approved enrolment of an organisation that is gone', { enrollmentId: enrollment.id });
      }
      return ok(await this.changeStatus(tx, enrollment, decision, operator, now, note));
    });
  }

  /** Every status change is recorded and sent to the primary contact. */
  private async changeStatus(
    tx: Transaction,
    enrollment: Enrollment,
    status: EnrollmentStatus,
    by: string,
    now: Date,
    note?: string,
  ): Promise<Enrollment> {
    const saved = tx.update('enrollments', {
      ...enrollment,
      status,
      history: [...enrollment.history, { status, at: now.toISOString(), by, ...(note ? { note } : {}) }],
    });
    audit(tx, now, {
      actor: null,
      action: `enrollment.${status}`,
      target: { type: 'enrollment', id: enrollment.id },
      tenantIds: [enrollment.tenantId],
      after: { status, by, note },
    });
    await this.tellPrimaryContact(tx, saved, note);
    return saved;
  }

  private async tellPrimaryContact(tx: Transaction, enrollment: Enrollment, note?: string): Promise<void> {
    const [contact] = (await tx.findBy('users', 'email', enrollment.primaryContact.email)).filter((u) =>
      isPrimaryContact(u, enrollment),
    );
    if (!contact) {
      this.logger.warn('enrolment status not sent: the primary contact is no longer a user', {
        enrollmentId: enrollment.id,
        status: enrollment.status,
      });
      return;
    }
    const tr = translator(contact.language ?? this.defaultLanguage);
    const card = noticeCard(
      tr.t('enroll.status.title', { org: enrollment.legalName }),
      tr.t(`enroll.status.${enrollment.status}`, { note: note ?? '' }),
      enrollment.status === 'rejected' ? 'attention' : 'good',
    );
    this.notifier.enqueue(tx, contact, 'enrollment.status', { card }, enrollment.id);
  }
}
