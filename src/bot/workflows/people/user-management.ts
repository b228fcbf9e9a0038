import { WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { z } from 'zod';
import { noticeCard } from '../../../cards/notice-card.js';
import { describeRoles } from '../../../cards/people.js';
import { describeRefusal } from '../../../cards/refusal.js';
import type { CardAttachment } from '../../../cards/render.js';
import { AgentRole, PartnerAdminRole } from '../../../domain/model.js';
import type { Translator } from '../../../i18n/i18n.js';
import type { Refusal } from '../../../services/outcome.js';
import { UserManagement } from '../../../services/people/user-management.js';
import { cardAction } from '../../card-actions.js';
import { workflowCommand } from '../../command-handler.js';
import { showCard } from '../../dialogs/card-reply.js';
import { isSubmitOf, stepVerb } from '../../dialogs/step-verb.js';
import { WorkflowDialog } from '../../dialogs/workflow-dialog.js';
import { beginWorkflow } from '../../dialogs/workflow-stack.js';
import { partnerMay, recordTarget } from '../../permissions.js';
import { sessionOf, type Session } from '../../session.js';
import type { WorkflowDeps, WorkflowFactory } from '../../workflow-module.js';
import {
  addUserForm,
  pickUserForm,
  removeUserConfirm,
  rolesForm,
  USER_VERBS,
  userAddedCard,
  usersListCard,
  type PickMode,
} from './user-cards.js';

export { USER_VERBS };
export const USERS_DIALOG = 'users';
const ADD_STEPS = 'users.add';
const PICKED_STEPS = 'users.picked';

const permission = partnerMay('manage-users');
const UserId = z.string().min(1).max(200);
const onUser = partnerMay('manage-users', { target: recordTarget('users', 'userId', ['member']) });
const step = <S extends z.ZodType>(verb: string, data: S, perm = permission) =>
  stepVerb({ verb, permission: perm, data, workflow: 'users' });

const ADD_FORM = step(USER_VERBS.addForm, z.object({}));
const PICK = step(USER_VERBS.pick, z.object({ mode: z.enum(['roles', 'remove']) }));
const BACK = step(USER_VERBS.back, z.object({}));
const ADD = step(USER_VERBS.add, z.record(z.string(), z.string().max(300)));
const NEXT = step(USER_VERBS.next, z.object({ mode: z.enum(['roles', 'remove']), userId: UserId }), onUser);
const CHANGE_ROLES = step(
  USER_VERBS.changeRoles,
  z.object({ userId: UserId, agent: AgentRole, admin: PartnerAdminRole }),
  onUser,
);
const REMOVE = step(USER_VERBS.remove, z.object({ userId: UserId }), onUser);

/** A page that went Back: the page before it asks again. */
const WENT_BACK = { back: true } as const;

interface AddValues {
  form: Record<string, string>;
  error: string;
}
interface PickValues {
  mode: PickMode;
  /** The colleague chosen at the picker: the only one the roles form or the removal acts on. */
  userId: string;
  error: string;
}

/**
 * "users": the organisation's users and their roles (global admin, user management admin). From the list: Add
 * (form, redrawn with what was typed on a refusal), Change roles (pick → roles form) or Remove (pick → confirm);
 * every page after the list has Back, and the colleague chosen stays chosen.
 */
export class UsersDialog extends WorkflowDialog {
  private readonly users: UserManagement;

  constructor(private readonly deps: WorkflowDeps) {
    super(
      {
        id: USERS_DIALOG,
        title: 'workflow.users.title',
        command: 'users',
        verbs: [ADD_FORM, PICK, BACK, ADD, NEXT, CHANGE_ROLES, REMOVE],
      },
      deps.available,
    );
    this.users = new UserManagement(deps.store, deps.clock);
    const main = [this.list.bind(this), this.chosen.bind(this), this.returned.bind(this)];
    this.addDialog(new WaterfallDialog(`${USERS_DIALOG}.steps`, main));
    this.addDialog(new WaterfallDialog(ADD_STEPS, [this.addForm.bind(this), this.added.bind(this)]));
    const picked = [this.pick.bind(this), this.picked.bind(this), this.page.bind(this), this.submitted.bind(this)];
    this.addDialog(new WaterfallDialog(PICKED_STEPS, picked));
    this.initialDialogId = `${USERS_DIALOG}.steps`;
  }

  private async list(step: WaterfallStepContext) {
    const session = sessionOf(step.context);
    const listed = await this.users.list(session);
    if (!listed.ok) return this.end(step, refused(listed.refusal, session.tr));
    const card = usersListCard(session.org, listed.value, session.tr);
    return this.askCard(step, card, [ADD_FORM, PICK], 'workflow.users.step.list');
  }

  private async chosen(step: WaterfallStepContext) {
    const submission = this.submission(step);
    if (isSubmitOf(submission, PICK)) {
      return step.beginDialog(PICKED_STEPS, { mode: (submission.data as z.infer<typeof PICK.data>).mode });
    }
    return step.beginDialog(ADD_STEPS);
  }

  private async returned(step: WaterfallStepContext) {
    return (step.result as { back?: boolean } | undefined)?.back ? this.again(step, 2) : step.endDialog();
  }

  private async addForm(step: WaterfallStepContext) {
    const { tr } = sessionOf(step.context);
    const { form, error } = this.values<AddValues>(step);
    return this.askCard(step, addUserForm(tr, form, error), [ADD, BACK], 'workflow.users.step.add');
  }

  private async added(step: WaterfallStepContext) {
    const session = sessionOf(step.context);
    const { tr } = session;
    const submission = this.submission(step);
    if (!isSubmitOf(submission, ADD)) return step.endDialog(WENT_BACK);
    const values = this.values<AddValues>(step);
    const form = submission.data as Record<string, string>;
    const added = await this.users.add(session, form);
    if (!added.ok) {
      if (added.refusal.code === 'role-required' || added.refusal.code === 'wrong-tenant') {
        return this.end(step, refused(added.refusal, tr));
      }
      values.form = form;
      values.error = describeRefusal(added.refusal, tr);
      return this.again(step);
    }
    return this.end(step, userAddedCard(tr, added.value, session.org));
  }

  private async pick(step: WaterfallStepContext) {
    const session = sessionOf(step.context);
    const values = this.values<PickValues>(step);
    values.mode ??= (step.options as { mode: PickMode }).mode;
    const listed = await this.users.list(session);
    if (!listed.ok) return this.end(step, refused(listed.refusal, session.tr));
    const card = pickUserForm(session.tr, listed.value, values.mode, values.userId);
    return this.askCard(step, card, [NEXT, BACK], 'workflow.users.step.pick');
  }

  private async picked(step: WaterfallStepContext) {
    const session = sessionOf(step.context);
    const submission = this.submission(step);
    if (!isSubmitOf(submission, NEXT)) return step.endDialog(WENT_BACK);
    const target = await this.colleague(session, (submission.data as z.infer<typeof NEXT.data>).userId);
    if (!target) return this.end(step, refused({ code: 'user-not-found' }, session.tr));
    const values = this.values<PickValues>(step);
    values.userId = target.id;
    delete values.error;
    return step.next();
  }

  /** The roles form or the removal's confirmation, for the colleague chosen. */
  private async page(step: WaterfallStepContext) {
    const session = sessionOf(step.context);
    const { tr } = session;
    const { mode, userId, error } = this.values<PickValues>(step);
    const target = await this.colleague(session, userId ?? '');
    if (!target) return this.end(step, refused({ code: 'user-not-found' }, tr));
    if (mode === 'roles')
      return this.askCard(step, rolesForm(tr, target, error), [CHANGE_ROLES, BACK], 'workflow.users.step.roles');
    return this.askCard(step, removeUserConfirm(tr, target, session.org), [REMOVE, BACK], 'workflow.users.step.remove');
  }

  private async submitted(step: WaterfallStepContext) {
    const session = sessionOf(step.context);
    const { tr } = session;
    const submission = this.submission(step);
    const values = this.values<PickValues>(step);
    if (submission.verb === BACK.verb) return this.again(step, 3);
    const data = submission.data as { userId: string; agent?: AgentRole; admin?: PartnerAdminRole };
    // The page acts on the colleague chosen at the picker, whatever user the card's data names.
    if (data.userId !== values.userId) return this.end(step, refused({ code: 'target-not-found' }, tr));
    if (submission.verb === REMOVE.verb) {
      const removed = await this.users.remove(session, data.userId);
      if (!removed.ok) return this.end(step, refused(removed.refusal, tr));
      const text = tr.t('users.removed', { name: removed.value.name, org: session.org.name });
      return this.end(step, noticeCard(tr.t('users.doneTitle'), text, 'good'));
    }
    const changed = await this.users.changeRoles(session, data.userId, data.agent!, data.admin!);
    if (!changed.ok) {
      if (changed.refusal.code !== 'last-global-admin') return this.end(step, refused(changed.refusal, tr));
      values.error = describeRefusal(changed.refusal, tr);
      return this.again(step);
    }
    const text = tr.t('users.rolesChanged', { name: changed.value.name, roles: describeRoles(changed.value, tr) });
    return this.end(step, noticeCard(tr.t('users.doneTitle'), text, 'good'));
  }

  private async colleague(session: Session, userId: string) {
    const target = userId ? await this.deps.store.get('users', userId) : undefined;
    return target?.tenantId === session.org.tenantId ? target : undefined;
  }

  /** Shows the last card of the workflow and ends it (a page ending returns nothing: the list ends too). */
  private async end(step: WaterfallStepContext, card: CardAttachment) {
    await showCard(step.context, card);
    return step.endDialog();
  }
}

function refused(refusal: Refusal, tr: Translator): CardAttachment {
  return noticeCard(tr.t('users.doneTitle'), describeRefusal(refusal, tr), 'attention');
}

export const userManagementWorkflow: WorkflowFactory = (deps) => ({
  commands: [workflowCommand('users', permission, USERS_DIALOG)],
  cardActions: [
    ADD_FORM,
    PICK,
    BACK,
    ADD,
    NEXT,
    CHANGE_ROLES,
    REMOVE,
    // The list again after a user was added: a new run of the workflow.
    cardAction({
      verb: USER_VERBS.list,
      permission,
      data: z.object({}),
      handle: (context) => beginWorkflow(context, USERS_DIALOG, {}),
    }),
  ],
  dialogs: [new UsersDialog(deps)],
});
