import { button } from '../../../cards/button.js';
import { formatDate } from '../../../cards/format.js';
import { noticeCard } from '../../../cards/notice-card.js';
import type { CardAttachment } from '../../../cards/render.js';
import { draftCard, REQUEST_VERBS, type DraftView } from '../../../cards/request-card.js';
import { daysLeft } from '../../../domain/lifecycle.js';
import type { Invitation } from '../../../domain/model.js';
import type { Translator } from '../../../i18n/i18n.js';
import {
  InvitationService,
  type Acting,
  type InvitationRequest,
  type IssuedInvitation,
} from '../../../services/invitations/invitations.js';
import type { Outcome } from '../../../services/outcome.js';
import type { Transaction } from '../../../store/store.js';
import type { WorkflowDeps } from '../../workflow-module.js';
import { askForApproval } from './four-eyes.js';

/**
 * Issuing an invitation the way "Request a reseller relationship" does, for the other partner workflows
 * (trials, offers, role changes, resend): the draft card with its one-time link, the open invitation
 * instead of a duplicate, and the four-eyes approval card. "Done", "New link" and "Approve" are the
 * request workflow's verbs, so an invitation is sent the same way whatever started it.
 */
export function invitationIssuer({ store, clock, notifier, config }: WorkflowDeps) {
  const invitations = new InvitationService(store, clock, config);
  const linkFor = (token: string) => `${config.publicUrl}/invite/${token}`;

  async function customerName(invitation: Invitation): Promise<string> {
    const customer = invitation.customerTenantId
      ? await store.get('organizations', invitation.customerTenantId)
      : undefined;
    return customer?.name ?? invitation.customerDomain;
  }

  /** What the partner's invitation card shows: the one-time link is rebuilt from the token the card carries. */
  async function view(acting: Acting, invitation: Invitation, token: string): Promise<DraftView> {
    const customer = invitation.customerTenantId
      ? await store.get('organizations', invitation.customerTenantId)
      : undefined;
    const provider = invitation.providerTenantId
      ? await store.get('organizations', invitation.providerTenantId)
      : undefined;
    return {
      invitation,
      partner: acting.org,
      ...(provider ? { provider } : {}),
      customerName: customer?.name ?? invitation.customerDomain,
      customerCloud: customer?.cloud ?? acting.org.cloud,
      sender: acting.user,
      link: linkFor(token),
      token,
    };
  }

  async function draft(acting: Acting, invitation: Invitation, token: string, tr: Translator) {
    return draftCard(await view(acting, invitation, token), tr);
  }

  async function existingCard(invitation: Invitation, tr: Translator): Promise<CardAttachment> {
    return noticeCard(
      tr.t('existing.title'),
      tr.t('existing.text', {
        customer: await customerName(invitation),
        created: formatDate(invitation.createdAt, tr),
        daysLeft: daysLeft(invitation, clock()),
      }),
      'warning',
      [],
      [button(tr.t('existing.newLink'), REQUEST_VERBS.newLink, { invitationId: invitation.id })],
    );
  }

  /** The invitation itself, or the open one already asking the same; for callers that draw their own card. */
  async function create(
    acting: Acting,
    request: InvitationRequest,
    onCreated?: (tx: Transaction, invitation: Invitation) => Promise<void> | void,
  ): Promise<Outcome<IssuedInvitation>> {
    // The approval cards are queued with the invitation itself, so neither exists without the other.
    return invitations.request(acting, request, async (tx, created) => {
      if (created.fourEyes.required) await askForApproval({ notifier, config }, tx, acting, created);
      await onCreated?.(tx, created);
    });
  }

  return {
    invitations,
    customerName,
    view,
    draft,
    create,
    existingCard,
    /** Issues the request; a refusal comes back untouched so the caller shows it in its own form. */
    async issue(
      acting: Acting,
      request: InvitationRequest,
      tr: Translator,
      onCreated?: (tx: Transaction, invitation: Invitation) => Promise<void> | void,
    ): Promise<Outcome<CardAttachment>> {
      const issued = await create(acting, request, onCreated);
      if (!issued.ok) return issued;
      const { invitation, token } = issued.value;
      if (!token) return { ok: true, value: await existingCard(invitation, tr) };
      return { ok: true, value: await draft(acting, invitation, token, tr) };
    },
  };
}

export type InvitationIssuer = ReturnType<typeof invitationIssuer>;
