import { WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { z } from 'zod';
import { button } from '../../../cards/button.js';
import { choiceForm } from '../../../cards/choice-form.js';
import { adminRoleNames } from '../../../cards/format.js';
import { noticeCard } from '../../../cards/notice-card.js';
import { describeRefusal } from '../../../cards/refusal.js';
import { plural } from '../../../i18n/i18n.js';
import type { Refusal } from '../../../services/outcome.js';
import { liveAdminAccess } from '../../../services/relationships/relationship-admin.js';
import { showCard } from '../../dialogs/card-reply.js';
import { isSubmitOf, stepVerb, type Submission } from '../../dialogs/step-verb.js';
import { WorkflowDialog } from '../../dialogs/workflow-dialog.js';
import { partnerMay, recordTarget } from '../../permissions.js';
import { sessionOf } from '../../session.js';
import type { WorkflowDeps } from '../../workflow-module.js';
import { DAY_TWO_VERBS as VERBS } from './day-two-verbs.js';
import { globalAdminRemoval, globalAdminSentCard, liveAccessRows } from './admin-access.js';

export const REMOVE_GLOBAL_ADMIN_DIALOG = 'remove-global-admin';

const MANAGE = 'manage-admin-relationships' as const;
const workflow = 'remove-global-admin' as const;

/** "Next" on the pick; an empty choice shows the pick again. */
export const GA_CONFIRM = stepVerb({
  verb: VERBS.globalAdminConfirm,
  permission: partnerMay(MANAGE, { target: recordTarget('relationships', 'relationshipId', ['partner'], true) }),
  data: z.object({ relationshipId: z.string().max(100).default('') }),
  workflow,
});
export const GA_REMOVE = stepVerb({
  verb: VERBS.globalAdminRemove,
  permission: partnerMay(MANAGE, { target: recordTarget('relationships', 'relationshipId', ['partner']) }),
  data: z.object({ relationshipId: z.string().min(1).max(100) }),
  workflow,
});
/** Back from the confirmation to the pick, the relationship chosen still selected. */
export const GA_BACK = stepVerb({
  verb: VERBS.globalAdminPick,
  permission: partnerMay(MANAGE),
  data: z.object({}).passthrough(),
  workflow,
});

interface RemovalValues {
  relationshipId: string;
}

/**
 * "Remove Global Administrator" alone (GDAP: auto-extend is not allowed while it is among the roles): pick a
 * relationship holding it, confirm what is kept (or go back), and a request for the remaining roles goes to the
 * customer's global admins. The relationship is the one this dialog confirmed, whatever a card's data says.
 */
export class RemoveGlobalAdminDialog extends WorkflowDialog {
  private readonly removal: ReturnType<typeof globalAdminRemoval>;

  constructor(private readonly deps: WorkflowDeps) {
    super(
      {
        id: REMOVE_GLOBAL_ADMIN_DIALOG,
        title: 'workflow.remove-global-admin.title',
        command: workflow,
        verbs: [GA_CONFIRM, GA_REMOVE, GA_BACK],
      },
      deps.available,
    );
    this.removal = globalAdminRemoval(deps);
    const steps = [this.pick.bind(this), this.confirm.bind(this), this.remove.bind(this)];
    this.addDialog(new WaterfallDialog(`${REMOVE_GLOBAL_ADMIN_DIALOG}.steps`, steps));
    this.initialDialogId = `${REMOVE_GLOBAL_ADMIN_DIALOG}.steps`;
  }

  private async pick(step: WaterfallStepContext) {
    const session = sessionOf(step.context);
    const { tr } = session;
    const rows = await liveAccessRows(this.deps, session);
    if (!Array.isArray(rows)) return this.refused(step, rows);
    const withGlobal = rows.filter((r) => liveAdminAccess(r.relationship)!.roles.includes('global-administrator'));
    if (!withGlobal.length) {
      await showCard(step.context, noticeCard(tr.t('gdap.ga.title'), tr.t('gdap.ga.none', { org: session.org.name })));
      return step.endDialog();
    }
    const card = choiceForm({
      title: tr.t('gdap.ga.title'),
      text: tr.t('gdap.ga.choose'),
      inputId: 'relationshipId',
      label: tr.t('gdap.customer'),
      requiredMessage: tr.t('gdap.customer'),
      selected: this.values<RemovalValues>(step).relationshipId,
      choices: withGlobal.map(({ relationship, customer }) => ({
        title: `${customer.name}: ${adminRoleNames(liveAdminAccess(relationship)!.roles, tr)}`,
        value: relationship.id,
      })),
      actions: [button(tr.t('gdap.ga.next'), GA_CONFIRM.verb, {}, 'positive')],
    });
    return this.askCard(step, card, [GA_CONFIRM], 'workflow.remove-global-admin.step.pick');
  }

  private async confirm(step: WaterfallStepContext) {
    const session = sessionOf(step.context);
    const { tr } = session;
    const { data } = this.submission(step) as Submission<typeof GA_CONFIRM.data>;
    if (!data.relationshipId) return this.again(step);
    const plan = await this.removal.plan(session, data.relationshipId);
    if (!plan.ok) return this.refused(step, plan.refusal);
    this.values<RemovalValues>(step).relationshipId = data.relationshipId;
    const { customer, remaining } = plan.value;
    const access = liveAdminAccess(plan.value.relationship)!;
    const card = noticeCard(
      tr.t('gdap.ga.confirmTitle', { customer: customer.name }),
      tr.t('gdap.ga.confirmText', { customer: customer.name }),
      'warning',
      [
        { title: tr.t('gdap.rolesNow'), value: adminRoleNames(access.roles, tr) },
        { title: tr.t('gdap.rolesKept'), value: adminRoleNames(remaining, tr) },
        { title: tr.t('invitation.duration'), value: plural(tr, 'count.days', access.durationDays) },
      ],
      [
        button(tr.t('gdap.ga.yes'), GA_REMOVE.verb, { relationshipId: data.relationshipId }, 'destructive'),
        button(tr.t('workflow.back'), GA_BACK.verb),
      ],
    );
    return this.askCard(step, card, [GA_REMOVE, GA_BACK], 'workflow.remove-global-admin.step.confirm');
  }

  private async remove(step: WaterfallStepContext) {
    const session = sessionOf(step.context);
    const submission = this.submission(step);
    if (isSubmitOf(submission, GA_BACK)) return this.again(step, 2);
    const { data } = submission as Submission<typeof GA_REMOVE.data>;
    const { relationshipId } = this.values<RemovalValues>(step);
    if (!relationshipId || data.relationshipId !== relationshipId)
      return this.refused(step, { code: 'target-not-found' });
    const sent = await this.removal.remove(session, relationshipId, session.tr);
    if (!sent.ok) return this.refused(step, sent.refusal);
    await showCard(step.context, globalAdminSentCard(sent.value, session.tr));
    return step.endDialog({ sent: sent.value.invitation.id });
  }

  private async refused(step: WaterfallStepContext, refusal: Refusal) {
    const { tr } = sessionOf(step.context);
    await showCard(step.context, noticeCard(tr.t('gdap.ga.title'), describeRefusal(refusal, tr), 'attention'));
    return step.endDialog();
  }
}
