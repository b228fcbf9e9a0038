import { WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { z } from 'zod';
import { button } from '../../../cards/button.js';
import { choiceField, formCard, textField } from '../../../cards/form-card.js';
import { adminRoleNames, relationshipTypes } from '../../../cards/format.js';
import { noticeCard } from '../../../cards/notice-card.js';
import { describeRefusal } from '../../../cards/refusal.js';
import type { CardAttachment } from '../../../cards/render.js';
import { CustomerRequestKind } from '../../../domain/customer-request.js';
import { AdminRoleId } from '../../../domain/model.js';
import type { Translator } from '../../../i18n/i18n.js';
import type { Refusal } from '../../../services/outcome.js';
import { CustomerRequests, type AskableRelationship } from '../../../services/relationships/customer-requests.js';
import { liveAdminAccess } from '../../../services/relationships/relationship-admin.js';
import { workflowCommand } from '../../command-handler.js';
import { showCard } from '../../dialogs/card-reply.js';
import { isSubmitOf, stepVerb } from '../../dialogs/step-verb.js';
import { WorkflowDialog } from '../../dialogs/workflow-dialog.js';
import { customerMay, recordTarget } from '../../permissions.js';
import { sessionOf } from '../../session.js';
import type { WorkflowDeps, WorkflowFactory } from '../../workflow-module.js';
import { tellPartnerAdminAgents } from '../partner/day-two-notices.js';
import { DAY_TWO_VERBS as VERBS } from '../partner/day-two-verbs.js';
import { REQUEST_RECEIVED, requestCard } from '../partner/customer-requests.js';

const ASK = 'ask-partner-for-change' as const;
export const ASK_PARTNER_DIALOG = 'ask-partner';
/** "Back" on the request form: to the choice of partner, as it was. */
export const ASK_BACK_VERB = 'gdap.ask.back';

const AskValues = z.object({
  relationshipId: z.string().min(1).max(100),
  kind: z.string().max(40).default(''),
  roles: z.string().max(2000).default(''),
  note: z.string().max(500).default(''),
});
type AskValues = z.infer<typeof AskValues>;

const PICK = stepVerb({
  verb: VERBS.askForm,
  permission: customerMay(ASK, { target: recordTarget('relationships', 'relationshipId', ['customer'], true) }),
  data: z.object({ relationshipId: z.string().max(100).default('') }),
  workflow: 'ask-partner',
});
const SEND = stepVerb({
  verb: VERBS.askSend,
  permission: customerMay(ASK, { target: recordTarget('relationships', 'relationshipId', ['customer']) }),
  data: AskValues,
  workflow: 'ask-partner',
});
const BACK = stepVerb({
  verb: ASK_BACK_VERB,
  permission: customerMay(ASK),
  data: z.object({}),
  workflow: 'ask-partner',
});

interface AskState {
  relationshipId: string;
  ask: AskValues;
  error: string;
}

function title(tr: Translator): string {
  return tr.t('gdap.ask.title');
}

function attention(refusal: Refusal, tr: Translator): CardAttachment {
  return noticeCard(title(tr), describeRefusal(refusal, tr), 'attention');
}

function pickCard(rows: AskableRelationship[], tr: Translator, chosen = ''): CardAttachment {
  return formCard(
    title(tr),
    tr.t('gdap.ask.choose'),
    [
      choiceField(
        'relationshipId',
        tr.t('gdap.ask.partner'),
        rows.map(({ relationship, partner }) => ({
          title: `${partner.name}: ${relationshipTypes(relationship.types, tr)}`,
          value: relationship.id,
        })),
        chosen,
      ),
    ],
    [button(tr.t('gdap.ask.next'), VERBS.askForm, {}, 'positive')],
  );
}

function askForm(row: AskableRelationship, tr: Translator, values?: Partial<AskValues>, error?: string) {
  const held = liveAdminAccess(row.relationship)?.roles ?? [];
  const kinds = CustomerRequestKind.options.filter((k) => k === 'end-relationship' || held.length > 0);
  return formCard(
    tr.t('gdap.ask.formTitle', { partner: row.partner.name }),
    tr.t('gdap.ask.formText', {
      partner: row.partner.name,
      roles: held.length ? adminRoleNames(held, tr) : tr.t('partner.roles.none'),
    }),
    [
      choiceField(
        'kind',
        tr.t('gdap.ask.kind'),
        kinds.map((k) => ({ value: k, title: tr.t(`gdap.ask.kind.${k}`) })),
        values?.kind || kinds[0]!,
      ),
      ...(held.length
        ? [
            choiceField(
              'roles',
              tr.t('gdap.ask.roles'),
              held.map((r) => ({ value: r, title: tr.t(`adminRole.${r}.name`) })),
              values?.roles ?? '',
              { multiSelect: true, required: false },
            ),
          ]
        : []),
      textField('note', tr.t('gdap.ask.note'), values?.note ?? ''),
    ],
    [
      button(tr.t('gdap.ask.send'), VERBS.askSend, { relationshipId: row.relationship.id }, 'positive'),
      button(tr.t('workflow.back'), ASK_BACK_VERB),
    ],
    error,
  );
}

/**
 * "Ask partner" (rule 8: to end the relationship the customer contacts the partner, who removes it): a customer
 * global admin picks a partner, then asks it to end the relationship or to remove some admin roles; the
 * partner's admin agents get the request as a card, and this admin is told what they did. The partner asked is
 * the one picked in this dialog, never one a card names.
 */
export class AskPartnerDialog extends WorkflowDialog {
  private readonly requests: CustomerRequests;

  constructor(private readonly deps: WorkflowDeps) {
    super(
      {
        id: ASK_PARTNER_DIALOG,
        title: 'workflow.ask-partner.title',
        command: 'ask-partner',
        verbs: [PICK, SEND, BACK],
      },
      deps.available,
    );
    this.requests = new CustomerRequests(deps.store, deps.clock);
    const steps = [this.pick.bind(this), this.form.bind(this), this.send.bind(this)];
    this.addDialog(new WaterfallDialog(`${ASK_PARTNER_DIALOG}.steps`, steps));
    this.initialDialogId = `${ASK_PARTNER_DIALOG}.steps`;
  }

  private async pick(step: WaterfallStepContext) {
    const session = sessionOf(step.context);
    const { tr } = session;
    const rows = await this.requests.askable(session);
    if (!rows.ok || !rows.value.length) {
      const none = noticeCard(title(tr), tr.t('gdap.ask.none', { org: session.org.name }));
      await showCard(step.context, rows.ok ? none : attention(rows.refusal, tr));
      return step.endDialog();
    }
    const card = pickCard(rows.value, tr, this.values<AskState>(step).relationshipId);
    return this.askCard(step, card, [PICK], 'workflow.ask-partner.step.pick');
  }

  private async form(step: WaterfallStepContext) {
    const session = sessionOf(step.context);
    const values = this.values<AskState>(step);
    const submission = step.result ? this.submission(step) : undefined;
    if (submission && isSubmitOf(submission, PICK)) {
      const { relationshipId } = submission.data as { relationshipId: string };
      if (!relationshipId) return this.again(step);
      // Another partner: what was typed for the previous one does not apply.
      if (relationshipId !== values.relationshipId) delete values.ask;
      values.relationshipId = relationshipId;
      delete values.error;
    }
    const row = await this.requests.askableOne(session, values.relationshipId ?? '');
    if (!row.ok) {
      await showCard(step.context, attention(row.refusal, session.tr));
      return step.endDialog();
    }
    const card = askForm(row.value, session.tr, values.ask, values.error);
    return this.askCard(step, card, [SEND, BACK], 'workflow.ask-partner.step.form');
  }

  private async send(step: WaterfallStepContext) {
    const session = sessionOf(step.context);
    const { tr } = session;
    const submission = this.submission(step);
    const values = this.values<AskState>(step);
    if (!isSubmitOf(submission, SEND)) return this.again(step, 2);
    const typed = submission.data as AskValues;
    values.ask = typed;
    const refuse = (refusal: Refusal) => {
      values.error = describeRefusal(refusal, tr);
      return this.again(step);
    };
    if (typed.relationshipId !== values.relationshipId) return refuse({ code: 'relationship-not-live' });
    const kind = CustomerRequestKind.safeParse(typed.kind);
    if (!kind.success) return refuse({ code: 'customer-request-kind' });
    const roles = typed.roles
      .split(',')
      .map((r) => AdminRoleId.safeParse(r.trim()))
      .flatMap((r) => (r.success ? [r.data] : []));
    const sent = await this.requests.ask(
      session,
      values.relationshipId,
      { kind: kind.data, roles, note: typed.note.trim() },
      (tx, request) =>
        tellPartnerAdminAgents(this.deps, tx, request.partnerTenantId, REQUEST_RECEIVED, request.id, (ptr) =>
          requestCard(request, session.org.name, ptr),
        ),
    );
    if (!sent.ok) return refuse(sent.refusal);
    const partner = (await this.deps.store.get('organizations', sent.value.partnerTenantId))?.name ?? '';
    const done = noticeCard(tr.t('gdap.ask.sentTitle', { partner }), tr.t('gdap.ask.sentText', { partner }), 'good');
    await showCard(step.context, done);
    return step.endDialog({ requestId: sent.value.id });
  }
}

export const askPartnerWorkflow: WorkflowFactory = (deps) => ({
  commands: [workflowCommand('ask-partner', customerMay(ASK), ASK_PARTNER_DIALOG)],
  cardActions: [PICK, SEND, BACK],
  dialogs: [new AskPartnerDialog(deps)],
});
