import { z } from 'zod';
import { button } from '../../../cards/button.js';
import { formatDate } from '../../../cards/format.js';
import { noticeCard } from '../../../cards/notice-card.js';
import { describeRefusal } from '../../../cards/refusal.js';
import type { CardAttachment } from '../../../cards/render.js';
import type { Organization } from '../../../domain/model.js';
import { translator, type Translator } from '../../../i18n/i18n.js';
import type { Acting } from '../../../services/invitations/invitations.js';
import { PartnerOfRecordService, type DesignatedHook } from '../../../services/relationships/partner-of-record.js';
import type { Transaction } from '../../../store/store.js';
import { cardAction } from '../../card-actions.js';
import { command } from '../../command-handler.js';
import { customerMay, recordTarget } from '../../permissions.js';
import type { WorkflowModule, WorkflowDeps } from '../../workflow-module.js';

export const PARTNER_OF_RECORD_VERB = 'partner-of-record.designate';
const DESIGNATE = customerMay('designate-partner-of-record');

/** "partner of record" (rule 13): the customer's admin designates one, apart from its delegated admin partner. */
export function partnerOfRecordFeature({ store, clock, notifier, config }: WorkflowDeps): WorkflowModule {
  const service = new PartnerOfRecordService(store, clock);

  async function pickerCard(acting: Acting, tr: Translator): Promise<CardAttachment> {
    const title = tr.t('por.title', { org: acting.org.name });
    const found = await service.candidates(acting);
    if (!found.ok) return noticeCard(title, describeRefusal(found.refusal, tr), 'attention');
    const { rows, current } = found.value;
    const currentName = rows.find((r) => r.partner.tenantId === current?.partnerTenantId)?.partner.name;
    const now = current
      ? tr.t('por.current', {
          partner: currentName ?? (await store.get('organizations', current.partnerTenantId))?.name ?? '',
          name: current.designatedBy.name,
          date: formatDate(current.designatedBy.at, tr),
        })
      : tr.t('por.noneYet');
    const choices = rows.filter((r) => r.partner.tenantId !== current?.partnerTenantId);
    const text = `${tr.t('por.text')}\n\n${now}${choices.length ? '' : `\n\n${tr.t('por.noCandidates')}`}`;
    return noticeCard(
      title,
      text,
      'default',
      [],
      choices.map((r) =>
        button(tr.t('por.designate', { partner: r.partner.name }), PARTNER_OF_RECORD_VERB, {
          relationshipId: r.relationship.id,
        }),
      ),
    );
  }

  /** The partner's staff who work with customers, each in their language. */
  async function tell(tx: Transaction, partner: Organization, key: string, customer: Organization): Promise<void> {
    const staff = (await tx.findBy('users', 'tenant', partner.tenantId)).filter(
      (u) => u.roles.side === 'partner' && (u.roles.agent !== 'none' || u.roles.admin === 'global-admin'),
    );
    for (const person of staff) {
      const tr = translator(person.language ?? config.defaultLanguage);
      const card = noticeCard(
        tr.t(`${key}Title`, { customer: customer.name }),
        tr.t(`${key}Text`, { customer: customer.name }),
      );
      notifier.enqueue(tx, person, 'partner-of-record', { card }, customer.tenantId);
    }
  }

  return {
    commands: [
      command('partner-of-record', DESIGNATE, async ({ context, session }) =>
        context.sendActivity({ attachments: [await pickerCard(session, session.tr)] }),
      ),
    ],
    cardActions: [
      cardAction({
        verb: PARTNER_OF_RECORD_VERB,
        permission: { ...DESIGNATE, target: recordTarget('relationships', 'relationshipId', ['customer']) },
        data: z.object({ relationshipId: z.string().min(1).max(100) }),
        async handle(_c, session, { relationshipId }) {
          const { tr, org } = session;
          const told: DesignatedHook = async (tx, { partner, previous }) => {
            await tell(tx, partner, 'por.notice.designated', org);
            if (previous) await tell(tx, previous, 'por.notice.withdrawn', org);
          };
          const designated = await service.designate(session, relationshipId, told);
          if (!designated.ok)
            return noticeCard(
              tr.t('por.title', { org: org.name }),
              describeRefusal(designated.refusal, tr),
              'attention',
            );
          return noticeCard(
            tr.t('por.doneTitle', { partner: designated.value.partner.name }),
            tr.t('por.doneText', { partner: designated.value.partner.name, org: org.name }),
            'good',
          );
        },
      }),
    ],
  };
}
