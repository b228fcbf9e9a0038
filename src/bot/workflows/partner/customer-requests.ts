import { z } from 'zod';
import { adminRoleNames } from '../../../cards/format.js';
import { noticeCard } from '../../../cards/notice-card.js';
import { describeRefusal } from '../../../cards/refusal.js';
import type { CustomerRequest } from '../../../domain/customer-request.js';
import { identityKey, type Transaction } from '../../../store/store.js';
import { translator, type Translator } from '../../../i18n/i18n.js';
import type { Acting } from '../../../services/invitations/invitations.js';
import { ok, type Outcome, type Refusal } from '../../../services/outcome.js';
import { CustomerRequests } from '../../../services/relationships/customer-requests.js';
import { liveAdminAccess } from '../../../services/relationships/relationship-admin.js';
import { RelationshipEnding } from '../../../services/relationships/relationship-ending.js';
import { cardAction } from '../../card-actions.js';
import { workflowCommand } from '../../command-handler.js';
import { partnerMay, recordTarget } from '../../permissions.js';
import type { WorkflowFactory } from '../../workflow-module.js';
import { asked, REQUEST_RECEIVED, requestCard } from './customer-request-card.js';
import { CUSTOMER_REQUESTS_DIALOG, CustomerRequestsDialog, OPEN } from './customer-requests-dialog.js';
import { tellCustomerAdmins } from './day-two-notices.js';
import { DAY_TWO_VERBS as VERBS } from './day-two-verbs.js';
import { globalAdminRemoval } from './admin-access.js';

const ANSWER = 'answer-customer-requests' as const;
// The card agents get in Teams (src/bot/workflows/customer/ask-partner.ts) is built here too.
export { REQUEST_RECEIVED, requestCard };

/**
 * The partner side of "ask partner" (rule 8): the admin agents list open customer requests, act on one (end
 * the relationship, end admin access, or send the request for the roles that remain) or decline it with a
 * reason. The customer's admins are told the outcome, and every agent's copy of the card is closed.
 */
