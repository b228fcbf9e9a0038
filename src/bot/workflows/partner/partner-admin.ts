import { z } from 'zod';
import { button } from '../../../cards/button.js';
import { choiceForm } from '../../../cards/choice-form.js';
import { adminRoleNames, formatDate } from '../../../cards/format.js';
import { invitationFacts, relationshipLabel, relationshipNoticeFacts } from '../../../cards/labels.js';
import { noticeCard } from '../../../cards/notice-card.js';
import { describeRefusal } from '../../../cards/refusal.js';
import type { CardAttachment } from '../../../cards/render.js';
import type { Relationship } from '../../../domain/model.js';
import { translator, type Translator } from '../../../i18n/i18n.js';
import { InvitationService, type Acting } from '../../../services/invitations/invitations.js';
import { RelationshipEnding, type Ending } from '../../../services/relationships/relationship-ending.js';
import { cardAction } from '../../card-actions.js';
import type { WorkflowFactory } from '../../workflow-module.js';
import { partnerMay, recordTarget } from '../../permissions.js';
import { command } from '../../command-handler.js';
import { PENDING_VERBS } from './pending-invitations.js';

export const PARTNER_VERBS = {
  cancelConfirm: PENDING_VERBS.cancelConfirm,
  cancel: 'invitation.cancel',
  endConfirm: 'relationship.end-confirm',
  end: 'relationship.end',
} as const;

const Id = z.string().min(1).max(100);
const EndingKind = z.enum(['relationship', 'admin-access']);

