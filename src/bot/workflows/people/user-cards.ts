import { button } from '../../../cards/button.js';
import { choiceField, formCard, textField } from '../../../cards/form-card.js';
import { noticeCard } from '../../../cards/notice-card.js';
import { describeRoles } from '../../../cards/people.js';
import type { CardAttachment } from '../../../cards/render.js';
import { AgentRole, PartnerAdminRole, type Organization, type User } from '../../../domain/model.js';
import type { Translator } from '../../../i18n/i18n.js';

export const USER_VERBS = {
  addForm: 'users.add-form',
  add: 'users.add',
  pick: 'users.pick',
  next: 'users.next',
  changeRoles: 'users.change-roles',
  remove: 'users.remove',
  back: 'users.back',
  list: 'users.list',
} as const;

export type PickMode = 'roles' | 'remove';

const agentChoices = (tr: Translator) =>
  AgentRole.options.map((r) => ({ title: r === 'none' ? tr.t('users.role.none') : tr.t(`role.${r}`), value: r }));
const adminChoices = (tr: Translator) =>
  PartnerAdminRole.options.map((r) => ({
    title: r === 'none' ? tr.t('users.role.none') : tr.t(`role.${r}`),
    value: r,
  }));
const back = (tr: Translator) => button(tr.t('workflow.back'), USER_VERBS.back, {});

/** The organisation's users and their roles, with Add, Change roles and Remove. */
export function usersListCard(org: Organization, listed: User[], tr: Translator): CardAttachment {
  return noticeCard(
    tr.t('users.title', { org: org.name }),
    '',
    'default',
    listed.map((u) => ({ title: u.name, value: `${u.email} · ${describeRoles(u, tr)}` })),
    [
      button(tr.t('users.add'), USER_VERBS.addForm, {}, 'positive'),
      button(tr.t('users.changeRoles'), USER_VERBS.pick, { mode: 'roles' }),
      button(tr.t('users.remove'), USER_VERBS.pick, { mode: 'remove' }, 'destructive'),
    ],
  );
}

export function addUserForm(tr: Translator, values: Record<string, string> = {}, error?: string): CardAttachment {
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
    [button(tr.t('users.add'), USER_VERBS.add, {}, 'positive'), back(tr)],
    error,
  );
}

/** Which colleague: the one chosen before stays selected when the person comes Back. */
export function pickUserForm(tr: Translator, listed: User[], mode: PickMode, chosen = ''): CardAttachment {
  return formCard(
    tr.t('users.pick.title'),
    '',
    [
      choiceField(
        'userId',
        tr.t('users.pick.label'),
        listed.map((u) => ({ title: `${u.name} (${u.email})`, value: u.id })),
        chosen,
      ),
    ],
    [button(tr.t('users.next'), USER_VERBS.next, { mode }, 'positive'), back(tr)],
  );
}

export function rolesForm(tr: Translator, target: User, error?: string): CardAttachment {
  const roles = target.roles.side === 'partner' ? target.roles : { agent: 'none', admin: 'none' };
  return formCard(
    tr.t('users.rolesForm.title', { name: target.name }),
    tr.t('users.rolesForm.text', { name: target.name }),
    [
      choiceField('agent', tr.t('users.field.agent'), agentChoices(tr), roles.agent),
      choiceField('admin', tr.t('users.field.admin'), adminChoices(tr), roles.admin),
    ],
    [button(tr.t('users.save'), USER_VERBS.changeRoles, { userId: target.id }, 'positive'), back(tr)],
    error,
  );
}

export function removeUserConfirm(tr: Translator, target: User, org: Organization): CardAttachment {
  return noticeCard(
    tr.t('users.removeConfirm.title', { name: target.name }),
    tr.t('users.removeConfirm.text', { name: target.name, org: org.name }),
    'warning',
    [],
    [button(tr.t('users.yes'), USER_VERBS.remove, { userId: target.id }, 'destructive'), back(tr)],
  );
}

/** A user added: done, with the way back to the list (a new run of the users workflow). */
export function userAddedCard(tr: Translator, added: User, org: Organization): CardAttachment {
  return noticeCard(
    tr.t('users.doneTitle'),
    tr.t('users.added', { name: added.name, roles: describeRoles(added, tr) }),
    'good',
    [],
    [button(tr.t('users.title', { org: org.name }), USER_VERBS.list, {})],
  );
}
