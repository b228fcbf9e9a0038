import { WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
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
import { workflowCommand } from '../../command-handler.js';
import { showCard } from '../../dialogs/card-reply.js';
import { stepVerb } from '../../dialogs/step-verb.js';
import { WorkflowDialog } from '../../dialogs/workflow-dialog.js';
import { customerMay, recordTarget } from '../../permissions.js';
import { sessionOf } from '../../session.js';
import type { WorkflowModule, WorkflowDeps } from '../../workflow-module.js';

export const PARTNER_OF_RECORD_VERB = 'partner-of-record.designate';
export const PARTNER_OF_RECORD_DIALOG = 'partner-of-record';
const DESIGNATE = customerMay('designate-partner-of-record');
const PICK = stepVerb({
  verb: PARTNER_OF_RECORD_VERB,
  permission: { ...DESIGNATE, target: recordTarget('relationships', 'relationshipId', ['customer']) },
  data: z.object({ relationshipId: z.string().min(1).max(100) }),
  workflow: 'partner-of-record',
});

/**
 * "partner of record" (rule 13): the customer's admin sees who it is now and picks one of the partners it has a
 * live relationship with, apart from its delegated admin partner; the partner designated, and the one it
 * replaces, are told.
 */
export function partnerOfRecordFeature(deps: WorkflowDeps): WorkflowModule {
  const { store, clock, notifier, config } = deps;
  const service = new PartnerOfRecordService(store, clock);

  /** The current partner of record and a Designate button per other candidate; none when there is nothing to pick. */
  async function pickerCard(acting: Acting, tr: Translator): Promise<{ card: CardAttachment; choices: number }> {
    const title = tr.t('por.title', { org: acting.org.name });
    const found = await service.candidates(acting);
    if (!found.ok) return { card: noticeCard(title, describeRefusal(found.refusal, tr), 'attention'), choices: 0 };
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
    const buttons = choices.map((r) =>
      button(tr.t('por.designate', { partner: r.partner.name }), PARTNER_OF_RECORD_VERB, {
        relationshipId: r.relationship.id,
      }),
    );
    return { card: noticeCard(title, text, 'default', [], buttons), choices: buttons.length };
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

  async function designate(acting: Acting, tr: Translator, relationshipId: string): Promise<CardAttachment> {
    const { org } = acting;
    const told: DesignatedHook = async (tx, { partner, previous }) => {
      await tell(tx, partner, 'por.notice.designated', org);
      if (previous) await tell(tx, previous, 'por.notice.withdrawn', org);
    };
    const designated = await service.designate(acting, relationshipId, told);
    if (!designated.ok)
      return noticeCard(tr.t('por.title', { org: org.name }), describeRefusal(designated.refusal, tr), 'attention');
    return noticeCard(
      tr.t('por.doneTitle', { partner: designated.value.partner.name }),
      tr.t('por.doneText', { partner: designated.value.partner.name, org: org.name }),
      'good',
    );
  }

  return {
    commands: [workflowCommand('partner-of-record', DESIGNATE, PARTNER_OF_RECORD_DIALOG)],
    cardActions: [PICK],
    dialogs: [new PartnerOfRecordDialog(deps.available, pickerCard, designate)],
  };
}

/** The picker, then the designation of the partner picked. */
class PartnerOfRecordDialog extends WorkflowDialog {
  constructor(
    available: WorkflowDeps['available'],
    private readonly picker: (acting: Acting, tr: Translator) => Promise<{ card: CardAttachment; choices: number }>,
    private readonly designate: (acting: Acting, tr: Translator, relationshipId: string) => Promise<CardAttachment>,
  ) {
    super(
      {
        id: PARTNER_OF_RECORD_DIALOG,
        title: 'workflow.partner-of-record.title',
        command: 'partner-of-record',
        verbs: [PICK],
      },
      available,
    );
    this.addDialog(
      new WaterfallDialog(`${PARTNER_OF_RECORD_DIALOG}.steps`, [this.pick.bind(this), this.done.bind(this)]),
    );
    this.initialDialogId = `${PARTNER_OF_RECORD_DIALOG}.steps`;
  }

  private async pick(step: WaterfallStepContext) {
    const session = sessionOf(step.context);
    const { card, choices } = await this.picker(session, session.tr);
    if (!choices) {
      // Nothing to pick: the card says who it is now and why there is no choice.
      await showCard(step.context, card);
      return step.endDialog();
    }
    return this.askCard(step, card, [PICK], 'workflow.partner-of-record.step.pick');
  }

  private async done(step: WaterfallStepContext) {
    const session = sessionOf(step.context);
    const { relationshipId } = this.submission(step).data as { relationshipId: string };
    await showCard(step.context, await this.designate(session, session.tr, relationshipId));
    return step.endDialog();
  }
}
