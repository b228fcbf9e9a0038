import { z } from 'zod';
import { button } from '../../../cards/button.js';
import { choiceForm } from '../../../cards/choice-form.js';
import { formatDate } from '../../../cards/format.js';
import { MCA_URL } from '../../../cards/invitation-card.js';
import { noticeCard } from '../../../cards/notice-card.js';
import { describeRefusal } from '../../../cards/refusal.js';
import { sectionsCard } from '../../../cards/sections-card.js';
import { relationshipFacts } from '../../../cards/status-card.js';
import type { CardAttachment } from '../../../cards/render.js';
import { decide } from '../../../domain/policy.js';
import type { Translator } from '../../../i18n/i18n.js';
import { isLive } from '../../../services/invitations/acceptance.js';
import { CustomerAgreement } from '../../../services/invitations/customer-agreement.js';
import { McaNotice } from '../../../services/invitations/mca-notice.js';
import type { Acting } from '../../../services/invitations/invitations.js';
import { cardAction } from '../../card-actions.js';
import type { WorkflowFactory } from '../../workflow-module.js';
import { customerMay } from '../../permissions.js';
import { command } from '../../command-handler.js';
import { partnerOfRecordOf } from '../../../services/relationships/partner-of-record.js';
import { partnerOfRecordFeature } from './partner-of-record.js';

export const MCA_VERB = 'mca.accept';

/** "Accept" the MCA alone (rule 6) and "My partners" for customer admins. */
export const customerAdminWorkflow: WorkflowFactory = (deps) => {
  const { store, clock, notifier, config } = deps;
  const partnerOfRecord = partnerOfRecordFeature(deps);
  const agreement = new CustomerAgreement(store, clock, new McaNotice(notifier, config.defaultLanguage).accepted);

  async function mcaCard(acting: Acting, tr: Translator, error?: string): Promise<CardAttachment> {
    const current = await agreement.current(acting);
    if (!current.ok) return noticeCard(tr.t('mca.title'), describeRefusal(current.refusal, tr), 'attention');
    if (current.value) {
      const refusal = {
        code: 'mca-already-accepted',
        params: { name: current.value.acceptedByName, at: current.value.acceptedAt },
      };
      return noticeCard(tr.t('mca.title'), describeRefusal(refusal, tr), 'good');
    }
    return choiceForm({
      title: tr.t('mca.title'),
      text: `${tr.t('mca.text', { org: acting.org.name })}\n\n${MCA_URL}`,
      inputId: 'unused',
      label: '',
      requiredMessage: '',
      choices: [],
      confirmation: tr.t('mca.acknowledge', { org: acting.org.name }),
      error,
      actions: [button(tr.t('mca.accept'), MCA_VERB, {}, 'positive')],
    });
  }

  async function partnersCard(acting: Acting, tr: Translator): Promise<CardAttachment> {
    const decision = decide(acting.user, 'view-partners', { actorOrg: acting.org });
    if (!decision.allowed) {
      return noticeCard(
        tr.t('command.my-partners.title'),
        describeRefusal({ code: decision.reason, params: decision.params, neededRoles: decision.neededRoles }, tr),
        'attention',
      );
    }
    const relationships = (await store.findBy('relationships', 'customer', acting.org.tenantId)).filter(isLive);
    const por = (await partnerOfRecordOf(store, acting.org.tenantId)) ?? null;
    const sections = [];
    for (const relationship of relationships) {
      const partner = await store.get('organizations', relationship.partnerTenantId);
      sections.push({
        heading: partner?.name ?? relationship.partnerTenantId,
        facts: relationshipFacts(relationship, tr, clock(), undefined, por),
      });
    }
    const text = sections.length ? '' : tr.t('partners.none', { org: acting.org.name });
    return sectionsCard(tr.t('partners.title', { org: acting.org.name }), text, sections);
  }

  return {
    commands: [
      command('accept-mca', customerMay('accept-mca'), async ({ context, session }) =>
        context.sendActivity({ attachments: [await mcaCard(session, session.tr)] }),
      ),
      command('my-partners', customerMay('view-partners'), async ({ context, session }) =>
        context.sendActivity({ attachments: [await partnersCard(session, session.tr)] }),
      ),
      ...(partnerOfRecord.commands ?? []),
    ],
    cardActions: [
      ...(partnerOfRecord.cardActions ?? []),
      cardAction({
        verb: MCA_VERB,
        permission: customerMay('accept-mca'),
        data: z.object({ confirmed: z.enum(['true', 'false']).default('false') }).passthrough(),
        async handle(_c, session, { confirmed }) {
          const { tr } = session;
          const accepted = await agreement.accept(session, confirmed === 'true');
          if (!accepted.ok) {
            return accepted.refusal.code === 'mca-acknowledgement-required'
              ? mcaCard(session, tr, describeRefusal(accepted.refusal, tr))
              : noticeCard(tr.t('mca.title'), describeRefusal(accepted.refusal, tr), 'attention');
          }
          return noticeCard(
            tr.t('mca.doneTitle'),
            tr.t('mca.doneText', {
              name: accepted.value.acceptedByName,
              org: session.org.name,
              date: formatDate(accepted.value.acceptedAt, tr),
            }),
            'good',
          );
        },
      }),
    ],
  };
};
