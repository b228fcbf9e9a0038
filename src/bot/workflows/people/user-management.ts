import { z } from 'zod';
import { choiceField, formCard, textField } from '../../../cards/form-card.js';
import { noticeCard } from '../../../cards/notice-card.js';
import { describeRoles } from '../../../cards/people.js';
import { describeRefusal } from '../../../cards/refusal.js';
import type { CardAttachment } from '../../../cards/render.js';
import { button } from '../../../cards/button.js';
import { AgentRole, PartnerAdminRole, type User } from '../../../domain/model.js';
import type { Translator } from '../../../i18n/i18n.js';
import type { Acting } from '../../../services/invitations/invitations.js';
import type { Refusal } from '../../../services/outcome.js';
import { UserManagement } from '../../../services/people/user-management.js';
import { cardAction } from '../../card-actions.js';
import type { Session } from '../../session.js';
import type { WorkflowFactory } from '../../workflow-module.js';
import { partnerMay, recordTarget } from '../../permissions.js';
import { command } from '../../command-handler.js';

export const USER_VERBS = {
  addForm: 'users.add-form',
  add: 'users.add',
  pick: 'users.pick',
  next: 'users.next',
  changeRoles: 'users.change-roles',
  remove: 'users.remove',
} as const;

const UserId = z.string().min(1).max(200);

