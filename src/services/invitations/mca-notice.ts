import type { AgreementAcceptance, Language, Organization } from '../../domain/model.js';
import { noticeCard } from '../../cards/notice-card.js';
import { formatDateTime } from '../../cards/format.js';
import { translator } from '../../i18n/i18n.js';
import type { Transaction } from '../../store/store.js';
import type { Notifier } from '../outbox/notifications.js';
import { isLive } from './acceptance.js';
import { partnerAdmins } from '../relationships/recipients.js';

/** Called inside the transaction that records the acceptance, so the partners' notice commits with it. */
export type McaAcceptedHook = (
  tx: Transaction,
  customer: Organization,
  agreement: AgreementAcceptance,
  /** Partners told of it another way (in the notice of the invitation accepted with it). */
  alreadyTold?: ReadonlySet<string>,
) => Promise<void>;

/**
 * Rule 6: until the customer accepts the MCA its partners can neither order nor make purchase offers, so
 * every partner it works with is told when it does, whether with an invitation or alone.
 */
export class McaNotice {
  constructor(
    private readonly notifier: Notifier,
    private readonly defaultLanguage: Language,
  ) {}

  readonly accepted: McaAcceptedHook = async (tx, customer, agreement, alreadyTold = new Set()) => {
    const partners = new Set(
      (await tx.findBy('relationships', 'customer', customer.tenantId))
        .filter((r) => isLive(r) && !alreadyTold.has(r.partnerTenantId))
        .map((r) => r.partnerTenantId),
    );
    for (const tenantId of partners) {
      // Those who may act on the customer's behalf are the ones who order.
      const staff = await partnerAdmins(tx, tenantId);
      for (const person of staff) {
        const tr = translator(person.language ?? this.defaultLanguage);
        const card = noticeCard(
          tr.t('notify.mcaAccepted.title', { customer: customer.name }),
          tr.t('notify.mcaAccepted.text', {
            customer: customer.name,
            name: agreement.acceptedByName,
            at: formatDateTime(agreement.acceptedAt, tr),
          }),
          'good',
        );
        this.notifier.enqueue(tx, person, 'mca.accepted', { card }, agreement.id);
      }
    }
  };
}
