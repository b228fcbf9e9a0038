import { WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { z } from 'zod';
import type { CardAttachment } from '../../cards/render.js';
import { command } from '../command-handler.js';
import { showCard } from '../dialogs/card-reply.js';
import { openWorkflow } from '../dialogs/open-workflow.js';
import { commandWords } from '../dialogs/stale-form-card.js';
import { stepVerb } from '../dialogs/step-verb.js';
import { WorkflowDialog } from '../dialogs/workflow-dialog.js';
import type { Permission } from '../permissions.js';
import { switchQuestionCard } from '../workflow-switch.js';
import { sessionOf, type Session } from '../session.js';
import type { WorkflowDeps, WorkflowFactory } from '../workflow-module.js';
import { INVITATION_INBOX_DIALOG } from './customer/invitation-inbox.js';
import { pendingInvitationsCard, PENDING_VERBS } from './partner/pending-invitations.js';

export const INVITATIONS_DIALOG = 'invitations';

/**
 * "invitations" on either side: partner staff see what they sent and have not had answered (New link,
 * Cancel); a customer admin sees what waits for their organisation's answer (open Accept & Authorize).
 */
export const INVITATION_LISTS: Permission = {
  partner: 'request-reseller-relationship',
  customer: 'accept-reseller-invitation',
};

const PAGE = stepVerb({
  verb: PENDING_VERBS.page,
  permission: INVITATION_LISTS,
  data: z.object({ page: z.coerce.number().int().min(1).max(10_000).default(1) }),
  workflow: 'invitations',
});

/** Whether a card has a button with this verb anywhere (the list's Previous / Next). */
function hasButton(card: CardAttachment, verb: string): boolean {
  const visit = (node: unknown): boolean => {
    if (Array.isArray(node)) return node.some(visit);
    if (!node || typeof node !== 'object') return false;
    const record = node as Record<string, unknown>;
    return (record.type === 'Action.Execute' && record.verb === verb) || Object.values(record).some(visit);
  };
  return visit(card.content);
}

/**
 * The partner's invitation list (a customer's is InvitationInboxDialog), one page at a time: a list with more than one page waits for its Previous / Next; a
 * single page or a notice ends at once. The buttons on each invitation (New link, Cancel, Open) are actions of
 * their own; one that begins a workflow (New link's draft) goes on top, and the list waits on below it.
 */
export class InvitationsDialog extends WorkflowDialog {
  constructor(private readonly deps: WorkflowDeps) {
    super(
      { id: INVITATIONS_DIALOG, title: 'workflow.invitations.title', command: 'invitations', verbs: [PAGE] },
      deps.available,
    );
    this.addDialog(new WaterfallDialog(`${INVITATIONS_DIALOG}.steps`, [this.list.bind(this), this.paged.bind(this)]));
    this.initialDialogId = `${INVITATIONS_DIALOG}.steps`;
  }

  listFor(session: Session, page: number): Promise<CardAttachment> {
    return pendingInvitationsCard(this.deps.store, session, session.tr, this.deps.clock(), page);
  }

  private async list(step: WaterfallStepContext) {
    const session = sessionOf(step.context);
    const card = await this.listFor(session, this.values<{ page: number }>(step).page ?? 1);
    if (!hasButton(card, PAGE.verb)) {
      await showCard(step.context, card);
      return step.endDialog();
    }
    return this.askCard(step, card, [PAGE], 'workflow.invitations.step.list');
  }

  private async paged(step: WaterfallStepContext) {
    const { page } = this.submission(step).data as z.infer<typeof PAGE.data>;
    this.values<{ page: number }>(step).page = page;
    return this.again(step);
  }
}

/**
 * Partner staff: a single page (or a notice) is shown beside whatever workflow is open, as before: nothing waits
 * and nothing asks to be left. A longer list is a workflow of its own, as a customer's inbox always is
 * (src/bot/workflows/customer/invitation-inbox.ts): in the middle of another workflow it asks first, as every
 * workflow's command does (src/bot/partner-desk-bot.ts); typed again in the list, it starts afresh.
 */
export const invitationListsWorkflow: WorkflowFactory = (deps) => {
  const dialog = new InvitationsDialog(deps);
  return {
    commands: [
      command('invitations', INVITATION_LISTS, async ({ context, session, dc, args }) => {
        const partner = session.user.roles.side === 'partner';
        const first = partner ? await dialog.listFor(session, 1) : undefined;
        if (first && !hasButton(first, PAGE.verb)) return context.sendActivity({ attachments: [first] });
        const open = openWorkflow(dc.stack);
        if (open && open.workflow.command !== 'invitations') {
          const text = [commandWords(session.tr, 'invitations'), args].filter(Boolean).join(' ');
          return context.sendActivity({ attachments: [switchQuestionCard(session.tr, open, 'invitations', text)] });
        }
        if (dc.activeDialog) await dc.cancelAllDialogs();
        return dc.beginDialog(partner ? INVITATIONS_DIALOG : INVITATION_INBOX_DIALOG, {});
      }),
    ],
    cardActions: [PAGE],
    dialogs: [dialog],
  };
};
