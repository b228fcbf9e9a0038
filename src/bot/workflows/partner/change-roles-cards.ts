import { z } from 'zod';
import { button } from '../../../cards/button.js';
import { choiceField, formCard, textField } from '../../../cards/form-card.js';
import { adminRoleChoices, adminRoleNames, formatDate, relationshipTypes } from '../../../cards/format.js';
import { itemListCard } from '../../../cards/item-list.js';
import { relationshipLabel } from '../../../cards/labels.js';
import { noticeCard } from '../../../cards/notice-card.js';
import type { CardAttachment } from '../../../cards/render.js';
import type { Fact } from '../../../cards/templates.js';
import type { AdminRoleId } from '../../../domain/model.js';
import type { Translator } from '../../../i18n/i18n.js';
import { liveAdminAccess, type CustomerRelationship } from '../../../services/relationships/relationship-admin.js';
import { paginate } from '../../../services/relationships/relationship-lists.js';
import type { RoleChange } from '../../../services/relationships/relationship-admin.js';
import { PARTNER_VERBS } from './verbs.js';
import { choicesOf } from '../../../domain/choice-list.js';

/** The role change form as the card sends it: every input is a string. */
export const RoleChangeValues = z.object({
  relationshipId: z.string().min(1).max(100),
  roles: z.string().max(2000).default(''),
  durationDays: z.string().max(20).default(''),
  autoExtend: z.enum(['true', 'false']).default('false'),
});
export type RoleChangeValues = z.infer<typeof RoleChangeValues>;

/** What the form asks, without the relationship: that is the dialog's own choice, not the card's. */
export type RoleChoice = Omit<RoleChangeValues, 'relationshipId'>;

const yesNo = (tr: Translator) => [
  { title: tr.t('common.no'), value: 'false' },
  { title: tr.t('common.yes'), value: 'true' },
];

export const rolesTitle = (tr: Translator) => tr.t('partner.roles.heading');

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
export function wantedRoles(values: RoleChoice) {
  const days = values.durationDays.trim();
  return {
    roles: choicesOf(values.roles) as AdminRoleId[],
    durationDays: /^\d+$/.test(days) ? Number(days) : Number.NaN,
    autoExtend: values.autoExtend === 'true',
  };
}

/** Every live relationship, one page at a time, each with its own Change roles button. */
export function pickCard(rows: CustomerRelationship[], tr: Translator, page: number): CardAttachment {
  // Each relationship has its own button under a heading that tells two of the same customer apart.
  const shown = paginate(rows, page);
  return itemListCard(
    rolesTitle(tr),
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

export function roleForm(row: CustomerRelationship, tr: Translator, values?: Partial<RoleChoice>, error?: string) {
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
        {
          multiSelect: true,
          required: false,
        },
      ),
      textField('durationDays', tr.t('request.duration'), values?.durationDays ?? String(access?.durationDays ?? 365)),
      choiceField('autoExtend', tr.t('request.autoExtend'), yesNo(tr), values?.autoExtend ?? 'false'),
    ],
    [
      button(
        tr.t('partner.roles.review'),
        PARTNER_VERBS.reviewRoles,
        { relationshipId: row.relationship.id },
        'positive',
      ),
      button(tr.t('workflow.back'), PARTNER_VERBS.rolesBack),
    ],
    error,
  );
}

/** The difference the new request makes (new, kept, given up), with Send and a way back to the form. */
export function reviewCard(plan: RoleChange, relationshipId: string, tr: Translator): CardAttachment {
  const { added, kept, removed, customer, request } = plan;
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
      { title: tr.t('invitation.duration'), value: tr.t('invitation.durationDays', { days: access.durationDays }) },
      { title: tr.t('partner.roles.autoExtend'), value: tr.t(access.autoExtend ? 'common.yes' : 'common.no') },
    ],
    [
      button(tr.t('partner.roles.send'), PARTNER_VERBS.sendRoles, { relationshipId }, 'positive'),
      button(tr.t('partner.roles.edit'), PARTNER_VERBS.rolesBack),
    ],
  );
}
