import { z } from 'zod';
import { choiceForm } from '../../cards/choice-form.js';
import { formatDate, formatDateTime } from '../../cards/format.js';
import { noticeCard } from '../../cards/notice-card.js';
import { describeRefusal } from '../../cards/refusal.js';
import type { CardAttachment } from '../../cards/render.js';
import type { CardAction } from '../../cards/templates.js';
import { button } from '../../cards/button.js';
import type { Invitation, Organization, User } from '../../domain/model.js';
import { translator, type Translator } from '../../i18n/i18n.js';
import { InvitationDelivery } from '../../services/invitation-delivery.js';
import { formatCode } from '../../services/invitation-token.js';
import { InvitationService, type Acting } from '../../services/invitations.js';
import type { Notifier } from '../../services/notifications.js';
import type { Outcome } from '../../services/outcome.js';
import { TwoTierService } from '../../services/two-tier.js';
import type { Transaction } from '../../store/store.js';
import { cardAction } from '../card-actions.js';
import type { WorkflowFactory } from '../workflow-module.js';
import { partnerMay, recordTarget, relatedOrganization } from '../permissions.js';
import { command } from '../command-handler.js';

export const TWO_TIER_VERBS = {
  inviteResellerForm: 'two-tier.invite-reseller.form',
  inviteReseller: 'two-tier.invite-reseller',
  authorize: 'two-tier.authorize',
  decline: 'two-tier.decline',
  open: 'two-tier.open',
  customers: 'two-tier.customers',
  inviteCustomerForm: 'two-tier.invite-customer.form',
  inviteCustomer: 'two-tier.invite-customer',
} as const;

const Id = z.string().min(1).max(100);

/**
 * The indirect (two-tier) model: "Indirect resellers" and "Invite a reseller" for providers; "Indirect
 * providers", "Authorize indirect provider", "View customers" and "Invite new customers" for resellers.
 */