export const customerRequestsWorkflow: WorkflowFactory = (deps) => {
  const { store, clock } = deps;
  const requests = new CustomerRequests(store, clock);
  const ending = new RelationshipEnding(store, clock);
  const removal = globalAdminRemoval(deps);
  const title = (tr: Translator) => tr.t('gdap.request.listTitle');
  const attention = (refusal: Refusal, tr: Translator) =>
    noticeCard(title(tr), describeRefusal(refusal, tr), 'attention');
  const customerName = async (request: CustomerRequest) =>
    (await store.get('organizations', request.customerTenantId))?.name ?? '';

  /** Inside the answering transaction: the customer hears the outcome, the other agents' cards close. */
  async function answered(tx: Transaction, acting: Acting, request: CustomerRequest, outcome: string) {
    await tellCustomerAdmins(deps, tx, request.customerTenantId, 'customer-request.answered', request.id, (tr) =>
      noticeCard(
        tr.t('gdap.request.outcomeTitle', { partner: acting.org.name }),
        `${asked(request, tr)}\n\n${tr.t(outcome, { partner: acting.org.name, reason: request.reason ?? '', name: acting.user.name })}`,
        outcome === 'gdap.request.outcomeDeclined' ? 'warning' : 'good',
      ),
    );
    const customer = (await tx.get('organizations', request.customerTenantId))?.name ?? '';
    await deps.notifier.queueReplacements(tx, request.id, async (n) => {
      if (n.kind !== REQUEST_RECEIVED) return undefined;
      const [reader] = await tx.findBy('users', 'identity', identityKey(n.tenantId, n.aadObjectId));
      const rtr = translator(reader?.language ?? deps.config.defaultLanguage);
      return {
        card: noticeCard(
          rtr.t('gdap.request.cardTitle', { customer }),
          rtr.t('gdap.request.closed', { name: acting.user.name }),
        ),
      };
    });
  }

  /** Does what the customer asked; the request is marked done in the same transaction as the change. */
  async function act(acting: Acting, request: CustomerRequest, tr: Translator): Promise<Outcome<string>> {
    const finish = (outcome: string) => async (tx: Transaction, invitationId?: string) => {
      const done = await requests.complete(tx, acting, request.id, invitationId);
      if (done) await answered(tx, acting, done, outcome);
    };
    const relationship = await store.get('relationships', request.relationshipId);
    const held = relationship ? (liveAdminAccess(relationship)?.roles ?? []) : [];
    const remaining = held.filter((r) => !request.roles.includes(r));
    if (request.kind === 'end-relationship' || !remaining.length) {
      const kind = request.kind === 'end-relationship' ? 'relationship' : 'admin-access';
      const outcome = kind === 'relationship' ? 'gdap.request.outcomeEnded' : 'gdap.request.outcomeAccessEnded';
      const ended = await ending.end(acting, request.relationshipId, kind, (tx) => finish(outcome)(tx));
      return ended.ok ? ok(outcome) : ended;
    }
    const plan = await removal.reduction.plan(acting, request.relationshipId, request.roles, ANSWER);
    if (!plan.ok) return plan;
    const customer = plan.value.customer.name;
    const params = { partner: acting.org.name, customer, roles: adminRoleNames(plan.value.remaining, tr) };
    const sent = await removal.reduction.send(
      acting,
      plan.value,
      { subject: tr.t('gdap.request.emailSubject', params), body: tr.t('gdap.request.emailBody', params) },
      (tx, invitation) => finish('gdap.request.outcomeNewRequest')(tx, invitation.id),
    );
    if (!sent.ok) return sent;
    // The same request was open already: this request is done by it too.
    if (sent.value.existing)
      await store.transaction(async (tx) => finish('gdap.request.outcomeNewRequest')(tx, sent.value.invitation.id));
    return ok('gdap.request.outcomeNewRequest');
  }

  const onRequest = (optional = false) =>
    partnerMay(ANSWER, { target: recordTarget('customerRequests', 'requestId', ['partner'], optional) });

  return {
    commands: [workflowCommand('customer-requests', partnerMay(ANSWER), CUSTOMER_REQUESTS_DIALOG)],
    cardActions: [
      OPEN,
      cardAction({
        verb: VERBS.requestAct,
        permission: onRequest(),
        data: z.object({ requestId: z.string().min(1).max(100) }).passthrough(),
        async handle(_c, session, { requestId }) {
          const { tr } = session;
          const request = await requests.get(session, requestId);
          if (!request.ok) return attention(request.refusal, tr);
          const customer = await customerName(request.value);
          const done = await act(session, request.value, tr);
          if (!done.ok) return requestCard(request.value, customer, tr, describeRefusal(done.refusal, tr));
          return noticeCard(
            tr.t('gdap.request.cardTitle', { customer }),
            tr.t(`${done.value}Partner`, { customer }),
            'good',
          );
        },
      }),
      cardAction({
        verb: VERBS.requestDecline,
        permission: onRequest(),
        data: z.object({ requestId: z.string().min(1).max(100), reason: z.string().max(500).default('') }),
        async handle(_c, session, { requestId, reason }) {
          const { tr } = session;
          const declined = await requests.decline(session, requestId, reason, (tx, saved) =>
            answered(tx, session, saved, 'gdap.request.outcomeDeclined'),
          );
          if (declined.ok)
            return noticeCard(
              tr.t('gdap.request.cardTitle', { customer: await customerName(declined.value) }),
              tr.t('gdap.request.declinedPartner'),
              'good',
            );
          const request = await requests.get(session, requestId);
          return request.ok
            ? requestCard(request.value, await customerName(request.value), tr, describeRefusal(declined.refusal, tr))
            : attention(declined.refusal, tr);
        },
      }),
    ],
    dialogs: [new CustomerRequestsDialog(deps)],
  };
};
