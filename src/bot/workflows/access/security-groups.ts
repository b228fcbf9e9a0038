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
import type { WorkflowDeps, WorkflowFactory } from '../../workflow-module.js';
import { WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { showCard } from '../../dialogs/card-reply.js';
import { stepVerb } from '../../dialogs/step-verb.js';
import { WorkflowDialog } from '../../dialogs/workflow-dialog.js';
import { beginWorkflow } from '../../dialogs/workflow-stack.js';
import { sessionOf } from '../../session.js';
import { accessNotices } from './access-notices.js';
import { ACCESS_VERBS } from './verbs.js';
import { choicesOf } from '../../../domain/choice-list.js';

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
export const EDIT_GROUP_DIALOG = 'groups.edit';
const SAVE = stepVerb({ verb: ACCESS_VERBS.groupSave, permission: ONE_GROUP, data: GroupValues, workflow: 'groups' });

export function memberNames(group: SecurityGroup, staff: readonly User[], tr: Translator): string {
  const names = staff.filter((u) => group.memberUserIds.includes(u.id)).map((u) => u.name);
  return names.length ? names.join(', ') : tr.t('groups.noMembers');
}

/** "groups": the partner's security groups (name, description, members), new and edited in a form. */
export const securityGroupsWorkflow: WorkflowFactory = (deps) => {
  const { store, clock, notifier, config } = deps;
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
      SAVE,
      cardAction({
        verb: ACCESS_VERBS.groupForm,
        permission: ONE_GROUP,
        data: z.object({ groupId: z.string().max(100).default('') }),
        handle: (context, _s, { groupId }) =>
          beginWorkflow(context, EDIT_GROUP_DIALOG, { groupId } satisfies EditGroupOptions),
      }),
    ],
    dialogs: [new EditGroupDialog({ groups, listCard, form, notices }, deps)],
  };
};

/** The group a run edits ('' for a new one), from the list's New or Edit button. */
export interface EditGroupOptions {
  groupId: string;
}

interface EditGroupValues {
  form: GroupValues;
  error: string;
}

interface GroupCards {
  groups: SecurityGroupService;
  listCard(acting: Acting, tr: Translator, saved?: SecurityGroup): Promise<CardAttachment>;
  form(acting: Acting, tr: Translator, values: GroupValues, error?: string): Promise<CardAttachment>;
  notices: ReturnType<typeof accessNotices>;
}

/** New or Edit on the groups list: the form (redrawn with what was typed when refused), then the list again. */
export class EditGroupDialog extends WorkflowDialog {
  constructor(
    private readonly parts: GroupCards,
    deps: Pick<WorkflowDeps, 'available'>,
  ) {
    super(
      { id: EDIT_GROUP_DIALOG, title: 'workflow.groups.edit.title', command: 'groups', verbs: [SAVE] },
      deps.available,
    );
    this.addDialog(new WaterfallDialog(`${EDIT_GROUP_DIALOG}.steps`, [this.edit.bind(this), this.save.bind(this)]));
    this.initialDialogId = `${EDIT_GROUP_DIALOG}.steps`;
  }

  private async edit(step: WaterfallStepContext) {
    const session = sessionOf(step.context);
    const { tr } = session;
    const { groupId } = step.options as EditGroupOptions;
    const values = this.values<EditGroupValues>(step);
    if (!values.form && groupId) {
      const found = await this.parts.groups.get(session, groupId);
      if (!found.ok) {
        await showCard(step.context, noticeCard(tr.t('groups.title'), describeRefusal(found.refusal, tr), 'attention'));
        return step.endDialog();
      }
      const g = found.value;
      values.form = { groupId, name: g.name, description: g.description, members: g.memberUserIds.join(',') };
    }
    const card = await this.parts.form(session, tr, values.form ?? GroupValues.parse({}), values.error);
    return this.askCard(step, card, [SAVE], 'workflow.groups.edit.step.form');
  }

  private async save(step: WaterfallStepContext) {
    const session = sessionOf(step.context);
    const { tr } = session;
    const { groupId } = step.options as EditGroupOptions;
    const typed = this.submission(step).data as GroupValues;
    const values = this.values<EditGroupValues>(step);
    values.form = { ...typed, groupId };
    delete values.error;
    // The card names the group for the dispatcher's check; the run knows which group it edits.
    if (typed.groupId !== groupId) {
      values.error = tr.t('refusal.target-not-found');
      return this.again(step);
    }
    const saved = await this.parts.groups.save(
      session,
      {
        ...(groupId ? { groupId } : {}),
        name: typed.name,
        description: typed.description,
        memberUserIds: choicesOf(typed.members),
      },
      this.parts.notices.membersAdded(session.user.name),
    );
    if (!saved.ok) {
      values.error = describeRefusal(saved.refusal, tr);
      return this.again(step);
    }
    await showCard(step.context, await this.parts.listCard(session, tr, saved.value));
    return step.endDialog();
  }
}
