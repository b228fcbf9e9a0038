import { WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { z } from 'zod';
import { button } from '../../../cards/button.js';
import { formatDate, formatDateTime } from '../../../cards/format.js';
import { itemListCard } from '../../../cards/item-list.js';
import { invitationFacts, invitationLabel } from '../../../cards/labels.js';
import { noticeCard } from '../../../cards/notice-card.js';
import type { CardAttachment } from '../../../cards/render.js';
import { daysLeft } from '../../../domain/lifecycle.js';
import { isAddressedTo } from '../../../domain/invitation-addressee.js';
import type { Invitation, Organization } from '../../../domain/model.js';
import { plural, type Translator } from '../../../i18n/i18n.js';
import type { Acting } from '../../../services/invitations/invitations.js';
import { paginate } from '../../../services/relationships/relationship-lists.js';
import type { StoreReader } from '../../../store/store.js';
import { showCard } from '../../dialogs/card-reply.js';
import { stepVerb } from '../../dialogs/step-verb.js';
import { WorkflowDialog } from '../../dialogs/workflow-dialog.js';
import { customerMay, recordTarget } from '../../permissions.js';
import { sessionOf } from '../../session.js';
import type { WorkflowDeps } from '../../workflow-module.js';

export const INVITATION_INBOX_DIALOG = 'invitation-inbox';
export const INBOX_VERBS = { page: 'inbox.page', open: 'inbox.open' } as const;

const ANSWER = customerMay('accept-reseller-invitation');
const PAGE = stepVerb({
  verb: INBOX_VERBS.page,
  permission: ANSWER,
  data: z.object({ page: z.coerce.number().int().min(1).max(10_000).default(1) }),
  workflow: 'invitations',
});
const OPEN = stepVerb({
  verb: INBOX_VERBS.open,
  permission: customerMay('accept-reseller-invitation', {
    target: recordTarget('invitations', 'invitationId', ['customer']),
  }),
  data: z.object({ invitationId: z.string().min(1).max(100) }),
  workflow: 'invitations',
});
export const INBOX_STEP_VERBS = [PAGE, OPEN];

/** Sent and still answerable: what a customer admin can act on today. */
function waiting(invitation: Invitation, org: Organization, now: Date): boolean {
  return (
    isAddressedTo(invitation, org) && invitation.status === 'approval-pending' && new Date(invitation.expiresAt) > now
  );
}

/**
 * "invitations" for a customer admin: the invitations waiting for their organisation (a card missed, or sent
 * before the app was installed, is found again here): the partner, what it asks, days left, and a button that
 * opens the Accept & Authorize card. Soonest to lapse first, paged.
 */
export async function invitationInboxCard(
  store: StoreReader,
  acting: Acting,
  tr: Translator,
  now: Date,
  page = 1,
): Promise<CardAttachment> {
  const title = tr.t('inbox.title', { org: acting.org.name });
  const open = await waitingFor(store, acting, now);
  if (open.length === 0) return noticeCard(title, tr.t('inbox.none', { org: acting.org.name }));
  const shown = paginate(open, page);
  const items = [];
  for (const invitation of shown.items) {
    const partner = await store.get('organizations', invitation.partnerTenantId);
    const provider = invitation.providerTenantId
      ? await store.get('organizations', invitation.providerTenantId)
      : undefined;
    const partnerName = partner?.name ?? '';
    const [, ...asks] = invitationFacts(invitation, acting.org.name, tr);
    items.push({
      heading: invitationLabel(invitation, partnerName, tr),
      facts: [
        { title: tr.t('invitation.partner'), value: partnerName },
        ...(provider ? [{ title: tr.t('inbox.provider'), value: provider.name }] : []),
        ...asks.filter((f) => f.title !== tr.t('label.created') && f.title !== tr.t('label.sent')),
        {
          title: tr.t('inbox.sentBy'),
          value: tr.t('label.byAt', {
            name: invitation.createdBy.name,
            at: formatDateTime(invitation.sentAt ?? invitation.createdAt, tr),
          }),
        },
        {
          title: tr.t('inbox.answerBefore'),
          value: tr.t('inbox.daysLeft', {
            date: formatDate(invitation.expiresAt, tr),
            left: plural(tr, 'count.daysLeft', daysLeft(invitation, now)),
          }),
        },
      ],
      actions: [button(tr.t('inbox.open'), INBOX_VERBS.open, { invitationId: invitation.id }, 'positive')],
    });
  }
  return itemListCard(title, tr.t('inbox.text'), items, shown, INBOX_VERBS.page, tr);
}

/**
 * Invitations bound to the tenant, and those sent to its domain before Partner Desk knew the organisation (the
 * `customer` index holds both keys): the ones Accept & Authorize would take from this organisation.
 */
async function waitingFor(store: StoreReader, acting: Acting, now: Date): Promise<Invitation[]> {
  const { org } = acting;
  const found = new Map<string, Invitation>();
  for (const key of new Set([org.tenantId, org.primaryDomain.toLowerCase()]))
    for (const invitation of await store.findBy('invitations', 'customer', key))
      if (waiting(invitation, org, now)) found.set(invitation.id, invitation);
  return [...found.values()].sort(
    (a, b) => a.expiresAt.localeCompare(b.expiresAt) || a.createdAt.localeCompare(b.createdAt),
  );
}

/** What an invitation opened from the inbox shows: its Accept & Authorize card as it stands now. */
export type OpenInvitation = (acting: Acting, tr: Translator, invitationId: string) => Promise<CardAttachment>;

/**
 * The customer's "invitations": the list (Previous and Next show another page of it), then the invitation
 * opened, whose Accept & Authorize card answers on its own like the copy delivered in Teams.
 */
export class InvitationInboxDialog extends WorkflowDialog {
  constructor(
    private readonly deps: Pick<WorkflowDeps, 'store' | 'clock' | 'available'>,
    private readonly openInvitation: OpenInvitation,
  ) {
    super(
      {
        id: INVITATION_INBOX_DIALOG,
        title: 'workflow.invitation-inbox.title',
        command: 'invitations',
        verbs: INBOX_STEP_VERBS,
      },
      deps.available,
    );
    this.addDialog(
      new WaterfallDialog(`${INVITATION_INBOX_DIALOG}.steps`, [this.list.bind(this), this.chosen.bind(this)]),
    );
    this.initialDialogId = `${INVITATION_INBOX_DIALOG}.steps`;
  }

  private async list(step: WaterfallStepContext) {
    const session = sessionOf(step.context);
    const now = this.deps.clock();
    const card = await invitationInboxCard(
      this.deps.store,
      session,
      session.tr,
      now,
      this.values<{ page: number }>(step).page,
    );
    if ((await waitingFor(this.deps.store, session, now)).length === 0) {
      await showCard(step.context, card);
      return step.endDialog();
    }
    return this.askCard(step, card, INBOX_STEP_VERBS, 'workflow.invitation-inbox.step.list');
  }

  private async chosen(step: WaterfallStepContext) {
    const session = sessionOf(step.context);
    const { verb, data } = this.submission(step);
    if (verb === PAGE.verb) {
      this.values<{ page: number }>(step).page = (data as { page: number }).page;
      return this.again(step);
    }
    const { invitationId } = data as { invitationId: string };
    // Answered or lapsed since the list was shown: its card says so (who answered, or that it expired).
    await showCard(step.context, await this.openInvitation(session, session.tr, invitationId));
    return step.endDialog({ opened: invitationId });
  }
}
