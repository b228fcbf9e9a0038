import { choiceForm } from '../../../cards/choice-form.js';
import { adminRoleNames, formatDate, formatDateTime } from '../../../cards/format.js';
import { noticeCard } from '../../../cards/notice-card.js';
import { describeRefusal } from '../../../cards/refusal.js';
import type { CardAttachment } from '../../../cards/render.js';
import type { CardAction } from '../../../cards/templates.js';
import { button } from '../../../cards/button.js';
import type { Invitation, Organization, Relationship } from '../../../domain/model.js';
import { type Translator } from '../../../i18n/i18n.js';
import { type Acting } from '../../../services/invitations/invitations.js';
import type { Outcome } from '../../../services/outcome.js';
import type { ProviderAccess } from '../../../services/two-tier/provider-access.js';
import { TwoTierService } from '../../../services/two-tier/two-tier.js';
import type { Store } from '../../../store/store.js';
import { TWO_TIER_VERBS } from './two-tier-verbs.js';

/** The cards of the two-tier workflow: the lists, the forms, and Authorize indirect provider with its answer. */
export function twoTierCards(store: Store, twoTier: TwoTierService, providerAccess: ProviderAccess) {
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
    const mayRemove = providerAccess.mayRemove(acting).ok;
    for (const link of links) {
      const provider = await store.get('organizations', link.partnerTenantId);
      const name = provider?.name ?? link.partnerTenantId;
      facts.push({ title: name, value: tr.t('twoTier.providers.since', { date: formatDate(link.createdAt, tr) }) });
      facts.push({ title: tr.t('twoTier.access.heading', { org: acting.org.name }), value: accessText(link, tr) });
      if (mayRemove && link.adminAccess && !link.adminAccess.removedAt)
        actions.push(
          button(
            `${tr.t('twoTier.access.remove')}: ${name}`,
            TWO_TIER_VERBS.removeAccessConfirm,
            { relationshipId: link.id },
            'destructive',
          ),
        );
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

  /** What the provider holds in the reseller's tenant: the roles, since and until, or when they ended. */
  function accessText(link: Relationship, tr: Translator): string {
    const access = link.adminAccess;
    if (!access) return tr.t('twoTier.access.none');
    const roles = adminRoleNames(access.roles, tr);
    if (access.removedAt)
      return tr.t(access.removedBy === 'expiry' ? 'twoTier.access.ended' : 'twoTier.access.removed', {
        roles,
        date: formatDate(access.removedAt, tr),
        name: access.removedBy ?? '',
      });
    return tr.t('twoTier.access.held', {
      roles,
      since: formatDate(access.startAt, tr),
      until: formatDate(access.endAt, tr),
    });
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

  /** The form to pick a reseller to invite, or undefined when every reseller Partner Desk knows is linked. */
  async function inviteResellerForm(
    acting: Acting,
    tr: Translator,
    error?: string,
  ): Promise<CardAttachment | undefined> {
    const linked = new Set((await twoTier.resellersOf(acting.org.tenantId)).map((r) => r.customerTenantId));
    const resellers = (await store.findBy('organizations', 'kind', 'indirect-reseller')).filter(
      (o) => !linked.has(o.tenantId),
    );
    if (resellers.length === 0) return undefined;
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

  const answeredCard = (invitation: Invitation, provider: Organization | undefined, tr: Translator) => {
    const by = invitation.decidedBy!;
    const params = { provider: provider?.name ?? '', name: by.name, at: formatDateTime(by.at, tr) };
    return invitation.status === 'accepted'
      ? noticeCard(tr.t('twoTier.authorize.doneTitle', params), tr.t('twoTier.authorize.doneText', params), 'good')
      : noticeCard(tr.t('twoTier.authorize.declinedTitle'), tr.t('twoTier.authorize.declinedText', params), 'warning');
  };

  return {
    refusal,
    authorizeCard,
    providersCard,
    accessText,
    resellersCard,
    inviteResellerForm,
    answeredCard,
  };
}
