import { z } from 'zod';
import { button } from '../../../cards/button.js';
import { choiceField, formCard, textField } from '../../../cards/form-card.js';
import { adminRoleChoices, adminRoleNames, formatDate, relationshipTypes } from '../../../cards/format.js';
import { noticeCard } from '../../../cards/notice-card.js';
import { describeRefusal } from '../../../cards/refusal.js';
import type { CardAttachment } from '../../../cards/render.js';
import { itemListCard } from '../../../cards/item-list.js';
import { relationshipLabel } from '../../../cards/labels.js';
import { paginate } from '../../../services/relationships/relationship-lists.js';
import type { Fact } from '../../../cards/templates.js';
import { AdminRoleId } from '../../../domain/model.js';
import type { Translator } from '../../../i18n/i18n.js';
import type { Acting } from '../../../services/invitations/invitations.js';
import type { Refusal } from '../../../services/outcome.js';
import {
  liveAdminAccess,
  RelationshipAdmin,
  type CustomerRelationship,
} from '../../../services/relationships/relationship-admin.js';
import { cardAction } from '../../card-actions.js';
import type { WorkflowFactory } from '../../workflow-module.js';
import { invitationIssuer } from './issue.js';
import { PARTNER_VERBS } from './verbs.js';
import { partnerMay, recordTarget } from '../../permissions.js';

const RelationshipRef = z.object({ relationshipId: z.string().min(1).max(100) });

/** The role change form as the card sends it: every input is a string. */
const RoleChangeValues = RelationshipRef.extend({
  roles: z.string().max(2000).default(''),
  durationDays: z.string().max(20).default(''),
  autoExtend: z.enum(['true', 'false']).default('false'),
});
type RoleChangeValues = z.infer<typeof RoleChangeValues>;

const yesNo = (tr: Translator) => [
  { title: tr.t('common.no'), value: 'false' },
  { title: tr.t('common.yes'), value: 'true' },
];

function relationshipFacts({ relationship }: CustomerRelationship, tr: Translator): Fact[] {
  const access = liveAdminAccess(relationship);
  const facts: Fact[] = [
    { title: tr.t('invitation.types'), value: relationshipTypes(relationship.types, tr) },
    { title: tr.t('draft.roles'), value: access ? adminRoleNames(access.roles, tr) : tr.t('partner.roles.none') },
  ];
  if (access) facts.push({ title: tr.t('partner.roles.accessEnds'), value: formatDate(access.endAt, tr) });
  return facts;
}

/** Reads the form into an access request; the checks themselves are the service's. */
function wanted(values: RoleChangeValues) {
  const days = values.durationDays.trim();
  return {
    roles: values.roles
      .split(',')
      .map((r) => r.trim())
      .filter(Boolean) as AdminRoleId[],
    durationDays: /^\d+$/.test(days) ? Number(days) : Number.NaN,
    autoExtend: values.autoExtend === 'true',
  };
}

/**
 * "Change admin roles": pick a customer, choose the whole new role set, review the difference (new,
 * kept, given up), then send a new request that replaces the old access once the customer accepts it.
 */