/** Cancelling a pending invitation (the list is pending-invitations.ts) and "End a relationship", for partner staff. */
export const partnerAdminWorkflow: WorkflowFactory = ({ store, clock, notifier, config }) => {
  const invitations = new InvitationService(store, clock, config);
  const ending = new RelationshipEnding(store, clock);
  const refused = (title: string, refusal: Parameters<typeof describeRefusal>[0], tr: Translator) =>
    noticeCard(title, describeRefusal(refusal, tr), 'attention');

  async function endForm(acting: Acting, tr: Translator): Promise<CardAttachment> {
    const rows = await ending.live(acting);
    if (!rows.ok) return refused(tr.t('end.title'), rows.refusal, tr);
    if (rows.value.length === 0) return noticeCard(tr.t('end.title'), tr.t('end.none', { org: acting.org.name }));
    return choiceForm({
      title: tr.t('end.title'),
      text: tr.t('end.choose'),
      inputId: 'relationshipId',
      label: tr.t('end.label'),
      requiredMessage: tr.t('end.label'),
      choices: rows.value.map(({ relationship, customer }) => ({
        title: relationshipLabel(relationship, customer.name, tr),
        value: relationship.id,
      })),
      actions: [
        button(tr.t('end.endRelationship'), PARTNER_VERBS.endConfirm, { ending: 'relationship' }, 'destructive'),
        button(tr.t('end.terminateAccess'), PARTNER_VERBS.endConfirm, { ending: 'admin-access' }, 'destructive'),
      ],
    });
  }

  /** The customer's admins are told what the partner ended. */
  const tellCustomer =
    (acting: Acting, kind: Ending, before: Relationship | undefined) =>
    async (
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
        const card =
          kind === 'relationship'
            ? noticeCard(
                atr.t('end.customerEndedTitle', params),
                atr.t('end.customerEndedText', params),
                'warning',
                facts,
              )
            : noticeCard(
                atr.t('end.customerAccessTitle', params),
                atr.t('end.customerAccessText', params),
                'warning',
                facts,
              );
        notifier.enqueue(tx, admin, `relationship.${kind}-ended`, { card }, relationship.id);
      }
    };

  return {
    commands: [
      command('end-relationship', partnerMay('act-on-behalf'), async ({ context, session }) =>
        context.sendActivity({ attachments: [await endForm(session, session.tr)] }),
      ),
    ],
    cardActions: [
      cardAction({
        verb: PARTNER_VERBS.cancelConfirm,
        permission: partnerMay('request-reseller-relationship', {
          target: recordTarget('invitations', 'invitationId', ['partner']),
        }),
        data: z.object({ invitationId: Id }),
        async handle(_c, session, { invitationId }) {
          const { tr } = session;
          const invitation = await store.get('invitations', invitationId);
          if (!invitation || invitation.partnerTenantId !== session.org.tenantId)
            return refused(tr.t('pending.title', { org: session.org.name }), { code: 'invitation-not-found' }, tr);
          const customer = invitation.customerTenantId
            ? await store.get('organizations', invitation.customerTenantId)
            : undefined;
          const name = customer?.name ?? invitation.customerDomain;
          return noticeCard(
            tr.t('pending.cancelConfirmTitle', { customer: name }),
            tr.t('pending.cancelConfirmText'),
            'warning',
            invitationFacts(invitation, name, tr),
            [button(tr.t('pending.cancelYes'), PARTNER_VERBS.cancel, { invitationId }, 'destructive')],
          );
        },
      }),
      cardAction({
        verb: PARTNER_VERBS.cancel,
        permission: partnerMay('request-reseller-relationship', {
          target: recordTarget('invitations', 'invitationId', ['partner']),
        }),
        data: z.object({ invitationId: Id }),
        async handle(_c, session, { invitationId }) {
          const { tr } = session;
          const cancelled = await invitations.cancel(session, invitationId);
          if (!cancelled.ok) return refused(tr.t('pending.title', { org: session.org.name }), cancelled.refusal, tr);
          const customer = cancelled.value.customerTenantId
            ? await store.get('organizations', cancelled.value.customerTenantId)
            : undefined;
          const name = customer?.name ?? cancelled.value.customerDomain;
          return noticeCard(
            tr.t('pending.title', { org: session.org.name }),
            tr.t('pending.cancelled', { customer: name }),
            'good',
            invitationFacts(cancelled.value, name, tr),
          );
        },
      }),
      cardAction({
        verb: PARTNER_VERBS.endConfirm,
        permission: partnerMay('act-on-behalf', {
          target: recordTarget('relationships', 'relationshipId', ['partner'], true),
        }),
        data: z.object({ ending: EndingKind, relationshipId: z.string().max(100).default('') }),
        async handle(_c, session, { ending: kind, relationshipId }) {
          const { tr } = session;
          const rows = await ending.live(session);
          if (!rows.ok) return refused(tr.t('end.title'), rows.refusal, tr);
          const row = rows.value.find((r) => r.relationship.id === relationshipId);
          if (!row) return endForm(session, tr);
          const params = {
            customer: row.customer.name,
            org: session.org.name,
            roles: adminRoleNames(row.relationship.adminAccess?.roles ?? [], tr),
          };
          const [title, text] =
            kind === 'relationship'
              ? ['end.confirmEndTitle', 'end.confirmEndText']
              : ['end.confirmAccessTitle', 'end.confirmAccessText'];
          return noticeCard(
            tr.t(title, params),
            tr.t(text, params),
            'warning',
            [],
            [button(tr.t('end.yes'), PARTNER_VERBS.end, { ending: kind, relationshipId }, 'destructive')],
          );
        },
      }),
      cardAction({
        verb: PARTNER_VERBS.end,
        permission: partnerMay('act-on-behalf', {
          target: recordTarget('relationships', 'relationshipId', ['partner']),
        }),
        data: z.object({ ending: EndingKind, relationshipId: Id }),
        async handle(_c, session, { ending: kind, relationshipId }) {
          const { tr } = session;
          const before = await store.get('relationships', relationshipId);
          const ended = await ending.end(session, relationshipId, kind, tellCustomer(session, kind, before));
          if (!ended.ok) return refused(tr.t('end.title'), ended.refusal, tr);
          const customer = (await store.get('organizations', ended.value.customerTenantId))?.name ?? '';
          const params = { org: session.org.name, customer };
          return kind === 'relationship'
            ? noticeCard(tr.t('end.endedTitle'), tr.t('end.endedText', params), 'good')
            : noticeCard(tr.t('end.accessEndedTitle'), tr.t('end.accessEndedText', params), 'good');
        },
      }),
    ],
  };
};
