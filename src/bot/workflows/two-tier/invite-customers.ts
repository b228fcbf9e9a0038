import { z } from 'zod';
import { choiceField, formCard, textField } from '../../../cards/form-card.js';
import { adminRoleChoices } from '../../../cards/format.js';
import { noticeCard } from '../../../cards/notice-card.js';
import { describeRefusal } from '../../../cards/refusal.js';
import { button } from '../../../cards/button.js';
import type { CardAttachment } from '../../../cards/render.js';
import type { Translator } from '../../../i18n/i18n.js';
import type { Acting } from '../../../services/invitations/invitations.js';
import {
  invitableCustomers,
  InviteCustomersValues,
  NEW_CUSTOMER,
  readInviteCustomersForm,
} from '../../../services/two-tier/customer-invitation.js';
import { cardAction } from '../../card-actions.js';
import { partnerMay, relatedOrganization } from '../../permissions.js';
import type { WorkflowDeps, WorkflowModule } from '../../workflow-module.js';
import { invitationIssuer } from '../partner/issue.js';
import type { TwoTierContext } from './two-tier-context.js';
import { TWO_TIER_VERBS } from './two-tier-verbs.js';

type FormValues = Partial<z.infer<typeof InviteCustomersValues>>;

/**
 * "Invite new customers" (seed 002): the reseller invites one of its own customers, or a new one by domain and
 * email, to reseller relationships with itself and its provider in one invitation, optionally with delegated
 * admin privileges for itself; then the draft email with its personalised link and "Done", as any request.
 */
export function inviteCustomers(ctx: TwoTierContext, deps: WorkflowDeps): WorkflowModule {
  const { store, twoTier } = ctx;
  const issuer = invitationIssuer(deps);
  const permission = partnerMay('request-reseller-relationship', {
    kinds: ['indirect-reseller'],
    target: relatedOrganization('providerTenantId'),
  });

  async function form(acting: Acting, tr: Translator, values: FormValues, error?: string): Promise<CardAttachment> {
    const providerTenantId = values.providerTenantId ?? '';
    const authorised = (await twoTier.providersOf(acting.org.tenantId)).some(
      (r) => r.partnerTenantId === providerTenantId,
    );
    const provider = authorised ? await store.get('organizations', providerTenantId) : undefined;
    if (!provider)
      return noticeCard(
        tr.t('twoTier.inviteCustomer.title'),
        describeRefusal({ code: 'provider-not-authorised' }, tr),
        'attention',
      );
    const customers = await invitableCustomers(store, acting, providerTenantId);
    const includeAdmin = tr.t('twoTier.inviteCustomer.includeAdmin');
    const optional = { required: false };
    const checkbox = { multiSelect: true, required: false };
    return formCard(
      tr.t('twoTier.inviteCustomer.title'),
      tr.t('twoTier.inviteCustomer.text', { reseller: acting.org.name, provider: provider.name }),
      [
        choiceField(
          'customerTenantId',
          tr.t('twoTier.inviteCustomer.label'),
          [
            ...customers.map((c) => ({ title: `${c.name} (${c.primaryDomain})`, value: c.tenantId })),
            { title: tr.t('twoTier.inviteCustomer.newCustomer'), value: NEW_CUSTOMER },
          ],
          values.customerTenantId || NEW_CUSTOMER,
          optional,
        ),
        textField('customerDomain', tr.t('twoTier.inviteCustomer.domain'), values.customerDomain ?? '', 'contoso.com'),
        textField(
          'customerEmail',
          tr.t('twoTier.inviteCustomer.email'),
          values.customerEmail ?? '',
          'admin@contoso.com',
        ),
        choiceField(
          'includeAdmin',
          includeAdmin,
          [{ title: includeAdmin, value: 'true' }],
          values.includeAdmin,
          checkbox,
        ),
        choiceField('roles', tr.t('request.roles'), adminRoleChoices(tr), values.roles ?? '', checkbox),
        choiceField(
          'legacy',
          tr.t('request.legacy'),
          [{ title: tr.t('request.legacy'), value: 'true' }],
          values.legacy ?? '',
          checkbox,
        ),
        textField('durationDays', tr.t('request.duration'), values.durationDays ?? '', '365'),
      ],
      [button(tr.t('twoTier.inviteCustomer.send'), TWO_TIER_VERBS.inviteCustomer, { providerTenantId }, 'positive')],
      error,
    );
  }

  return {
    cardActions: [
      cardAction({
        verb: TWO_TIER_VERBS.inviteCustomerForm,
        permission,
        data: z.object({ providerTenantId: z.string().min(1).max(100) }),
        handle: (_c, s, { providerTenantId }) => form(s, s.tr, { providerTenantId }),
      }),
      cardAction({
        verb: TWO_TIER_VERBS.inviteCustomer,
        permission,
        data: InviteCustomersValues,
        async handle(_context, session, values) {
          const { tr } = session;
          const choices = await invitableCustomers(store, session, values.providerTenantId);
          const request = await readInviteCustomersForm(store, session, values, choices);
          if (!request.ok) return form(session, tr, values, describeRefusal(request.refusal, tr));
          const issued = await issuer.issue(session, request.value, tr);
          if (!issued.ok) return form(session, tr, values, describeRefusal(issued.refusal, tr));
          return issued.value;
        },
      }),
    ],
  };
}
