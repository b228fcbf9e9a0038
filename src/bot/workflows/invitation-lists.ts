import { z } from 'zod';
import { cardAction } from '../card-actions.js';
import { command } from '../command-handler.js';
import type { Permission } from '../permissions.js';
import type { Session } from '../session.js';
import type { WorkflowFactory } from '../workflow-module.js';
import { INVITATION_INBOX_DIALOG, invitationInboxCard } from './customer/invitation-inbox.js';
import { pendingInvitationsCard, PENDING_VERBS } from './partner/pending-invitations.js';

/**
 * "invitations" on either side: partner staff see what they sent and have not had answered (New link,
 * Cancel); a customer admin sees what waits for their organisation's answer (open Accept & Authorize).
 */
export const INVITATION_LISTS: Permission = {
  partner: 'request-reseller-relationship',
  customer: 'accept-reseller-invitation',
};

export const invitationListsWorkflow: WorkflowFactory = ({ store, clock }) => {
  const listFor = (session: Session, page: number) =>
    session.user.roles.side === 'partner'
      ? pendingInvitationsCard(store, session, session.tr, clock(), page)
      : invitationInboxCard(store, session, session.tr, clock(), page);
  return {
    commands: [
      {
        ...command('invitations', INVITATION_LISTS, async ({ context, session, dc }) => {
          if (session.user.roles.side === 'partner')
            return context.sendActivity({ attachments: [await listFor(session, 1)] });
          // A customer's inbox is a dialog (src/bot/workflows/customer/invitation-inbox.ts).
          if (dc.activeDialog) await dc.cancelAllDialogs();
          return dc.beginDialog(INVITATION_INBOX_DIALOG, {});
        }),
        startsWorkflow: INVITATION_INBOX_DIALOG,
      },
    ],
    cardActions: [
      cardAction({
        verb: PENDING_VERBS.page,
        permission: INVITATION_LISTS,
        data: z.object({ page: z.coerce.number().int().min(1).max(10_000).default(1) }),
        handle: async (_context, session, { page }) => listFor(session, page),
      }),
    ],
  };
};
