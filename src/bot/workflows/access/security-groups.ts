import { z } from 'zod';
import { button } from '../../../cards/button.js';
import { choiceField, formCard, textField } from '../../../cards/form-card.js';
import { noticeCard } from '../../../cards/notice-card.js';
import { describeRefusal } from '../../../cards/refusal.js';
import type { CardAttachment } from '../../../cards/render.js';
import { sectionsCard } from '../../../cards/sections-card.js';
import type { SecurityGroup } from '../../../domain/access.js';
import type { User } from '../../../domain/model.js';
import type { Translator } from '../../../i18n/i18n.js';
import type { Acting } from '../../../services/invitations/invitations.js';
import { SecurityGroupService } from '../../../services/people/security-groups.js';
import { cardAction } from '../../card-actions.js';
import { command } from '../../command-handler.js';
import { partnerMay, recordTarget } from '../../permissions.js';
import type { WorkflowFactory } from '../../workflow-module.js';
import { accessNotices } from './access-notices.js';
import { ACCESS_VERBS } from './verbs.js';

const GroupValues = z.object({
  groupId: z.string().max(100).default(''),
  name: z.string().max(500).default(''),
  description: z.string().max(2000).default(''),
  members: z.string().max(20_000).default(''),
});
type GroupValues = z.infer<typeof GroupValues>;

const MANAGE = partnerMay('manage-security-groups');
const ONE_GROUP = partnerMay('manage-security-groups', {
  target: recordTarget('securityGroups', 'groupId', ['partner'], true),
});

export function memberNames(group: SecurityGroup, staff: readonly User[], tr: Translator): string {
  const names = staff.filter((u) => group.memberUserIds.includes(u.id)).map((u) => u.name);
  return names.length ? names.join(', ') : tr.t('groups.noMembers');
}

/** "groups": the partner's security groups (name, description, members), new and edited in a form. */
export const securityGroupsWorkflow: WorkflowFactory = ({ store, clock, notifier, config }) => {
  const groups = new SecurityGroupService(store, clock);
  const notices = accessNotices(notifier, config.defaultLanguage);
  const title = (tr: Translator) => tr.t('groups.title');

  async function listCard(acting: Acting, tr: Translator, saved?: SecurityGroup): Promise<CardAttachment> {
    const listed = await groups.list(acting);
    if (!listed.ok) return noticeCard(title(tr), describeRefusal(listed.refusal, tr), 'attention');
    const { groups: all, staff } = listed.value;
    const intro = saved
      ? tr.t('groups.saved', { name: saved.name })
      : tr.t(all.length ? 'groups.intro' : 'groups.none');
    return sectionsCard(
      title(tr),
      intro,
      all.map((g) => ({
        heading: g.name,
        facts: [
          ...(g.description ? [{ title: tr.t('groups.description'), value: g.description }] : []),
          { title: tr.t('groups.members'), value: memberNames(g, staff, tr) },
        ],
      })),
      [
        button(tr.t('groups.new'), ACCESS_VERBS.groupForm, {}, 'positive'),
        ...all.map((g) => button(tr.t('groups.edit', { name: g.name }), ACCESS_VERBS.groupForm, { groupId: g.id })),
      ],
    );
  }

  async function form(acting: Acting, tr: Translator, values: GroupValues, error?: string): Promise<CardAttachment> {
    const staff = await groups.staff(acting);
    return formCard(
      values.groupId ? tr.t('groups.editTitle') : tr.t('groups.newTitle'),
      tr.t('groups.formText'),
      [
        textField('name', tr.t('groups.name'), values.name, tr.t('groups.namePlaceholder'), tr.t('groups.name')),
        textField('description', tr.t('groups.description'), values.description),
        choiceField(
          'members',
          tr.t('groups.members'),
          staff.map((u) => ({ title: u.name, value: u.id })),
          values.members,
          { multiSelect: true, required: false },
        ),
      ],
      [button(tr.t('groups.save'), ACCESS_VERBS.groupSave, { groupId: values.groupId }, 'positive')],
      error,
    );
  }

  return {
    commands: [
      command('groups', MANAGE, async ({ context, session }) =>
        context.sendActivity({ attachments: [await listCard(session, session.tr)] }),
      ),
    ],
    cardActions: [
      cardAction({
        verb: ACCESS_VERBS.groupForm,
        permission: ONE_GROUP,
        data: z.object({ groupId: z.string().max(100).default('') }),
        async handle(_c, session, { groupId }) {
          const { tr } = session;
          if (!groupId) return form(session, tr, GroupValues.parse({}));
          const found = await groups.get(session, groupId);
          if (!found.ok) return noticeCard(title(tr), describeRefusal(found.refusal, tr), 'attention');
          const g = found.value;
          return form(session, tr, {
            groupId,
            name: g.name,
            description: g.description,
            members: g.memberUserIds.join(','),
          });
        },
      }),
      cardAction({
        verb: ACCESS_VERBS.groupSave,
        permission: ONE_GROUP,
        data: GroupValues,
        async handle(_c, session, values) {
          const { tr } = session;
          const saved = await groups.save(
            session,
            {
              ...(values.groupId ? { groupId: values.groupId } : {}),
              name: values.name,
              description: values.description,
              memberUserIds: values.members
                .split(',')
                .map((m) => m.trim())
                .filter(Boolean),
            },
            notices.membersAdded(session.user.name),
          );
          if (!saved.ok) return form(session, tr, values, describeRefusal(saved.refusal, tr));
          return listCard(session, tr, saved.value);
        },
      }),
    ],
  };
};