export const changeRolesWorkflow: WorkflowFactory = (deps) => {
  const admin = new RelationshipAdmin(deps.store);
  const issuer = invitationIssuer(deps);
  const title = (tr: Translator) => tr.t('partner.roles.heading');

  async function pickCard(acting: Acting, tr: Translator, page = 1): Promise<CardAttachment> {
    const listed = await admin.changeable(acting);
    if (!listed.ok) return noticeCard(title(tr), describeRefusal(listed.refusal, tr), 'attention');
    const rows = listed.value;
    if (rows.length === 0) return noticeCard(title(tr), tr.t('partner.roles.pickNone'));
    // Each relationship has its own button under a heading that tells two of the same customer apart.
    const shown = paginate(rows, page);
    return itemListCard(
      title(tr),
      tr.t('partner.roles.pickText'),
      shown.items.map((row) => ({
        heading: relationshipLabel(row.relationship, `${row.customer.name} (${row.customer.primaryDomain})`, tr),
        facts: relationshipFacts(row, tr),
        actions: [
          button(tr.t('partner.roles.changeOne'), PARTNER_VERBS.changeRoles, { relationshipId: row.relationship.id }),
        ],
      })),
      shown,
      PARTNER_VERBS.pickCustomer,
      tr,
    );
  }

  function roleForm(row: CustomerRelationship, tr: Translator, values?: RoleChangeValues, error?: string) {
    const access = liveAdminAccess(row.relationship);
    return formCard(
      tr.t('partner.roles.title', { customer: row.customer.name }),
      tr.t('partner.roles.text', { current: access ? adminRoleNames(access.roles, tr) : tr.t('partner.roles.none') }),
      [
        choiceField(
          'roles',
          tr.t('request.roles'),
          adminRoleChoices(tr),
          values?.roles ?? access?.roles.join(',') ?? '',
          { multiSelect: true, required: false },
        ),
        textField(
          'durationDays',
          tr.t('request.duration'),
          values?.durationDays ?? String(access?.durationDays ?? 365),
        ),
        choiceField('autoExtend', tr.t('request.autoExtend'), yesNo(tr), values?.autoExtend ?? 'false'),
      ],
      [
        button(
          tr.t('partner.roles.review'),
          PARTNER_VERBS.reviewRoles,
          { relationshipId: row.relationship.id },
          'positive',
        ),
      ],
      error,
    );
  }

  /** What to fix, in the form where it was typed; a plain notice when there is no form to go back to. */
  async function refused(acting: Acting, tr: Translator, values: RoleChangeValues, refusal: Refusal) {
    const row = await admin.get(acting, values.relationshipId);
    return row.ok
      ? roleForm(row.value, tr, values, describeRefusal(refusal, tr))
      : noticeCard(title(tr), describeRefusal(refusal, tr), 'attention');
  }

  return {
    cardActions: [
      cardAction({
        verb: PARTNER_VERBS.pickCustomer,
        permission: partnerMay('include-delegated-admin'),
        data: z.object({ page: z.coerce.number().int().min(1).max(10_000).default(1) }).passthrough(),
        handle: async (_c, session, { page }) => pickCard(session, session.tr, page),
      }),
      cardAction({
        verb: PARTNER_VERBS.changeRoles,
        permission: partnerMay('include-delegated-admin', {
          target: recordTarget('relationships', 'relationshipId', ['partner']),
        }),
        data: RelationshipRef,
        async handle(_c, session, { relationshipId }) {
          const found = await admin.get(session, relationshipId);
          if (!found.ok) return noticeCard(title(session.tr), describeRefusal(found.refusal, session.tr), 'attention');
          return roleForm(found.value, session.tr);
        },
      }),
      cardAction({
        verb: PARTNER_VERBS.reviewRoles,
        permission: partnerMay('include-delegated-admin', {
          target: recordTarget('relationships', 'relationshipId', ['partner']),
        }),
        data: RoleChangeValues,
        async handle(_c, session, values) {
          const { tr } = session;
          const plan = await admin.planRoleChange(session, values.relationshipId, wanted(values));
          if (!plan.ok) return refused(session, tr, values, plan.refusal);
          const { added, kept, removed, customer, request } = plan.value;
          const access = request.adminAccess!;
          const names = (roles: AdminRoleId[]) => (roles.length ? adminRoleNames(roles, tr) : tr.t('common.none'));
          return noticeCard(
            tr.t('partner.roles.reviewTitle', { customer: customer.name }),
            tr.t('partner.roles.reviewText', { customer: customer.name }),
            'default',
            [
              { title: tr.t('partner.roles.added'), value: names(added) },
              { title: tr.t('partner.roles.kept'), value: names(kept) },
              { title: tr.t('partner.roles.removed'), value: names(removed) },
              {
                title: tr.t('invitation.duration'),
                value: tr.t('invitation.durationDays', { days: access.durationDays }),
              },
              { title: tr.t('partner.roles.autoExtend'), value: tr.t(access.autoExtend ? 'common.yes' : 'common.no') },
            ],
            [
              button(tr.t('partner.roles.send'), PARTNER_VERBS.sendRoles, { ...values }, 'positive'),
              button(tr.t('partner.roles.edit'), PARTNER_VERBS.changeRoles, { relationshipId: values.relationshipId }),
            ],
          );
        },
      }),
      cardAction({
        verb: PARTNER_VERBS.sendRoles,
        permission: partnerMay('include-delegated-admin', {
          target: recordTarget('relationships', 'relationshipId', ['partner']),
        }),
        data: RoleChangeValues,
        async handle(_c, session, values) {
          const { tr } = session;
          // Checked again: the relationship or the user's roles may have changed since the review.
          const plan = await admin.planRoleChange(session, values.relationshipId, wanted(values));
          if (!plan.ok) return refused(session, tr, values, plan.refusal);
          const issued = await issuer.issue(session, plan.value.request, tr);
          return issued.ok ? issued.value : refused(session, tr, values, issued.refusal);
        },
      }),
    ],
  };
};
