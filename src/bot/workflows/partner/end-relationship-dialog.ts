import { WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { z } from 'zod';
import { button } from '../../../cards/button.js';
import { choiceForm } from '../../../cards/choice-form.js';
import { adminRoleNames, formatDate } from '../../../cards/format.js';
import { relationshipLabel, relationshipNoticeFacts } from '../../../cards/labels.js';
import { noticeCard } from '../../../cards/notice-card.js';
import { describeRefusal } from '../../../cards/refusal.js';
import type { Relationship } from '../../../domain/model.js';
import { translator } from '../../../i18n/i18n.js';
import type { Acting } from '../../../services/invitations/invitations.js';
import type { Refusal } from '../../../services/outcome.js';
import { RelationshipEnding, type Ending } from '../../../services/relationships/relationship-ending.js';
import { showCard } from '../../dialogs/card-reply.js';
import { isSubmitOf, stepVerb, type Submission } from '../../dialogs/step-verb.js';
import { WorkflowDialog } from '../../dialogs/workflow-dialog.js';
import { partnerMay, recordTarget } from '../../permissions.js';
import { sessionOf } from '../../session.js';
import type { WorkflowDeps } from '../../workflow-module.js';

export const END_RELATIONSHIP_DIALOG = 'end-relationship';

export const END_VERBS = {
  endConfirm: 'relationship.end-confirm',
  end: 'relationship.end',
  endBack: 'relationship.end-back',
} as const;

const EndingKind = z.enum(['relationship', 'admin-access']);
const workflow = 'end-relationship' as const;

/** The two buttons of the pick: which relationship, and whether all of it ends or only its admin access. */
export const CHOOSE = stepVerb({
  verb: END_VERBS.endConfirm,
  permission: partnerMay('act-on-behalf', {
    target: recordTarget('relationships', 'relationshipId', ['partner'], true),
  }),
  data: z.object({ ending: EndingKind, relationshipId: z.string().max(100).default('') }),
  workflow,
});
export const END = stepVerb({
  verb: END_VERBS.end,
  permission: partnerMay('act-on-behalf', { target: recordTarget('relationships', 'relationshipId', ['partner']) }),
  data: z.object({ ending: EndingKind, relationshipId: z.string().min(1).max(100) }),
  workflow,
});
/** Back from the confirmation to the pick, with the relationship chosen still selected. */
export const BACK = stepVerb({
  verb: END_VERBS.endBack,
  permission: partnerMay('act-on-behalf'),
  data: z.object({}).passthrough(),
  workflow,
});

interface EndValues {
  relationshipId: string;
  ending: Ending;
}

/**
 * "End a relationship": pick a customer relationship and whether it ends whole or only its admin access,
 * confirm (or go back), and it ends; the customer's admins are told in the same transaction. The relationship
 * confirmed is the one this dialog chose, whatever a card's data says.
 */
export class EndRelationshipDialog extends WorkflowDialog {
  private readonly ending: RelationshipEnding;

  constructor(private readonly deps: WorkflowDeps) {
    super(
      {
        id: END_RELATIONSHIP_DIALOG,
        title: 'workflow.end-relationship.title',
        command: workflow,
        verbs: [CHOOSE, END, BACK],
      },
      deps.available,
    );
    this.ending = new RelationshipEnding(deps.store, deps.clock);
    const steps = [this.pick.bind(this), this.confirm.bind(this), this.end.bind(this)];
    this.addDialog(new WaterfallDialog(`${END_RELATIONSHIP_DIALOG}.steps`, steps));
    this.initialDialogId = `${END_RELATIONSHIP_DIALOG}.steps`;
  }

  private async pick(step: WaterfallStepContext) {
    const session = sessionOf(step.context);
    const { tr } = session;
    const rows = await this.ending.live(session);
    if (!rows.ok) return this.finish(step, rows.refusal);
    if (rows.value.length === 0) {
      await showCard(step.context, noticeCard(tr.t('end.title'), tr.t('end.none', { org: session.org.name })));
      return step.endDialog();
    }
    const card = choiceForm({
      title: tr.t('end.title'),
      text: tr.t('end.choose'),
      inputId: 'relationshipId',
      label: tr.t('end.label'),
      requiredMessage: tr.t('end.label'),
      selected: this.values<EndValues>(step).relationshipId,
      choices: rows.value.map(({ relationship, customer }) => ({
        title: relationshipLabel(relationship, customer.name, tr),
        value: relationship.id,
      })),
      actions: [
        button(tr.t('end.endRelationship'), CHOOSE.verb, { ending: 'relationship' }, 'destructive'),
        button(tr.t('end.terminateAccess'), CHOOSE.verb, { ending: 'admin-access' }, 'destructive'),
      ],
    });
    return this.askCard(step, card, [CHOOSE], 'workflow.end-relationship.step.pick');
  }

  private async confirm(step: WaterfallStepContext) {
    const session = sessionOf(step.context);
    const { tr } = session;
    const { data } = this.submission(step) as Submission<typeof CHOOSE.data>;
    const values = this.values<EndValues>(step);
    const rows = await this.ending.live(session);
    if (!rows.ok) return this.finish(step, rows.refusal);
    const row = rows.value.find((r) => r.relationship.id === data.relationshipId);
    // Nothing (or nothing live) chosen: the pick once more.
    if (!row) return this.again(step);
    Object.assign(values, { relationshipId: row.relationship.id, ending: data.ending });
    const params = {
      customer: row.customer.name,
      org: session.org.name,
      roles: adminRoleNames(row.relationship.adminAccess?.roles ?? [], tr),
    };
    const [title, text] =
      data.ending === 'relationship'
        ? ['end.confirmEndTitle', 'end.confirmEndText']
        : ['end.confirmAccessTitle', 'end.confirmAccessText'];
    const card = noticeCard(
      tr.t(title, params),
      tr.t(text, params),
      'warning',
      [],
      [
        button(tr.t('end.yes'), END.verb, { ending: data.ending, relationshipId: row.relationship.id }, 'destructive'),
        button(tr.t('workflow.back'), BACK.verb),
      ],
    );
    return this.askCard(step, card, [END, BACK], 'workflow.end-relationship.step.confirm');
  }

  private async end(step: WaterfallStepContext) {
    const session = sessionOf(step.context);
    const { tr } = session;
    const submission = this.submission(step);
    if (isSubmitOf(submission, BACK)) return this.again(step, 2);
    const { data } = submission as Submission<typeof END.data>;
    const { relationshipId, ending: kind } = this.values<EndValues>(step);
    if (!relationshipId || !kind || data.relationshipId !== relationshipId || data.ending !== kind) {
      return this.finish(step, { code: 'target-not-found' });
    }
    const before = await this.deps.store.get('relationships', relationshipId);
    const ended = await this.ending.end(session, relationshipId, kind, this.tellCustomer(session, kind, before));
    if (!ended.ok) return this.finish(step, ended.refusal);
    const customer = (await this.deps.store.get('organizations', ended.value.customerTenantId))?.name ?? '';
    const params = { org: session.org.name, customer };
    const card =
      kind === 'relationship'
        ? noticeCard(tr.t('end.endedTitle'), tr.t('end.endedText', params), 'good')
        : noticeCard(tr.t('end.accessEndedTitle'), tr.t('end.accessEndedText', params), 'good');
    await showCard(step.context, card);
    return step.endDialog({ ended: relationshipId });
  }

  private async finish(step: WaterfallStepContext, refusal: Refusal) {
    const { tr } = sessionOf(step.context);
    await showCard(step.context, noticeCard(tr.t('end.title'), describeRefusal(refusal, tr), 'attention'));
    return step.endDialog();
  }

  /** The customer's admins are told what the partner ended, each in their own language. */
  private tellCustomer(acting: Acting, kind: Ending, before: Relationship | undefined) {
    const { notifier, config, clock } = this.deps;
    return async (
      tx: Parameters<Parameters<RelationshipEnding['end']>[3]>[0],
      relationship: Relationship,
      customer: { name: string; tenantId: string },
    ) => {
      const admins = (await tx.findBy('users', 'tenant', customer.tenantId)).filter(
        (u) => u.roles.side === 'customer' && u.roles.admin.length > 0,
      );
      for (const admin of admins) {
        const atr = translator(admin.language ?? config.defaultLanguage);
        const params = {
          partner: acting.org.name,
          customer: customer.name,
          name: acting.user.name,
          date: formatDate(clock(), atr),
          roles: adminRoleNames(before?.adminAccess?.roles ?? [], atr),
        };
        // Which relationship: as it was before it ended, so the roles it held are named.
        const facts = relationshipNoticeFacts(before ?? relationship, customer.name, atr);
        const [title, text] =
          kind === 'relationship'
            ? ['end.customerEndedTitle', 'end.customerEndedText']
            : ['end.customerAccessTitle', 'end.customerAccessText'];
        const card = noticeCard(atr.t(title, params), atr.t(text, params), 'warning', facts);
        notifier.enqueue(tx, admin, `relationship.${kind}-ended`, { card }, relationship.id);
      }
    };
  }
}
