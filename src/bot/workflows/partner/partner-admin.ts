import { z } from 'zod';
import { cardAction } from '../../card-actions.js';
import { workflowCommand } from '../../command-handler.js';
import { beginWorkflow } from '../../dialogs/workflow-stack.js';
import { partnerMay, recordTarget } from '../../permissions.js';
import type { WorkflowFactory } from '../../workflow-module.js';
import {
  CANCEL,
  CANCEL_INVITATION_DIALOG,
  CancelInvitationDialog,
  type CancelInvitationOptions,
} from './cancel-invitation-dialog.js';
import {
  BACK,
  CHOOSE,
  END,
  END_RELATIONSHIP_DIALOG,
  END_VERBS,
  EndRelationshipDialog,
} from './end-relationship-dialog.js';
import { PENDING_VERBS } from './pending-invitations.js';

export const PARTNER_VERBS = {
  cancelConfirm: PENDING_VERBS.cancelConfirm,
  cancel: CANCEL.verb,
  ...END_VERBS,
} as const;

/** Cancelling a pending invitation (the list is pending-invitations.ts) and "End a relationship", for partner staff. */
export const partnerAdminWorkflow: WorkflowFactory = (deps) => {
  return {
    commands: [workflowCommand('end-relationship', partnerMay('act-on-behalf'), END_RELATIONSHIP_DIALOG)],
    cardActions: [
      cardAction({
        // "Cancel" on an item of the pending list begins the confirmation.
        verb: PARTNER_VERBS.cancelConfirm,
        permission: partnerMay('request-reseller-relationship', {
          target: recordTarget('invitations', 'invitationId', ['partner']),
        }),
        data: z.object({ invitationId: z.string().min(1).max(100) }),
        async handle(context, _session, { invitationId }) {
          const options: CancelInvitationOptions = { invitationId };
          return beginWorkflow(context, CANCEL_INVITATION_DIALOG, options);
        },
      }),
      CANCEL,
      CHOOSE,
      END,
      BACK,
    ],
    dialogs: [new CancelInvitationDialog(deps), new EndRelationshipDialog(deps)],
  };
};
