import { WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
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
import type { Refusal } from '../../../services/outcome.js';
import { groupsOf } from '../../../services/people/security-groups.js';
import type {
  AccessAssignmentService,
  RelationshipAccess,
} from '../../../services/relationships/access-assignments.js';
import { relationshipLabel } from '../../../services/relationships/relationship-names.js';
import { showCard } from '../../dialogs/card-reply.js';
import { isSubmitOf, stepVerb } from '../../dialogs/step-verb.js';
import { WorkflowDialog } from '../../dialogs/workflow-dialog.js';
import { partnerMay, recordTarget } from '../../permissions.js';
import { sessionOf } from '../../session.js';
import type { WorkflowDeps } from '../../workflow-module.js';
import type { accessNotices } from './access-notices.js';
import { ACCESS_VERBS } from './verbs.js';
import { choicesOf } from '../../../domain/choice-list.js';

export const ASSIGN_ACCESS_DIALOG = 'access.assign';

const Picked = z.object({ relationshipId: z.string().min(1).max(100) });
const Typed = z.object({ groups: z.string().max(20_000).default(''), roles: z.string().max(2000).default('') });
const AssignValues = Picked.merge(Typed);
type Typed = z.infer<typeof Typed>;

const ON_RELATIONSHIP = partnerMay('assign-access', {
  target: recordTarget('relationships', 'relationshipId', ['partner']),
});
const PICK = stepVerb({ verb: ACCESS_VERBS.accessForm, permission: ON_RELATIONSHIP, data: Picked, workflow: 'access' });
const ASSIGN = stepVerb({
  verb: ACCESS_VERBS.accessAssign,
  permission: ON_RELATIONSHIP,
  data: AssignValues,
  workflow: 'access',
});
const BACK = stepVerb({
  verb: ACCESS_VERBS.accessBack,
  permission: partnerMay('assign-access'),
  data: Typed,
  workflow: 'access',
});
export const ASSIGN_ACCESS_VERBS = [PICK, ASSIGN, BACK];

interface AssignAccessValues {
  relationshipId: string;
  form: Typed;
  error: string;
}

/**
 * "access": an admin agent picks one of the partner's relationships with admin roles, then assigns some of its
 * roles to the partner's security groups (GDAP access assignments). Back on the form returns to the pick,
 * keeping what was typed for that relationship.
 */
export class AssignAccessDialog extends WorkflowDialog {
  constructor(
    private readonly service: AccessAssignmentService,
    private readonly notices: ReturnType<typeof accessNotices>,
    private readonly deps: Pick<WorkflowDeps, 'store' | 'clock' | 'available'>,
  ) {
    super(
      {
        id: ASSIGN_ACCESS_DIALOG,
        title: 'workflow.access.assign.title',
        command: 'access',
        verbs: ASSIGN_ACCESS_VERBS,
      },
      deps.available,
    );
    const steps = [this.pick, this.picked, this.form, this.assigned].map((s) => s.bind(this));
    this.addDialog(new WaterfallDialog(`${ASSIGN_ACCESS_DIALOG}.steps`, steps));
    this.initialDialogId = `${ASSIGN_ACCESS_DIALOG}.steps`;
  }

  private async pick(step: WaterfallStepContext) {
    const session = sessionOf(step.context);
    const { tr } = session;
    const rows = await this.service.assignable(session);
    if (!rows.ok)
      return this.end(step, noticeCard(tr.t('access.title'), describeRefusal(rows.refusal, tr), 'attention'));
    const now = this.deps.clock();
    const card = sectionsCard(
      tr.t('access.title'),
      tr.t(rows.value.length ? 'access.pickText' : 'access.pickNone'),
      rows.value.map((row) => ({
        heading: heading(row),
        facts: [
          { title: tr.t('status.roles'), value: adminRoleNames(grantedRoles(row.relationship, now), tr) },
          ...accessFacts(row.relationship, row.assignments, tr, now),
        ],
      })),
      rows.value.map((row) =>
        button(relationshipLabel(row.relationship, row.customer.name), PICK.verb, {
          relationshipId: row.relationship.id,
        }),
      ),
    );
    if (!rows.value.length) return this.end(step, card);
    return this.askCard(step, card, [PICK], 'workflow.access.assign.step.pick');
  }

  private async picked(step: WaterfallStepContext) {
    const { relationshipId } = this.submission(step).data as z.infer<typeof Picked>;
    const values = this.values<AssignAccessValues>(step);
    // Another relationship grants other roles: what was typed for the previous one does not carry over.
    if (values.relationshipId !== relationshipId) delete values.form;
    values.relationshipId = relationshipId;
    delete values.error;
    return step.next();
  }

  private async form(step: WaterfallStepContext) {
    const session = sessionOf(step.context);
    const { tr } = session;
    const { relationshipId, form, error } = this.values<AssignAccessValues>(step);
    const title = tr.t('access.title');
    const found = await this.service.get(session, relationshipId!);
    if (!found.ok) return this.end(step, noticeCard(title, describeRefusal(found.refusal, tr), 'attention'));
    const row = found.value;
    const groups = await groupsOf(this.deps.store, session.org.tenantId);
    if (!groups.length) return this.end(step, noticeCard(title, tr.t('access.noGroups'), 'warning'));
    const granted = grantedRoles(row.relationship, this.deps.clock());
    const card = formCard(
      tr.t('access.formTitle', { relationship: heading(row) }),
      tr.t('access.formText'),
      [
        choiceField(
          'groups',
          tr.t('access.groups'),
          groups.map((g) => ({ title: g.name, value: g.id })),
          form?.groups ?? '',
          { multiSelect: true },
        ),
        choiceField(
          'roles',
          tr.t('access.roles'),
          granted.map((r) => ({ title: adminRoleNames([r], tr), value: r })),
          form?.roles || granted.join(','),
          { multiSelect: true },
        ),
      ],
      [
        button(tr.t('workflow.back'), BACK.verb, {}),
        button(tr.t('access.assign'), ASSIGN.verb, { relationshipId }, 'positive'),
      ],
      error,
    );
    return this.askCard(step, card, [ASSIGN, BACK], 'workflow.access.assign.step.form');
  }

  private async assigned(step: WaterfallStepContext) {
    const session = sessionOf(step.context);
    const { tr } = session;
    const submission = this.submission(step);
    const { relationshipId } = submission.data as Partial<z.infer<typeof Picked>>;
    const values = this.values<AssignAccessValues>(step);
    const typed = Typed.parse(submission.data);
    values.form = typed;
    delete values.error;
    if (isSubmitOf(submission, BACK)) return this.again(step, 3);
    const retry = (error: string) => {
      values.error = error;
      return this.again(step);
    };
    // The card names the relationship for the dispatcher's check; the run knows which one was picked.
    if (relationshipId !== values.relationshipId) return retry(tr.t('refusal.target-not-found'));
    const roles = choicesOf(typed.roles).filter((r): r is AdminRoleId => AdminRoleId.safeParse(r).success);
    const done = await this.service.assign(
      session,
      values.relationshipId!,
      choicesOf(typed.groups),
      roles,
      this.notices.settled,
    );
    if (!done.ok) return retry(describeRefusal(namedRoles(done.refusal, tr), tr));
    const groups = await groupsOf(this.deps.store, session.org.tenantId);
    const active = done.value.every((a) => a.status === 'active');
    const card = noticeCard(
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
    return this.end(step, card);
  }

  private async end(step: WaterfallStepContext, card: CardAttachment) {
    await showCard(step.context, card);
    return step.endDialog();
  }
}

const heading = (row: RelationshipAccess) =>
  `${relationshipLabel(row.relationship, row.customer.name)} (${row.customer.name})`;

/** The service names roles by id; the form names them in the reader's words. */
function namedRoles(refusal: Refusal, tr: Translator): Refusal {
  if (!refusal.params?.roles) return refusal;
  const roles = adminRoleNames(choicesOf(refusal.params.roles) as AdminRoleId[], tr);
  return { ...refusal, params: { ...refusal.params, roles } };
}
