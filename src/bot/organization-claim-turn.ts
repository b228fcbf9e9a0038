import { TeamsInfo, type AdaptiveCardInvokeValue, type TurnContext } from 'botbuilder';
import { choiceForm } from '../cards/choice-form.js';
import { invitationCard } from '../cards/invitation-card.js';
import { noticeCard } from '../cards/notice-card.js';
import { describeRefusal } from '../cards/refusal.js';
import type { CardAttachment } from '../cards/render.js';
import type { Translator } from '../i18n/i18n.js';
import { describeError, type Logger } from '../logging/logger.js';
import { invitationViewFor } from '../services/invitations/invitation-lookup.js';
import { hashInvitationToken } from '../services/invitations/invitation-token.js';
import type { Notifier } from '../services/outbox/notifications.js';
import type { Claimant, OrganizationClaimService } from '../services/invitations/organization-claim.js';
import type { Refusal } from '../services/outcome.js';
import type { StoreReader } from '../store/store.js';
import { tenantOf } from './activity-gate.js';
import { routeCommand } from './router.js';
import { turnLog } from './turn-log.js';

/** Who Teams says the sender is: their email or user principal name, for the domain check. */
export type MemberLookup = (context: TurnContext) => Promise<{ email?: string } | undefined>;

export const teamsMemberLookup: MemberLookup = async (context) => {
  const member = await TeamsInfo.getMember(context, context.activity.from.id);
  const email = member.email ?? member.userPrincipalName;
  return email ? { email } : {};
};

export const CLAIM_VERB = 'organization.claim';
const ACCEPT_ONLY = new Set(['accept-invitation'] as const);

export interface ClaimTurnDeps {
  store: StoreReader;
  claims: OrganizationClaimService;
  notifier: Notifier;
  memberLookup: MemberLookup;
  clock: () => Date;
  logger: Logger;
}

/**
 * `accept <code>` from someone Partner Desk does not know: the one thing such a person may do. It runs before any
 * session exists, so it is not a dispatcher command; a known user's `accept` never reaches it.
 */
export class OrganizationClaimTurn {
  constructor(private readonly deps: ClaimTurnDeps) {}

  /** The confirmation card or a refusal for an `accept <code>` message; undefined for any other message. */
  async message(context: TurnContext, tr: Translator): Promise<CardAttachment | undefined> {
    const routed = routeCommand(context.activity.text ?? '', ACCEPT_ONLY);
    if (!routed || !hashInvitationToken(routed.args)) return undefined;
    const code = routed.args.replace(/[\s-]/g, '').toUpperCase();
    const claimant = await this.claimant(context);
    const checked = await this.deps.claims.check(claimant, code);
    if (!checked.ok) return this.refused(context, checked.refusal, tr);
    const partner = await this.deps.store.get('organizations', checked.value.invitation.partnerTenantId);
    return confirmCard(tr, code, checked.value.invitation.customerDomain, partner?.name ?? '', claimant.email ?? '');
  }

  /** The confirmation card's answer; undefined when the invoke is not one. */
  async invoke(
    context: TurnContext,
    value: AdaptiveCardInvokeValue,
    tr: Translator,
  ): Promise<CardAttachment | undefined> {
    if (value?.action?.verb !== CLAIM_VERB) return undefined;
    const data = (value.action.data ?? {}) as { code?: unknown; confirmed?: unknown };
    const code = typeof data.code === 'string' && hashInvitationToken(data.code) ? data.code : '';
    const claimant = await this.claimant(context);
    const checked = await this.deps.claims.check(claimant, code);
    if (!checked.ok) return this.refused(context, checked.refusal, tr);
    if (data.confirmed !== 'true') {
      const partner = await this.deps.store.get('organizations', checked.value.invitation.partnerTenantId);
      const { customerDomain } = checked.value.invitation;
      return confirmCard(tr, code, customerDomain, partner?.name ?? '', claimant.email ?? '', true);
    }
    const claimed = await this.deps.claims.claim(claimant, code);
    if (!claimed.ok) return this.refused(context, claimed.refusal, tr);
    turnLog(context, this.deps.logger).info('organization claimed', {
      tenantId: claimed.value.organization.tenantId,
      invitationId: claimed.value.invitation.id,
    });
    void this.deps.notifier.drain();
    const view = await invitationViewFor(this.deps.store, claimed.value.invitation);
    return view
      ? invitationCard(view, tr, { now: this.deps.clock() })
      : this.refused(context, { code: 'claim-code-not-valid' }, tr);
  }

  private async claimant(context: TurnContext): Promise<Claimant> {
    const { from } = context.activity;
    let email: string | undefined;
    try {
      email = (await this.deps.memberLookup(context))?.email;
    } catch (error) {
      // Without an address the domain cannot be checked: the claim is refused, and the operator can register.
      turnLog(context, this.deps.logger).warn('member lookup failed', { error: describeError(error) });
    }
    return {
      tenantId: tenantOf(context.activity) ?? '',
      aadObjectId: (from.aadObjectId ?? '').toLowerCase(),
      name: from.name?.trim() || email || 'Global admin',
      ...(email ? { email } : {}),
    };
  }

  private refused(context: TurnContext, refusal: Refusal, tr: Translator): CardAttachment {
    turnLog(context, this.deps.logger).info('claim refused', { reason: refusal.code });
    return noticeCard(tr.t('claim.refused.title'), describeRefusal(refusal, tr), 'warning');
  }
}

function confirmCard(
  tr: Translator,
  code: string,
  domain: string,
  partner: string,
  email: string,
  unticked = false,
): CardAttachment {
  return choiceForm({
    title: tr.t('claim.confirm.title', { domain }),
    text: tr.t('claim.confirm.text', { domain, partner, email }),
    inputId: 'unused',
    label: '',
    requiredMessage: '',
    choices: [],
    confirmation: tr.t('claim.confirm.checkbox'),
    ...(unticked ? { error: tr.t('claim.confirm.required') } : {}),
    actions: [{ title: tr.t('claim.confirm.button'), verb: CLAIM_VERB, data: { code }, style: 'positive' }],
  });
}
