import { z } from 'zod';
import { button } from '../../../cards/button.js';
import { choiceForm } from '../../../cards/choice-form.js';
import { choiceField, formCard, textField } from '../../../cards/form-card.js';
import { adminRoleNames, relationshipTypes } from '../../../cards/format.js';
import { noticeCard } from '../../../cards/notice-card.js';
import { describeRefusal } from '../../../cards/refusal.js';
import type { CardAttachment } from '../../../cards/render.js';
import { CustomerRequestKind } from '../../../domain/customer-request.js';
import { AdminRoleId } from '../../../domain/model.js';
import type { Translator } from '../../../i18n/i18n.js';
import type { Acting } from '../../../services/invitations/invitations.js';
import type { Refusal } from '../../../services/outcome.js';
import { CustomerRequests, type AskableRelationship } from '../../../services/relationships/customer-requests.js';
import { liveAdminAccess } from '../../../services/relationships/relationship-admin.js';
import { cardAction } from '../../card-actions.js';
import { command } from '../../command-handler.js';
import { customerMay, recordTarget } from '../../permissions.js';
import type { WorkflowFactory } from '../../workflow-module.js';
import { tellPartnerAdminAgents } from '../partner/day-two-notices.js';
import { DAY_TWO_VERBS as VERBS } from '../partner/day-two-verbs.js';
import { REQUEST_RECEIVED, requestCard } from '../partner/customer-requests.js';

const ASK = 'ask-partner-for-change' as const;

const AskValues = z.object({
  relationshipId: z.string().min(1).max(100),
  kind: z.string().max(40).default(''),
  roles: z.string().max(2000).default(''),
  note: z.string().max(500).default(''),
});
type AskValues = z.infer<typeof AskValues>;

/**
 * "Ask partner" (rule 8: to end the relationship the customer contacts the partner, who removes it): a customer
 * global admin asks a partner to end the relationship or to remove some admin roles; the partner's admin
 * agents get the request as a card, and this admin is told what they did.
 */
export const askPartnerWorkflow: WorkflowFactory = (deps) => {
  const requests = new CustomerRequests(deps.store, deps.clock);
  const title = (tr: Translator) => tr.t('gdap.ask.title');
  const attention = (refusal: Refusal, tr: Translator) =>
    noticeCard(title(tr), describeRefusal(refusal, tr), 'attention');

  async function pickCard(acting: Acting, tr: Translator): Promise<CardAttachment> {
    const rows = await requests.askable(acting);
    if (!rows.ok) return attention(rows.refusal, tr);
    if (!rows.value.length) return noticeCard(title(tr), tr.t('gdap.ask.none', { org: acting.org.name }));
    return choiceForm({
      title: title(tr),
      text: tr.t('gdap.ask.choose'),
      inputId: 'relationshipId',
      label: tr.t('gdap.ask.partner'),
      requiredMessage: tr.t('gdap.ask.partner'),
      choices: rows.value.map(({ relationship, partner }) => ({
        title: `${partner.name}: ${relationshipTypes(relationship.types, tr)}`,
        value: relationship.id,
      })),
      actions: [button(tr.t('gdap.ask.next'), VERBS.askForm, {}, 'positive')],
    });
  }

  function askForm(row: AskableRelationship, tr: Translator, values?: AskValues, error?: string) {
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
          values?.kind ?? kinds[0]!,
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
      [button(tr.t('gdap.ask.send'), VERBS.askSend, { relationshipId: row.relationship.id }, 'positive')],
      error,
    );
  }

  return {
    commands: [
      command('ask-partner', customerMay(ASK), async ({ context, session }) =>
        context.sendActivity({ attachments: [await pickCard(session, session.tr)] }),
      ),
    ],
    cardActions: [
      cardAction({
        verb: VERBS.askForm,
        permission: customerMay(ASK, { target: recordTarget('relationships', 'relationshipId', ['customer'], true) }),
        data: z.object({ relationshipId: z.string().max(100).default('') }),
        async handle(_c, session, { relationshipId }) {
          if (!relationshipId) return pickCard(session, session.tr);
          const row = await requests.askableOne(session, relationshipId);
          return row.ok ? askForm(row.value, session.tr) : attention(row.refusal, session.tr);
        },
      }),
      cardAction({
        verb: VERBS.askSend,
        permission: customerMay(ASK, { target: recordTarget('relationships', 'relationshipId', ['customer']) }),
        data: AskValues,
        async handle(_c, session, values) {
          const { tr } = session;
          const kind = CustomerRequestKind.safeParse(values.kind);
          const roles = values.roles
            .split(',')
            .map((r) => AdminRoleId.safeParse(r.trim()))
            .flatMap((r) => (r.success ? [r.data] : []));
          const back = async (refusal: Refusal) => {
            const row = await requests.askableOne(session, values.relationshipId);
            return row.ok ? askForm(row.value, tr, values, describeRefusal(refusal, tr)) : attention(refusal, tr);
          };
          if (!kind.success) return back({ code: 'customer-request-kind' });
          const sent = await requests.ask(
            session,
            values.relationshipId,
            { kind: kind.data, roles, note: values.note.trim() },
            (tx, request) =>
              tellPartnerAdminAgents(deps, tx, request.partnerTenantId, REQUEST_RECEIVED, request.id, (ptr) =>
                requestCard(request, session.org.name, ptr),
              ),
          );
          if (!sent.ok) return back(sent.refusal);
          const partner = (await deps.store.get('organizations', sent.value.partnerTenantId))?.name ?? '';
          return noticeCard(tr.t('gdap.ask.sentTitle', { partner }), tr.t('gdap.ask.sentText', { partner }), 'good');
        },
      }),
    ],
  };
};
