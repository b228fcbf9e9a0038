import { WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { z } from 'zod';
import { button } from '../../../cards/button.js';
import { choiceForm } from '../../../cards/choice-form.js';
import { formatDate } from '../../../cards/format.js';
import { noticeCard } from '../../../cards/notice-card.js';
import { describeRefusal } from '../../../cards/refusal.js';
import { canAutoExtend } from '../../../domain/lifecycle.js';
import { liveAdminAccess } from '../../../services/relationships/relationship-admin.js';
import { showCard } from '../../dialogs/card-reply.js';
import { stepVerb, type Submission } from '../../dialogs/step-verb.js';
import { WorkflowDialog } from '../../dialogs/workflow-dialog.js';
import { partnerMay, recordTarget } from '../../permissions.js';
import { sessionOf } from '../../session.js';
import type { WorkflowDeps } from '../../workflow-module.js';
import { autoExtendSwitch, liveAccessRows } from './admin-access.js';
import { DAY_TWO_VERBS as VERBS } from './day-two-verbs.js';

export const AUTO_EXTEND_DIALOG = 'auto-extend';

/** "Turn on" / "Turn off" on the list; an empty choice shows the list again. */
export const AUTO_EXTEND_SET = stepVerb({
  verb: VERBS.autoExtendSet,
  permission: partnerMay('manage-admin-relationships', {
    target: recordTarget('relationships', 'relationshipId', ['partner'], true),
  }),
  data: z.object({
    relationshipId: z.string().max(100).default(''),
    on: z.enum(['true', 'false']).default('true'),
  }),
  workflow: 'auto-extend',
});

/**
 * "Auto-extend": the live relationships with admin access and whether each extends itself, and a switch on or
 * off for the one chosen; the customer's admins are told in the same transaction.
 */
export class AutoExtendDialog extends WorkflowDialog {
  private readonly switchAutoExtend: ReturnType<typeof autoExtendSwitch>;

  constructor(private readonly deps: WorkflowDeps) {
    super(
      { id: AUTO_EXTEND_DIALOG, title: 'workflow.auto-extend.title', command: 'auto-extend', verbs: [AUTO_EXTEND_SET] },
      deps.available,
    );
    this.switchAutoExtend = autoExtendSwitch(deps);
    const steps = [this.pick.bind(this), this.set.bind(this)];
    this.addDialog(new WaterfallDialog(`${AUTO_EXTEND_DIALOG}.steps`, steps));
    this.initialDialogId = `${AUTO_EXTEND_DIALOG}.steps`;
  }

  private async pick(step: WaterfallStepContext) {
    const session = sessionOf(step.context);
    const { tr } = session;
    const rows = await liveAccessRows(this.deps, session);
    if (!Array.isArray(rows))
      return this.finish(step, noticeCard(tr.t('gdap.autoExtend.title'), describeRefusal(rows, tr), 'attention'));
    if (!rows.length) return this.finish(step, noticeCard(tr.t('gdap.autoExtend.title'), tr.t('gdap.autoExtend.none')));
    const card = choiceForm({
      title: tr.t('gdap.autoExtend.title'),
      text: tr.t('gdap.autoExtend.choose'),
      inputId: 'relationshipId',
      label: tr.t('gdap.customer'),
      requiredMessage: tr.t('gdap.customer'),
      choices: rows.map(({ relationship, customer }) => {
        const access = liveAdminAccess(relationship)!;
        const state = !canAutoExtend(access.roles)
          ? tr.t('gdap.autoExtend.notWithGlobal')
          : tr.t(access.autoExtend ? 'gdap.autoExtend.isOn' : 'gdap.autoExtend.isOff');
        return {
          title: tr.t('gdap.autoExtend.choice', { customer: customer.name, state, date: formatDate(access.endAt, tr) }),
          value: relationship.id,
        };
      }),
      actions: [
        button(tr.t('gdap.autoExtend.turnOn'), AUTO_EXTEND_SET.verb, { on: 'true' }, 'positive'),
        button(tr.t('gdap.autoExtend.turnOff'), AUTO_EXTEND_SET.verb, { on: 'false' }),
      ],
    });
    return this.askCard(step, card, [AUTO_EXTEND_SET], 'workflow.auto-extend.step.pick');
  }

  private async set(step: WaterfallStepContext) {
    const session = sessionOf(step.context);
    const { tr } = session;
    const { data } = this.submission(step) as Submission<typeof AUTO_EXTEND_SET.data>;
    if (!data.relationshipId) return this.again(step);
    const switched = await this.switchAutoExtend(session, data.relationshipId, data.on === 'true');
    if (!switched.ok) {
      const refusal = describeRefusal(switched.refusal, tr);
      return this.finish(step, noticeCard(tr.t('gdap.autoExtend.title'), refusal, 'attention'));
    }
    const customer = (await this.deps.store.get('organizations', switched.value.customerTenantId))?.name ?? '';
    const params = { customer, date: formatDate(switched.value.adminAccess!.endAt, tr) };
    const card =
      data.on === 'true'
        ? noticeCard(tr.t('gdap.autoExtend.onTitle'), tr.t('gdap.autoExtend.onText', params), 'good')
        : noticeCard(tr.t('gdap.autoExtend.offTitle'), tr.t('gdap.autoExtend.offText', params), 'good');
    return this.finish(step, card);
  }

  private async finish(step: WaterfallStepContext, card: Parameters<typeof showCard>[1]) {
    await showCard(step.context, card);
    return step.endDialog();
  }
}
