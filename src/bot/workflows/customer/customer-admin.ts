import { noticeCard } from '../../../cards/notice-card.js';
import { describeRefusal } from '../../../cards/refusal.js';
import { sectionsCard } from '../../../cards/sections-card.js';
import { relationshipFacts } from '../../../cards/status-card.js';
import type { CardAttachment } from '../../../cards/render.js';
import { decide } from '../../../domain/policy.js';
import type { Translator } from '../../../i18n/i18n.js';
import { isLive } from '../../../services/invitations/acceptance.js';
import type { Acting } from '../../../services/invitations/invitations.js';
import type { WorkflowFactory } from '../../workflow-module.js';
import { customerMay } from '../../permissions.js';
import { command, workflowCommand } from '../../command-handler.js';
import { ACCEPT_MCA_DIALOG, AcceptMcaDialog, MCA_ACCEPT, MCA_VERB } from './accept-mca.js';
import { partnerOfRecordOf } from '../../../services/relationships/partner-of-record.js';
import { partnerOfRecordFeature } from './partner-of-record.js';

export { MCA_VERB };

/** "Accept" the MCA alone (rule 6, a dialog) and "My partners" for customer admins. */
export const customerAdminWorkflow: WorkflowFactory = (deps) => {
  const { store, clock } = deps;
  const partnerOfRecord = partnerOfRecordFeature(deps);

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
      workflowCommand('accept-mca', customerMay('accept-mca'), ACCEPT_MCA_DIALOG),
      command('my-partners', customerMay('view-partners'), async ({ context, session }) =>
        context.sendActivity({ attachments: [await partnersCard(session, session.tr)] }),
      ),
      ...(partnerOfRecord.commands ?? []),
    ],
    cardActions: [...(partnerOfRecord.cardActions ?? []), MCA_ACCEPT],
    dialogs: [new AcceptMcaDialog(deps), ...(partnerOfRecord.dialogs ?? [])],
  };
};
