import { WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { z } from 'zod';
import { button } from '../../../cards/button.js';
import { choiceForm } from '../../../cards/choice-form.js';
import { adminRoleNames, formatDate } from '../../../cards/format.js';
import { relationshipLabel, relationshipNoticeFacts } from '../../../cards/labels.js';
import { noticeCard } from '../../../cards/notice-card.js';
import { describeRefusal } from '../../../cards/refusal.js';
import type { CardAttachment } from '../../../cards/render.js';
import { translator } from '../../../i18n/i18n.js';
import { AdminRolesRemoval } from '../../../services/relationships/admin-roles-removal.js';
import { cardAction } from '../../card-actions.js';
import { workflowCommand } from '../../command-handler.js';
import { showCard } from '../../dialogs/card-reply.js';
import { isSubmitOf, stepVerb } from '../../dialogs/step-verb.js';
import { beginWorkflow } from '../../dialogs/workflow-stack.js';
import { WorkflowDialog } from '../../dialogs/workflow-dialog.js';
import { customerMay, recordTarget } from '../../permissions.js';
import type { Session } from '../../session.js';
import { sessionOf } from '../../session.js';
import type { WorkflowDeps } from '../../workflow-module.js';
import { STATUS_VERBS } from './status-verbs.js';

export const REMOVE_ROLES_DIALOG = 'remove-roles';

const permission = customerMay('remove-admin-roles');
/** The partner chosen; empty when nothing was chosen (the picker is shown again). */
const NEXT = stepVerb({
  verb: STATUS_VERBS.removeRolesConfirm,
  permission: customerMay('remove-admin-roles', {
    target: recordTarget('relationships', 'relationshipId', ['customer'], true),
  }),
  data: z.object({ relationshipId: z.string().max(100).default('') }),
  workflow: 'remove-roles',
});
const REMOVE = stepVerb({
  verb: STATUS_VERBS.removeRoles,
  permission: customerMay('remove-admin-roles', {
    target: recordTarget('relationships', 'relationshipId', ['customer']),
  }),
  data: z.object({ relationshipId: z.string().min(1).max(100) }),
  workflow: 'remove-roles',
});
const BACK = stepVerb({ verb: STATUS_VERBS.removeRolesBack, permission, data: z.object({}), workflow: 'remove-roles' });

interface RemoveValues {
  /** The relationship chosen at the picker: the only one the confirmation may remove roles from. */
  relationshipId: string;
}

/**
 * A customer global admin's "Remove roles": pick the partner, confirm (or go Back to the picker with the choice
 * kept), then the partner loses its admin roles, the relationship stays, and the partner's staff are told.
 */
export class RemoveRolesDialog extends WorkflowDialog {
  private readonly removal: AdminRolesRemoval;

  constructor(private readonly deps: WorkflowDeps) {
    super(
      {
        id: REMOVE_ROLES_DIALOG,
        title: 'workflow.remove-roles.title',
        command: 'remove-roles',
        verbs: [NEXT, REMOVE, BACK],
      },
      deps.available,
    );
    this.removal = new AdminRolesRemoval(deps.store, deps.clock);
    const steps = [this.pick.bind(this), this.picked.bind(this), this.confirmed.bind(this)];
    this.addDialog(new WaterfallDialog(`${REMOVE_ROLES_DIALOG}.steps`, steps));
    this.initialDialogId = `${REMOVE_ROLES_DIALOG}.steps`;
  }

  private async pick(step: WaterfallStepContext) {
    const session = sessionOf(step.context);
    const { tr } = session;
    const rows = await this.removal.withAdminRoles(session);
    const end = async (card: CardAttachment) => {
      await showCard(step.context, card);
      return step.endDialog();
    };
    if (!rows.ok) return end(noticeCard(tr.t('removeRoles.title'), describeRefusal(rows.refusal, tr), 'attention'));
    if (rows.value.length === 0) {
      return end(noticeCard(tr.t('removeRoles.title'), tr.t('removeRoles.none', { org: session.org.name }), 'default'));
    }
    const choices = rows.value.map(({ relationship, partner }) => ({
      title: relationshipLabel(relationship, partner.name, tr),
      value: relationship.id,
    }));
    const card = choiceForm({
      title: tr.t('removeRoles.title'),
      text: tr.t('removeRoles.choose'),
      inputId: 'relationshipId',
      label: tr.t('removeRoles.label'),
      requiredMessage: tr.t('removeRoles.label'),
      choices,
      selected: this.values<RemoveValues>(step).relationshipId ?? '',
      actions: [button(tr.t('removeRoles.next'), NEXT.verb, {}, 'destructive')],
    });
    return this.askCard(step, card, [NEXT], 'workflow.remove-roles.step.pick');
  }

  private async picked(step: WaterfallStepContext) {
    const session = sessionOf(step.context);
    const { tr } = session;
    const { data } = this.submission(step) as { data: z.infer<typeof NEXT.data> };
    const rows = await this.removal.withAdminRoles(session);
    const row = rows.ok ? rows.value.find((r) => r.relationship.id === data.relationshipId) : undefined;
    if (!row) return this.again(step);
    this.values<RemoveValues>(step).relationshipId = row.relationship.id;
    const card = noticeCard(
      tr.t('removeRoles.confirmTitle'),
      tr.t('removeRoles.confirmText', {
        partner: row.partner.name,
        org: session.org.name,
        roles: adminRoleNames(row.relationship.adminAccess!.roles, tr),
      }),
      'warning',
      [],
      [
        button(tr.t('removeRoles.yes'), REMOVE.verb, { relationshipId: row.relationship.id }, 'destructive'),
        button(tr.t('workflow.back'), BACK.verb, {}),
      ],
    );
    return this.askCard(step, card, [REMOVE, BACK], 'workflow.remove-roles.step.confirm');
  }

  private async confirmed(step: WaterfallStepContext) {
    const session = sessionOf(step.context);
    const { tr } = session;
    const submission = this.submission(step);
    if (!isSubmitOf(submission, REMOVE)) return this.again(step, 2);
    const { relationshipId } = this.values<RemoveValues>(step);
    // The confirmation removes the roles of the partner that was confirmed, whatever the card's data names.
    if ((submission.data as z.infer<typeof REMOVE.data>).relationshipId !== relationshipId) {
      const card = noticeCard(
        tr.t('removeRoles.title'),
        describeRefusal({ code: 'relationship-not-found' }, tr),
        'attention',
      );
      await showCard(step.context, card);
      return step.endDialog();
    }
    await showCard(step.context, await this.remove(session, relationshipId!));
    return step.endDialog();
  }

  private async remove(session: Session, relationshipId: string): Promise<CardAttachment> {
    const { tr } = session;
    const { store, notifier, config } = this.deps;
    const removed = await this.removal.remove(session, relationshipId, async (tx, relationship) => {
      const staff = (await tx.findBy('users', 'tenant', relationship.partnerTenantId)).filter(
        (u) => u.roles.side === 'partner' && u.roles.agent !== 'none',
      );
      for (const person of staff) {
        const ptr = translator(person.language ?? config.defaultLanguage);
        const card = noticeCard(
          ptr.t('removeRoles.partnerTitle', { customer: session.org.name }),
          ptr.t('removeRoles.partnerText', {
            name: session.user.name,
            roles: adminRoleNames(relationship.adminAccess!.roles, ptr),
            date: formatDate(relationship.adminAccess!.removedAt!, ptr),
            customer: session.org.name,
          }),
          'warning',
          relationshipNoticeFacts(relationship, session.org.name, ptr),
        );
        notifier.enqueue(tx, person, 'relationship.admin-roles-removed', { card }, relationship.id);
      }
    });
    if (!removed.ok) return noticeCard(tr.t('removeRoles.title'), describeRefusal(removed.refusal, tr), 'attention');
    const partner = (await store.get('organizations', removed.value.partnerTenantId))?.name ?? '';
    return noticeCard(
      tr.t('removeRoles.doneTitle'),
      tr.t('removeRoles.doneText', { partner, org: session.org.name }),
      'good',
    );
  }
}

export function removeRolesFeature(deps: WorkflowDeps) {
  return {
    commands: [workflowCommand('remove-roles', permission, REMOVE_ROLES_DIALOG)],
    cardActions: [
      NEXT,
      REMOVE,
      BACK,
      // "Remove roles" as a button (beside a partner's status or in a notice): the same workflow, from its picker.
      cardAction({
        verb: STATUS_VERBS.removeRolesPick,
        permission,
        data: z.object({}),
        handle: (context) => beginWorkflow(context, REMOVE_ROLES_DIALOG, {}),
      }),
    ],
    dialogs: [new RemoveRolesDialog(deps)],
  };
}
