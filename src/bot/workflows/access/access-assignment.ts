import { z } from 'zod';
import { accessFacts } from '../../../cards/access-facts.js';
import { button } from '../../../cards/button.js';
import { choiceField, formCard } from '../../../cards/form-card.js';
import { adminRoleNames } from '../../../cards/format.js';
import { noticeCard } from '../../../cards/notice-card.js';
import { describeRefusal } from '../../../cards/refusal.js';
import type { CardAttachment } from '../../../cards/render.js';
import { sectionsCard } from '../../../cards/sections-card.js';
import { grantedRoles } from '../../../domain/access.js';
import { AdminRoleId } from '../../../domain/model.js';
import type { Translator } from '../../../i18n/i18n.js';
import type { Acting } from '../../../services/invitations/invitations.js';
import { groupsOf } from '../../../services/people/security-groups.js';
import {
  AccessAssignmentService,
  type RelationshipAccess,
} from '../../../services/relationships/access-assignments.js';
import { relationshipLabel } from '../../../services/relationships/relationship-names.js';
import { cardAction } from '../../card-actions.js';
import { command } from '../../command-handler.js';
import { partnerMay, recordTarget } from '../../permissions.js';
import type { WorkflowFactory } from '../../workflow-module.js';
import { accessNotices } from './access-notices.js';
import { ACCESS_VERBS } from './verbs.js';

const AssignValues = z.object({
  relationshipId: z.string().min(1).max(100),
  groups: z.string().max(20_000).default(''),
  roles: z.string().max(2000).default(''),
});
type AssignValues = z.infer<typeof AssignValues>;

const ON_RELATIONSHIP = partnerMay('assign-access', {
  target: recordTarget('relationships', 'relationshipId', ['partner']),
});

const list = (text: string) =>
  text
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);

/** "access": an admin agent assigns a relationship's roles to the partner's security groups (GDAP access assignments). */
export const accessAssignmentWorkflow: WorkflowFactory = ({ store, clock, notifier, config }) => {
  const service = new AccessAssignmentService(store, clock);
  const notices = accessNotices(notifier, config.defaultLanguage);
  const title = (tr: Translator) => tr.t('access.title');
  const heading = (row: RelationshipAccess) =>
    `${relationshipLabel(row.relationship, row.customer.name)} (${row.customer.name})`;

  async function pickCard(acting: Acting, tr: Translator): Promise<CardAttachment> {
    const rows = await service.assignable(acting);
    if (!rows.ok) return noticeCard(title(tr), describeRefusal(rows.refusal, tr), 'attention');
    const now = clock();
    return sectionsCard(
      title(tr),
      tr.t(rows.value.length ? 'access.pickText' : 'access.pickNone'),
      rows.value.map((row) => ({
        heading: heading(row),
        facts: [
          { title: tr.t('status.roles'), value: adminRoleNames(grantedRoles(row.relationship, now), tr) },
          ...accessFacts(row.relationship, row.assignments, tr, now),
        ],
      })),
      rows.value.map((row) =>
        button(relationshipLabel(row.relationship, row.customer.name), ACCESS_VERBS.accessForm, {
          relationshipId: row.relationship.id,
        }),
      ),
    );
  }

  async function form(acting: Acting, tr: Translator, values: AssignValues, error?: string): Promise<CardAttachment> {
    const found = await service.get(acting, values.relationshipId);
    if (!found.ok) return noticeCard(title(tr), describeRefusal(found.refusal, tr), 'attention');
    const row = found.value;
    const groups = await groupsOf(store, acting.org.tenantId);
    if (!groups.length) return noticeCard(title(tr), tr.t('access.noGroups'), 'warning');
    const granted = grantedRoles(row.relationship, clock());
    return formCard(
      tr.t('access.formTitle', { relationship: heading(row) }),
      tr.t('access.formText'),
      [
        choiceField(
          'groups',
          tr.t('access.groups'),
          groups.map((g) => ({ title: g.name, value: g.id })),
          values.groups,
          { multiSelect: true },
        ),
        choiceField(
          'roles',
          tr.t('access.roles'),
          granted.map((r) => ({ title: adminRoleNames([r], tr), value: r })),
          values.roles || granted.join(','),
          { multiSelect: true },
        ),
      ],
      [button(tr.t('access.assign'), ACCESS_VERBS.accessAssign, { relationshipId: values.relationshipId }, 'positive')],
      error,
    );
  }

  return {
    commands: [
      command('access', partnerMay('assign-access'), async ({ context, session }) =>
        context.sendActivity({ attachments: [await pickCard(session, session.tr)] }),
      ),
    ],
    cardActions: [
      cardAction({
        verb: ACCESS_VERBS.accessForm,
        permission: ON_RELATIONSHIP,
        data: AssignValues,
        handle: (_c, session, values) => form(session, session.tr, values),
      }),
      cardAction({
        verb: ACCESS_VERBS.accessAssign,
        permission: ON_RELATIONSHIP,
        data: AssignValues,
        async handle(_c, session, values) {
          const { tr } = session;
          const roles = list(values.roles).filter((r): r is AdminRoleId => AdminRoleId.safeParse(r).success);
          const done = await service.assign(
            session,
            values.relationshipId,
            list(values.groups),
            roles,
            notices.settled,
          );
          if (!done.ok) {
            const { refusal } = done;
            // The service names roles by id; the form names them in the reader's words.
            const named = refusal.params?.roles
              ? {
                  ...refusal,
                  params: { ...refusal.params, roles: adminRoleNames(list(refusal.params.roles) as AdminRoleId[], tr) },
                }
              : refusal;
            return form(session, tr, values, describeRefusal(named, tr));
          }
          const groups = await groupsOf(store, session.org.tenantId);
          const active = done.value.every((a) => a.status === 'active');
          return noticeCard(
            tr.t(active ? 'access.doneTitle' : 'access.failedTitle'),
            tr.t(active ? 'access.doneText' : 'access.failedText'),
            active ? 'good' : 'warning',
            done.value.map((a) => ({
              title: groups.find((g) => g.id === a.groupId)?.name ?? tr.t('access.groupGone'),
              value: tr.t('access.assignmentLine', {
                roles: adminRoleNames(a.roles, tr),
                status: tr.t(`access.status.${a.status}`),
              }),
            })),
          );
        },
      }),
    ],
  };
};