export const twoTierWorkflow: WorkflowFactory = ({ store, clock, notifier, config }) => {
  const twoTier = new TwoTierService(store, clock, config);
  const invitations = new InvitationService(store, clock, config);
  const delivery = new InvitationDelivery(store, notifier, config.defaultLanguage, clock);
  const refusal = (outcome: Extract<Outcome<unknown>, { ok: false }>, tr: Translator, title: string) =>
    noticeCard(title, describeRefusal(outcome.refusal, tr), 'attention');

  async function authorizeCard(
    acting: Acting,
    tr: Translator,
    invitationId: string,
    error?: string,
  ): Promise<CardAttachment> {
    const checked = await twoTier.checkAnswer(store, acting, invitationId);
    if (!checked.ok) return refusal(checked, tr, tr.t('twoTier.authorize.title'));
    const provider = checked.value.provider.name;
    return choiceForm({
      title: tr.t('twoTier.authorize.title'),
      text: tr.t('twoTier.authorize.text', { provider, reseller: acting.org.name }),
      inputId: 'providerTenantId',
      label: tr.t('twoTier.authorize.label'),
      requiredMessage: tr.t('twoTier.invite.required'),
      choices: [],
      confirmation: tr.t('twoTier.authorize.confirm', { provider }),
      error,
      actions: [
        button(tr.t('twoTier.authorize.button'), TWO_TIER_VERBS.authorize, { invitationId }, 'positive'),
        button(tr.t('twoTier.authorize.decline'), TWO_TIER_VERBS.decline, { invitationId }, 'destructive'),
      ],
    });
  }

  async function providersCard(acting: Acting, tr: Translator): Promise<CardAttachment> {
    const links = await twoTier.providersOf(acting.org.tenantId);
    const pending = (await store.findBy('invitations', 'customer', acting.org.tenantId)).filter(
      (i) => i.kind === 'indirect-provider' && i.status === 'approval-pending',
    );
    const facts = [];
    const actions: CardAction[] = [];
    for (const link of links) {
      const provider = await store.get('organizations', link.partnerTenantId);
      facts.push({
        title: provider?.name ?? link.partnerTenantId,
        value: tr.t('twoTier.providers.since', { date: formatDate(link.createdAt, tr) }),
      });
      actions.push(
        button(`${tr.t('twoTier.viewCustomers')}: ${provider?.name}`, TWO_TIER_VERBS.customers, {
          providerTenantId: link.partnerTenantId,
        }),
      );
      actions.push(
        button(`${tr.t('twoTier.inviteCustomers')}: ${provider?.name}`, TWO_TIER_VERBS.inviteCustomerForm, {
          providerTenantId: link.partnerTenantId,
        }),
      );
    }
    for (const invitation of pending) {
      const provider = await store.get('organizations', invitation.partnerTenantId);
      facts.push({
        title: provider?.name ?? invitation.partnerTenantId,
        value: tr.t('twoTier.providers.pendingHeading'),
      });
      actions.push(
        button(
          `${tr.t('twoTier.authorize.title')}: ${provider?.name}`,
          TWO_TIER_VERBS.open,
          { invitationId: invitation.id },
          'positive',
        ),
      );
    }
    const text = links.length || pending.length ? '' : tr.t('twoTier.providers.none', { org: acting.org.name });
    return noticeCard(tr.t('twoTier.providers.title'), text, 'default', facts, actions);
  }

  async function resellersCard(acting: Acting, tr: Translator): Promise<CardAttachment> {
    const links = await twoTier.resellersOf(acting.org.tenantId);
    const facts = [];
    for (const link of links) {
      const reseller = await store.get('organizations', link.customerTenantId);
      facts.push({
        title: reseller?.name ?? link.customerTenantId,
        value: tr.t('twoTier.providers.since', { date: formatDate(link.createdAt, tr) }),
      });
    }
    const text = links.length ? '' : tr.t('twoTier.resellers.none', { org: acting.org.name });
    return noticeCard(tr.t('twoTier.resellers.title'), text, 'default', facts, [
      button(tr.t('twoTier.inviteReseller'), TWO_TIER_VERBS.inviteResellerForm, {}, 'positive'),
    ]);
  }

  async function inviteResellerForm(acting: Acting, tr: Translator, error?: string): Promise<CardAttachment> {
    const linked = new Set((await twoTier.resellersOf(acting.org.tenantId)).map((r) => r.customerTenantId));
    const resellers = (await store.findBy('organizations', 'kind', 'indirect-reseller')).filter(
      (o) => !linked.has(o.tenantId),
    );
    if (resellers.length === 0)
      return noticeCard(tr.t('twoTier.invite.title'), tr.t('twoTier.invite.noneLeft'), 'warning');
    return choiceForm({
      title: tr.t('twoTier.invite.title'),
      text: tr.t('twoTier.invite.text', { provider: acting.org.name }),
      inputId: 'resellerTenantId',
      label: tr.t('twoTier.invite.label'),
      requiredMessage: tr.t('twoTier.invite.required'),
      choices: resellers.map((r) => ({ title: `${r.name} (${r.primaryDomain})`, value: r.tenantId })),
      error,
      actions: [button(tr.t('twoTier.invite.send'), TWO_TIER_VERBS.inviteReseller, {}, 'positive')],
    });
  }

  async function inviteCustomerForm(acting: Acting, tr: Translator, providerTenantId: string, error?: string) {
    const provider = await store.get('organizations', providerTenantId);
    const customers = await twoTier.invitableCustomers(acting);
    if (!provider)
      return noticeCard(
        tr.t('twoTier.inviteCustomer.title'),
        describeRefusal({ code: 'provider-not-authorised' }, tr),
        'attention',
      );
    if (customers.length === 0)
      return noticeCard(tr.t('twoTier.inviteCustomer.title'), tr.t('twoTier.inviteCustomer.none'), 'warning');
    return choiceForm({
      title: tr.t('twoTier.inviteCustomer.title'),
      text: tr.t('twoTier.inviteCustomer.text', { reseller: acting.org.name, provider: provider.name }),
      inputId: 'customerTenantId',
      label: tr.t('twoTier.inviteCustomer.label'),
      requiredMessage: tr.t('twoTier.inviteCustomer.required'),
      choices: customers.map((c) => ({ title: `${c.name} (${c.primaryDomain})`, value: c.tenantId })),
      error,
      actions: [
        button(tr.t('twoTier.inviteCustomer.send'), TWO_TIER_VERBS.inviteCustomer, { providerTenantId }, 'positive'),
      ],
    });
  }

  /** Reseller global admins get the "Authorize indirect provider" card in Teams. */
  const deliverAuthorizeCard = async (tx: Transaction, invitation: Invitation) => {
    const admins = (await tx.findBy('users', 'tenant', invitation.customerTenantId!)).filter(
      (u) => u.roles.side === 'partner' && u.roles.admin === 'global-admin',
    );
    const reseller = (await tx.get('organizations', invitation.customerTenantId!))!;
    const provider = (await tx.get('organizations', invitation.partnerTenantId))!;
    for (const admin of admins) {
      const tr = translator(admin.language ?? config.defaultLanguage);
      const card = noticeCard(
        tr.t('twoTier.authorize.title'),
        tr.t('twoTier.authorize.text', { provider: provider.name, reseller: reseller.name }),
        'default',
        [],
        [button(tr.t('twoTier.open'), TWO_TIER_VERBS.open, { invitationId: invitation.id }, 'positive')],
      );
      notifier.enqueue(tx, admin, 'indirect-provider.invited', { card }, invitation.id);
    }
  };

  /** Both sides are told of the reseller's answer. */
  const tellProvider = (notifierRef: Notifier) => async (tx: Transaction, invitation: Invitation) => {
    const reseller = (await tx.get('organizations', invitation.customerTenantId!))!;
    const by = invitation.decidedBy!;
    const accepted = invitation.status === 'accepted';
    const staff = (await tx.findBy('users', 'tenant', invitation.partnerTenantId)).filter(
      (u: User) => u.roles.side === 'partner' && (u.roles.admin === 'global-admin' || u.roles.agent === 'admin-agent'),
    );
    for (const person of staff) {
      const tr = translator(person.language ?? config.defaultLanguage);
      const key = accepted ? 'twoTier.notify.authorized' : 'twoTier.notify.declined';
      const card = noticeCard(
        tr.t(`${key}.title`, { reseller: reseller.name }),
        tr.t(`${key}.text`, { name: by.name, at: formatDateTime(by.at, tr), reseller: reseller.name }),
        accepted ? 'good' : 'warning',
      );
      notifierRef.enqueue(
        tx,
        person,
        accepted ? 'indirect-provider.authorized' : 'indirect-provider.declined',
        { card },
        invitation.id,
      );
    }
  };

  const answeredCard = (invitation: Invitation, provider: Organization | undefined, tr: Translator) => {
    const by = invitation.decidedBy!;
    const params = { provider: provider?.name ?? '', name: by.name, at: formatDateTime(by.at, tr) };
    return invitation.status === 'accepted'
      ? noticeCard(tr.t('twoTier.authorize.doneTitle', params), tr.t('twoTier.authorize.doneText', params), 'good')
      : noticeCard(tr.t('twoTier.authorize.declinedTitle'), tr.t('twoTier.authorize.declinedText', params), 'warning');
  };

  return {
    commands: [
      command(
        'indirect-providers',
        partnerMay('view-customers', { kinds: ['indirect-reseller'] }),
        async ({ context, session }) =>
          context.sendActivity({ attachments: [await providersCard(session, session.tr)] }),
      ),
      command(
        'indirect-resellers',
        partnerMay('view-customers', { kinds: ['indirect-provider'] }),
        async ({ context, session }) =>
          context.sendActivity({ attachments: [await resellersCard(session, session.tr)] }),
      ),
      command('order', partnerMay('act-on-behalf'), async ({ context, session, args }) => {
        const { tr } = session;
        if (!args) return context.sendActivity(tr.t('twoTier.order.usage'));
        const matches = await twoTier.findCustomers(session, args);
        const customer = matches[0];
        if (!customer) return context.sendActivity(describeRefusal({ code: 'customer-not-found' }, tr));
        const outcome = await twoTier.canSubmitOrder(session, customer.tenantId);
        const title = tr.t('twoTier.order.title', { customer: customer.name });
        const card = outcome.ok
          ? noticeCard(
              title,
              tr.t('twoTier.order.allowed', {
                customer: customer.name,
                date: formatDate(outcome.value.createdAt, tr),
              }),
              'good',
            )
          : refusal(outcome, tr, title);
        return context.sendActivity({ attachments: [card] });
      }),
    ],
    cardActions: [
      cardAction({
        verb: TWO_TIER_VERBS.inviteResellerForm,
        permission: partnerMay('include-delegated-admin', { kinds: ['indirect-provider'] }),
        data: z.object({}),
        handle: (_c, s) => inviteResellerForm(s, s.tr),
      }),
      cardAction({
        verb: TWO_TIER_VERBS.inviteReseller,
        permission: partnerMay('include-delegated-admin', { kinds: ['indirect-provider'] }),
        data: z.object({ resellerTenantId: z.string().max(100).default('') }),
        async handle(_context, session, { resellerTenantId }) {
          const { tr } = session;
          if (!resellerTenantId) return inviteResellerForm(session, tr, tr.t('twoTier.invite.required'));
          const outcome = await twoTier.inviteReseller(session, resellerTenantId, deliverAuthorizeCard);
          if (!outcome.ok) return inviteResellerForm(session, tr, describeRefusal(outcome.refusal, tr));
          void notifier.drain();
          const reseller = await store.get('organizations', resellerTenantId);
          return noticeCard(
            tr.t('twoTier.invite.title'),
            tr.t('twoTier.invite.sent', { reseller: reseller?.name ?? '' }),
            'good',
          );
        },
      }),
      cardAction({
        verb: TWO_TIER_VERBS.open,
        permission: partnerMay('accept-indirect-provider', {
          target: recordTarget('invitations', 'invitationId', ['customer']),
        }),
        data: z.object({ invitationId: Id }),
        handle: (_c, s, d) => authorizeCard(s, s.tr, d.invitationId),
      }),
      cardAction({
        verb: TWO_TIER_VERBS.authorize,
        permission: partnerMay('accept-indirect-provider', {
          target: recordTarget('invitations', 'invitationId', ['customer']),
        }),
        data: z.object({ invitationId: Id, confirmed: z.enum(['true', 'false']).default('false') }),
        async handle(_context, session, { invitationId, confirmed }) {
          const { tr } = session;
          const outcome = await twoTier.authorize(session, invitationId, confirmed === 'true', tellProvider(notifier));
          if (!outcome.ok) {
            if (outcome.refusal.code === 'confirmation-required')
              return authorizeCard(session, tr, invitationId, describeRefusal(outcome.refusal, tr));
            return authorizeCard(session, tr, invitationId);
          }
          void notifier.drain();
          return answeredCard(
            outcome.value.invitation,
            await store.get('organizations', outcome.value.invitation.partnerTenantId),
            tr,
          );
        },
      }),
      cardAction({
        verb: TWO_TIER_VERBS.decline,
        permission: partnerMay('accept-indirect-provider', {
          target: recordTarget('invitations', 'invitationId', ['customer']),
        }),
        data: z.object({ invitationId: Id }),
        async handle(_context, session, { invitationId }) {
          const outcome = await twoTier.decline(session, invitationId, tellProvider(notifier));
          if (!outcome.ok) return authorizeCard(session, session.tr, invitationId);
          void notifier.drain();
          return answeredCard(
            outcome.value,
            await store.get('organizations', outcome.value.partnerTenantId),
            session.tr,
          );
        },
      }),
      cardAction({
        verb: TWO_TIER_VERBS.customers,
        permission: partnerMay('view-customers', {
          kinds: ['indirect-reseller'],
          target: relatedOrganization('providerTenantId'),
        }),
        data: z.object({ providerTenantId: Id }),
        async handle(_context, session, { providerTenantId }) {
          const { tr, org } = session;
          const providerLink = (await twoTier.providersOf(org.tenantId)).find(
            (r) => r.partnerTenantId === providerTenantId,
          );
          if (!providerLink)
            return noticeCard(
              tr.t('twoTier.viewCustomers'),
              describeRefusal({ code: 'provider-not-authorised' }, tr),
              'attention',
            );
          const provider = (await store.get('organizations', providerTenantId))!;
          const shared = await twoTier.sharedCustomers(org.tenantId, providerTenantId);
          const params = { reseller: org.name, provider: provider.name };
          return noticeCard(
            tr.t('twoTier.customers.title', params),
            shared.length ? '' : tr.t('twoTier.customers.none', params),
            'default',
            shared.map((c) => ({ title: c.name, value: c.primaryDomain })),
            [
              button(
                tr.t('twoTier.inviteCustomers'),
                TWO_TIER_VERBS.inviteCustomerForm,
                { providerTenantId },
                'positive',
              ),
            ],
          );
        },
      }),
      cardAction({
        verb: TWO_TIER_VERBS.inviteCustomerForm,
        permission: partnerMay('request-reseller-relationship', {
          kinds: ['indirect-reseller'],
          target: relatedOrganization('providerTenantId'),
        }),
        data: z.object({ providerTenantId: Id }),
        handle: (_c, s, { providerTenantId }) => inviteCustomerForm(s, s.tr, providerTenantId),
      }),
      cardAction({
        verb: TWO_TIER_VERBS.inviteCustomer,
        permission: partnerMay('request-reseller-relationship', {
          kinds: ['indirect-reseller'],
          target: relatedOrganization('providerTenantId'),
        }),
        data: z.object({ providerTenantId: Id, customerTenantId: z.string().max(100).default('') }),
        async handle(_context, session, { providerTenantId, customerTenantId }) {
          const { tr } = session;
          if (!customerTenantId)
            return inviteCustomerForm(session, tr, providerTenantId, tr.t('twoTier.inviteCustomer.required'));
          const issued = await invitations.request(session, {
            kind: 'two-tier',
            providerTenantId,
            customer: { tenantId: customerTenantId },
            relationshipTypes: ['reseller'],
            adminAccess: null,
          });
          if (!issued.ok) return inviteCustomerForm(session, tr, providerTenantId, describeRefusal(issued.refusal, tr));
          const sent = await invitations.markSent(
            session,
            issued.value.invitation.id,
            { subject: '', body: '' },
            (tx, inv) => delivery.invitationSent(tx, inv).then(() => undefined),
          );
          if (!sent.ok) return inviteCustomerForm(session, tr, providerTenantId, describeRefusal(sent.refusal, tr));
          void notifier.drain();
          const customer = await store.get('organizations', customerTenantId);
          const token = issued.value.token;
          const link = token ? `${config.publicUrl}/invite/${token}` : '';
          return noticeCard(
            tr.t('twoTier.inviteCustomer.sentTitle', { customer: customer?.name ?? '' }),
            tr.t('twoTier.inviteCustomer.sentText', { link }),
            'good',
            token ? [{ title: tr.t('twoTier.inviteCustomer.code'), value: formatCode(token) }] : [],
          );
        },
      }),
    ],
  };
};
