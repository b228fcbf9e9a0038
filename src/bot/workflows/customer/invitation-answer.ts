import {
  TextPrompt,
  WaterfallDialog,
  type DialogContext,
  type DialogTurnResult,
  type PromptOptions,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { z } from 'zod';
import {
  invitationCard,
  invitationClosedCard,
  invitationClosedNotice,
  INVITATION_VERBS,
  refusalNotice,
} from '../../../cards/invitation-card.js';
import { noticeCard } from '../../../cards/notice-card.js';
import { describeRefusal } from '../../../cards/refusal.js';
import { relationshipTypes } from '../../../cards/format.js';
import type { CardAttachment } from '../../../cards/render.js';
import { AcceptanceService, isLive } from '../../../services/invitations/acceptance.js';
import { McaNotice } from '../../../services/invitations/mca-notice.js';
import { AccessAssignmentService } from '../../../services/relationships/access-assignments.js';
import { accessNotices } from '../access/access-notices.js';
import { InvitationDelivery } from '../../../services/invitations/invitation-delivery.js';
import { hashInvitationToken } from '../../../services/invitations/invitation-token.js';
import type { Acting } from '../../../services/invitations/invitations.js';
import type { Store } from '../../../store/store.js';
import type { Translator } from '../../../i18n/i18n.js';
import { cardAction } from '../../card-actions.js';
import { newTicket } from '../../dialogs/form-ticket.js';
import { WorkflowDialog } from '../../dialogs/workflow-dialog.js';
import { sessionOf } from '../../session.js';
import type { WorkflowFactory } from '../../workflow-module.js';
import { customerMay, recordTarget } from '../../permissions.js';
import { workflowCommand } from '../../command-handler.js';
import { showCard } from '../../dialogs/card-reply.js';
import { INBOX_STEP_VERBS, InvitationInboxDialog } from './invitation-inbox.js';

export const ACCEPT_INVITATION_DIALOG = 'accept-invitation';
const InvitationRef = z.object({ invitationId: z.string().min(1).max(100) });

/**
 * "Accept agreement & authorize partner": a customer admin opens an invitation (from the card delivered in
 * Teams, by pasting its link or code, or from the `invitations` list), then Accept & Authorize or Decline.
 * The card's buttons stay plain card actions: the outbox delivers copies of it to every customer admin.
 */
export const invitationAnswerWorkflow: WorkflowFactory = ({ store, clock, notifier, config, available }) => {
  const assignments = new AccessAssignmentService(store, clock);
  const { settled } = accessNotices(notifier, config.defaultLanguage);
  const acceptance = new AcceptanceService(
    store,
    clock,
    config,
    new McaNotice(notifier, config.defaultLanguage).accepted,
    async ({ relationships }) => {
      for (const r of relationships) await assignments.provisionPending(r.id, settled);
    },
  );
  const delivery = new InvitationDelivery(store, notifier, config.defaultLanguage, clock);

  /** What this user should see for this invitation now. */
  async function currentView(
    acting: Acting,
    tr: Translator,
    invitationId: string,
    error?: string,
  ): Promise<CardAttachment> {
    const invitation = await store.get('invitations', invitationId);
    if (!invitation) return refusalNotice({ code: 'invitation-not-found' }, tr);
    const allowed = await acceptance.check(acting, invitation);
    if (!allowed.ok) {
      const closed = ['accepted', 'declined', 'cancelled', 'expired'].includes(invitation.status);
      const partner = await store.get('organizations', invitation.partnerTenantId);
      return closed && partner && allowed.refusal.code !== 'invitation-other-tenant'
        ? invitationClosedCard(invitation, partner, tr)
        : refusalNotice(allowed.refusal, tr);
    }
    // The check passed, so it is addressed to this organisation, also when it was sent to the domain alone.
    const addressed = { ...invitation, customerTenantId: acting.org.tenantId };
    const view = await delivery.view(store, addressed);
    if (!view) return refusalNotice({ code: 'invitation-not-found' }, tr);
    const admins = await delivery.customerAdmins(store, addressed);
    return invitationCard(view, tr, {
      now: clock(),
      error,
      refreshUserIds: await delivery.teamsUserIds(store, admins),
    });
  }

  const dialog = new AcceptInvitationDialog(available, async (step, pasted) => {
    const { user, org, tr } = sessionOf(step.context);
    const hash = hashInvitationToken(pasted);
    const [invitation] = hash ? await store.findBy('invitations', 'tokenHash', hash) : [];
    const card = invitation
      ? await currentView({ user, org }, tr, invitation.id)
      : refusalNotice({ code: 'invitation-not-found' }, tr);
    await showCard(step.context, card);
  });

  return {
    commands: [
      workflowCommand('accept-invitation', customerMay('accept-reseller-invitation'), ACCEPT_INVITATION_DIALOG),
    ],
    dialogs: [dialog, new InvitationInboxDialog({ store, clock, available }, currentView)],
    cardActions: [
      ...INBOX_STEP_VERBS,
      cardAction({
        verb: INVITATION_VERBS.refresh,
        permission: customerMay('accept-reseller-invitation', {
          target: recordTarget('invitations', 'invitationId', ['customer']),
        }),
        data: InvitationRef,
        handle: async (_context, { user, org, tr }, { invitationId }) => currentView({ user, org }, tr, invitationId),
      }),
      cardAction({
        verb: INVITATION_VERBS.accept,
        permission: customerMay('accept-reseller-invitation', {
          target: recordTarget('invitations', 'invitationId', ['customer']),
        }),
        data: InvitationRef.extend({ acknowledged: z.enum(['true', 'false']).default('false') }),
        async handle(_context, { user, org, tr }, { invitationId, acknowledged }) {
          const acting = { user, org };
          const result = await acceptance.accept(
            acting,
            invitationId,
            { acknowledged: acknowledged === 'true' },
            (tx, inv, partner, answer) => delivery.invitationAnswered(tx, inv, partner, answer),
          );
          if (!result.ok) {
            // A refusal the card cannot show by itself (a two-tier provider that is gone) is said on it.
            return currentView(acting, tr, invitationId, describeRefusal(result.refusal, tr));
          }
          return acceptedCard(store, acting, tr, result.value.invitation.id, result.value.mcaRecorded);
        },
      }),
      cardAction({
        verb: INVITATION_VERBS.decline,
        permission: customerMay('accept-reseller-invitation', {
          target: recordTarget('invitations', 'invitationId', ['customer']),
        }),
        data: InvitationRef,
        async handle(_context, { user, org, tr }, { invitationId }) {
          const acting = { user, org };
          await acceptance.decline(acting, invitationId, (tx, inv) => delivery.invitationAnswered(tx, inv));
          return currentView(acting, tr, invitationId);
        },
      }),
    ],
  };
};

/** After Accept & Authorize: the answer, and the partners the organisation now works with (as the seed shows). */
async function acceptedCard(store: Store, acting: Acting, tr: Translator, invitationId: string, mcaRecorded: boolean) {
  const invitation = (await store.get('invitations', invitationId))!;
  const partner = (await store.get('organizations', invitation.partnerTenantId))!;
  const relationships = (await store.findBy('relationships', 'customer', acting.org.tenantId)).filter(isLive);
  const facts = [];
  for (const r of relationships) {
    const p = await store.get('organizations', r.partnerTenantId);
    facts.push({ title: p?.name ?? r.partnerTenantId, value: relationshipTypes(r.types, tr) });
  }
  const text = [
    invitationClosedNotice(invitation, partner, tr).text,
    mcaRecorded ? tr.t('invitation.mcaRecorded', { customer: acting.org.name, name: acting.user.name }) : '',
    tr.t('invitation.partnersHeading', { customer: acting.org.name }),
  ]
    .filter(Boolean)
    .join('\n\n');
  return noticeCard(tr.t('invitation.acceptedTitle'), text, 'good', facts);
}

/** "accept <link or code>": asks for the code until it is one, then shows what that code opens. */
export class AcceptInvitationDialog extends WorkflowDialog {
  constructor(
    available: () => import('../../permissions.js').AvailableCommands,
    private readonly show: (step: WaterfallStepContext, pasted: string) => Promise<void>,
  ) {
    super(
      { id: ACCEPT_INVITATION_DIALOG, title: 'workflow.accept-invitation.title', command: 'accept-invitation' },
      available,
    );
    this.addDialog(new CodePrompt());
    this.addDialog(new WaterfallDialog('accept-invitation.steps', [this.ask.bind(this), this.open.bind(this)]));
    this.initialDialogId = 'accept-invitation.steps';
  }

  private async ask(step: WaterfallStepContext) {
    const args = ((step.options as { args?: string } | undefined)?.args ?? '').trim();
    if (args && hashInvitationToken(args)) return step.next(args);
    const { tr } = sessionOf(step.context);
    return step.prompt('accept-invitation.code', {
      prompt: args
        ? `${tr.t('acceptInvitation.badCode')} ${tr.t('acceptInvitation.askCode')}`
        : tr.t('acceptInvitation.askCode'),
      retryPrompt: tr.t('acceptInvitation.badCode'),
    });
  }

  private async open(step: WaterfallStepContext) {
    await this.show(step, String(step.result));
    return step.endDialog();
  }
}

/**
 * The question for the code, answered by typing. Its state also has the shape of a card step's with no button
 * (src/bot/dialogs/card-prompt.ts), so `where am I` names it and a card clicked meanwhile is no longer active.
 */
class CodePrompt extends TextPrompt {
  constructor() {
    super('accept-invitation.code', async (prompt) => hashInvitationToken(prompt.recognized.value ?? '') !== null);
  }

  override async beginDialog(dc: DialogContext, options: PromptOptions): Promise<DialogTurnResult> {
    const result = await super.beginDialog(dc, options);
    Object.assign(dc.activeDialog!.state, {
      ticket: newTicket(),
      verbs: [],
      step: 'workflow.accept-invitation.step.code',
    });
    return result;
  }
}