/** "Users": the organisation's users and their roles; add, change roles, remove (global admin, user management admin). */
export const userManagementWorkflow: WorkflowFactory = ({ store, clock }) => {
  const users = new UserManagement(store, clock);
  const refused = (refusal: Refusal, tr: Translator) =>
    noticeCard(tr.t('users.doneTitle'), describeRefusal(refusal, tr), 'attention');
  const agentChoices = (tr: Translator) =>
    AgentRole.options.map((r) => ({ title: r === 'none' ? tr.t('users.role.none') : tr.t(`role.${r}`), value: r }));
  const adminChoices = (tr: Translator) =>
    PartnerAdminRole.options.map((r) => ({
      title: r === 'none' ? tr.t('users.role.none') : tr.t(`role.${r}`),
      value: r,
    }));

  async function listCard(acting: Acting, tr: Translator): Promise<CardAttachment> {
    const listed = await users.list(acting);
    if (!listed.ok) return refused(listed.refusal, tr);
    return noticeCard(
      tr.t('users.title', { org: acting.org.name }),
      '',
      'default',
      listed.value.map((u) => ({ title: u.name, value: `${u.email} · ${describeRoles(u, tr)}` })),
      [
        button(tr.t('users.add'), USER_VERBS.addForm, {}, 'positive'),
        button(tr.t('users.changeRoles'), USER_VERBS.pick, { mode: 'roles' }),
        button(tr.t('users.remove'), USER_VERBS.pick, { mode: 'remove' }, 'destructive'),
      ],
    );
  }

  function addForm(tr: Translator, values: Record<string, string> = {}, error?: string) {
    return formCard(
      tr.t('users.addForm.title'),
      tr.t('users.addForm.text'),
      [
        textField('name', tr.t('users.field.name'), values.name ?? '', 'Ana García', tr.t('refusal.user-invalid-name')),
        textField(
          'email',
          tr.t('users.field.email'),
          values.email ?? '',
          'ana@contoso.com',
          tr.t('refusal.user-invalid-email'),
        ),
        textField(
          'aadObjectId',
          tr.t('users.field.aadObjectId'),
          values.aadObjectId ?? '',
          '00000000-0000-0000-0000-000000000000',
          tr.t('refusal.user-invalid-aadObjectId'),
        ),
        choiceField('agent', tr.t('users.field.agent'), agentChoices(tr), values.agent ?? 'none'),
        choiceField('admin', tr.t('users.field.admin'), adminChoices(tr), values.admin ?? 'none'),
      ],
      [button(tr.t('users.add'), USER_VERBS.add, {}, 'positive')],
      error,
    );
  }

  function rolesForm(tr: Translator, target: User, error?: string) {
    const roles = target.roles.side === 'partner' ? target.roles : { agent: 'none', admin: 'none' };
    return formCard(
      tr.t('users.rolesForm.title', { name: target.name }),
      tr.t('users.rolesForm.text', { name: target.name }),
      [
        choiceField('agent', tr.t('users.field.agent'), agentChoices(tr), roles.agent),
        choiceField('admin', tr.t('users.field.admin'), adminChoices(tr), roles.admin),
      ],
      [button(tr.t('users.save'), USER_VERBS.changeRoles, { userId: target.id }, 'positive')],
      error,
    );
  }

  const colleague = async (session: Session, userId: string) => {
    const target = await store.get('users', userId);
    return target?.tenantId === session.org.tenantId ? target : undefined;
  };

  return {
    commands: [
      command('users', partnerMay('manage-users'), async ({ context, session }) =>
        context.sendActivity({ attachments: [await listCard(session, session.tr)] }),
      ),
    ],
    cardActions: [
      cardAction({
        verb: USER_VERBS.addForm,
        permission: partnerMay('manage-users'),
        data: z.object({}),
        async handle(_c, session) {
          const listed = await users.list(session);
          return listed.ok ? addForm(session.tr) : refused(listed.refusal, session.tr);
        },
      }),
      cardAction({
        verb: USER_VERBS.add,
        permission: partnerMay('manage-users'),
        data: z.record(z.string(), z.string().max(300)),
        async handle(_c, session, values) {
          const added = await users.add(session, values);
          if (!added.ok) {
            return added.refusal.code === 'role-required' || added.refusal.code === 'wrong-tenant'
              ? refused(added.refusal, session.tr)
              : addForm(session.tr, values, describeRefusal(added.refusal, session.tr));
          }
          const { tr } = session;
          return noticeCard(
            tr.t('users.doneTitle'),
            tr.t('users.added', { name: added.value.name, roles: describeRoles(added.value, tr) }),
            'good',
            [],
            [button(tr.t('users.title', { org: session.org.name }), USER_VERBS.pick, { mode: 'list' })],
          );
        },
      }),
      cardAction({
        verb: USER_VERBS.pick,
        permission: partnerMay('manage-users'),
        data: z.object({ mode: z.enum(['roles', 'remove', 'list']) }),
        async handle(_c, session, { mode }) {
          const { tr } = session;
          if (mode === 'list') return listCard(session, tr);
          const listed = await users.list(session);
          if (!listed.ok) return refused(listed.refusal, tr);
          return formCard(
            tr.t('users.pick.title'),
            '',
            [
              choiceField(
                'userId',
                tr.t('users.pick.label'),
                listed.value.map((u) => ({ title: `${u.name} (${u.email})`, value: u.id })),
              ),
            ],
            [button(tr.t('users.next'), USER_VERBS.next, { mode }, 'positive')],
          );
        },
      }),
      cardAction({
        verb: USER_VERBS.next,
        permission: partnerMay('manage-users', { target: recordTarget('users', 'userId', ['member']) }),
        data: z.object({ mode: z.enum(['roles', 'remove']), userId: UserId }),
        async handle(_c, session, { mode, userId }) {
          const { tr } = session;
          const listed = await users.list(session);
          if (!listed.ok) return refused(listed.refusal, tr);
          const target = await colleague(session, userId);
          if (!target) return refused({ code: 'user-not-found' }, tr);
          if (mode === 'roles') return rolesForm(tr, target);
          return noticeCard(
            tr.t('users.removeConfirm.title', { name: target.name }),
            tr.t('users.removeConfirm.text', { name: target.name, org: session.org.name }),
            'warning',
            [],
            [button(tr.t('users.yes'), USER_VERBS.remove, { userId }, 'destructive')],
          );
        },
      }),
      cardAction({
        verb: USER_VERBS.changeRoles,
        permission: partnerMay('manage-users', { target: recordTarget('users', 'userId', ['member']) }),
        data: z.object({ userId: UserId, agent: AgentRole, admin: PartnerAdminRole }),
        async handle(_c, session, { userId, agent, admin }) {
          const { tr } = session;
          const changed = await users.changeRoles(session, userId, agent, admin);
          if (!changed.ok) {
            const target = await colleague(session, userId);
            return target && changed.refusal.code === 'last-global-admin'
              ? rolesForm(tr, target, describeRefusal(changed.refusal, tr))
              : refused(changed.refusal, tr);
          }
          return noticeCard(
            tr.t('users.doneTitle'),
            tr.t('users.rolesChanged', { name: changed.value.name, roles: describeRoles(changed.value, tr) }),
            'good',
          );
        },
      }),
      cardAction({
        verb: USER_VERBS.remove,
        permission: partnerMay('manage-users', { target: recordTarget('users', 'userId', ['member']) }),
        data: z.object({ userId: UserId }),
        async handle(_c, session, { userId }) {
          const { tr } = session;
          const removed = await users.remove(session, userId);
          if (!removed.ok) return refused(removed.refusal, tr);
          return noticeCard(
            tr.t('users.doneTitle'),
            tr.t('users.removed', { name: removed.value.name, org: session.org.name }),
            'good',
          );
        },
      }),
    ],
  };
};
