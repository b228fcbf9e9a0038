import { WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { z } from 'zod';
import { button } from '../../../cards/button.js';
import { choiceField, formCard, textField } from '../../../cards/form-card.js';
import { adminRoleChoices } from '../../../cards/format.js';
import { noticeCard } from '../../../cards/notice-card.js';
import { describeRefusal } from '../../../cards/refusal.js';
import type { Organization } from '../../../domain/model.js';
import type { Translator } from '../../../i18n/i18n.js';
import type { Acting } from '../../../services/invitations/invitations.js';
import {
  invitableCustomers,
  InviteCustomersValues,
  NEW_CUSTOMER,
  readInviteCustomersForm,
} from '../../../services/two-tier/customer-invitation.js';
import { cardAction } from '../../card-actions.js';
import { showCard } from '../../dialogs/card-reply.js';
import { stepVerb } from '../../dialogs/step-verb.js';
import { WorkflowDialog } from '../../dialogs/workflow-dialog.js';
import { beginWorkflow } from '../../dialogs/workflow-stack.js';
import { partnerMay, relatedOrganization } from '../../permissions.js';
import { sessionOf } from '../../session.js';
import type { WorkflowDeps, WorkflowModule } from '../../workflow-module.js';
import { invitationIssuer, type InvitationIssuer } from '../partner/issue.js';
import {
  SEND_INVITATION_DIALOG,
  SendInvitationDialog,
  type SendInvitationOptions,
} from '../partner/send-invitation-dialog.js';
import type { TwoTierContext } from './two-tier-context.js';
import { TWO_TIER_VERBS } from './two-tier-verbs.js';

export const INVITE_CUSTOMERS_DIALOG = 'two-tier.invite-customers';

type FormValues = Partial<z.infer<typeof InviteCustomersValues>>;

const permission = partnerMay('request-reseller-relationship', {
  kinds: ['indirect-reseller'],
  target: relatedOrganization('providerTenantId'),
});
const SEND = stepVerb({
  verb: TWO_TIER_VERBS.inviteCustomer,
  permission,
  data: InviteCustomersValues,
  workflow: 'indirect-providers',
});

/** Which provider the invitation is for: chosen by the button that began the workflow, never by the form. */
export interface InviteCustomersOptions {
  providerTenantId: string;
}

interface InviteValues {
  form: FormValues;
  error: string;
}

/**
 * "Invite new customers" (seed 002): the reseller invites one of its own customers, or a new one by domain and
 * email, to reseller relationships with itself and its provider in one invitation, optionally with delegated
 * admin privileges for itself; then the draft email with its personalised link (naming both) and "Done".
 */
export class InviteCustomersDialog extends WorkflowDialog {
  constructor(
    private readonly ctx: Pick<TwoTierContext, 'store' | 'twoTier'>,
    deps: WorkflowDeps,
    private readonly issuer: InvitationIssuer,
  ) {
    super(
      {
        id: INVITE_CUSTOMERS_DIALOG,
        title: 'workflow.two-tier.invite-customers.title',
        command: 'indirect-providers',
        verbs: [SEND],
      },
      deps.available,
    );
    const steps = [this.form, this.submitted, this.finished].map((s) => s.bind(this));
    this.addDialog(new WaterfallDialog(`${INVITE_CUSTOMERS_DIALOG}.steps`, steps));
    this.addDialog(new SendInvitationDialog(deps, issuer));
    this.initialDialogId = `${INVITE_CUSTOMERS_DIALOG}.steps`;
  }

  private async form(step: WaterfallStepContext) {
    const session = sessionOf(step.context);
    const { tr } = session;
    const { providerTenantId } = step.options as InviteCustomersOptions;
    const provider = await this.authorisedProvider(session, providerTenantId);
    if (!provider) {
      const refusal = describeRefusal({ code: 'provider-not-authorised' }, tr);
      await showCard(step.context, noticeCard(tr.t('twoTier.inviteCustomer.title'), refusal, 'attention'));
      return step.endDialog();
    }
    const customers = await invitableCustomers(this.ctx.store, session, providerTenantId);
    const { form, error } = this.values<InviteValues>(step);
    const card = inviteCustomersForm(tr, session, provider, customers, form ?? {}, error);
    return this.askCard(step, card, [SEND], 'workflow.two-tier.invite-customers.step.form');
  }

  private async submitted(step: WaterfallStepContext) {
    const session = sessionOf(step.context);
    const { tr } = session;
    const { providerTenantId } = step.options as InviteCustomersOptions;
    const typed = this.submission(step).data as InviteCustomersValues;
    const values = this.values<InviteValues>(step);
    values.form = { ...typed, providerTenantId };
    delete values.error;
    const refuse = (error: string) => {
      values.error = error;
      return this.again(step);
    };
    // The card names the provider for the dispatcher's check; the workflow knows which one it is for.
    if (typed.providerTenantId !== providerTenantId) return refuse(tr.t('refusal.target-not-found'));
    const choices = await invitableCustomers(this.ctx.store, session, providerTenantId);
    const request = await readInviteCustomersForm(this.ctx.store, session, { ...typed, providerTenantId }, choices);
    if (!request.ok) return refuse(describeRefusal(request.refusal, tr));
    const issued = await this.issuer.create(session, request.value);
    if (!issued.ok) return refuse(describeRefusal(issued.refusal, tr));
    const { invitation, token } = issued.value;
    if (!token) {
      await showCard(step.context, await this.issuer.existingCard(invitation, tr));
      return step.endDialog();
    }
    const customer = await this.issuer.customerName(invitation);
    this.saved(step, tr.t('workflow.two-tier.invite-customers.saved', { customer }));
    const send: SendInvitationOptions = { invitationId: invitation.id, token };
    return step.beginDialog(SEND_INVITATION_DIALOG, send);
  }

  private async finished(step: WaterfallStepContext) {
    return step.endDialog(step.result);
  }

  private async authorisedProvider(acting: Acting, providerTenantId: string): Promise<Organization | undefined> {
    const authorised = (await this.ctx.twoTier.providersOf(acting.org.tenantId)).some(
      (r) => r.partnerTenantId === providerTenantId,
    );
    return authorised ? this.ctx.store.get('organizations', providerTenantId) : undefined;
  }
}

function inviteCustomersForm(
  tr: Translator,
  acting: Acting,
  provider: Organization,
  customers: Organization[],
  values: FormValues,
  error?: string,
) {
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
      textField('customerEmail', tr.t('twoTier.inviteCustomer.email'), values.customerEmail ?? '', 'admin@contoso.com'),
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
    [button(tr.t('twoTier.inviteCustomer.send'), SEND.verb, { providerTenantId: provider.tenantId }, 'positive')],
    error,
  );
}

/** The reseller's "Invite new customers" buttons (on Indirect providers and View customers) begin the workflow. */
export function inviteCustomers(ctx: TwoTierContext, deps: WorkflowDeps): WorkflowModule {
  const issuer = invitationIssuer(deps);
  return {
    cardActions: [
      SEND,
      cardAction({
        verb: TWO_TIER_VERBS.inviteCustomerForm,
        permission,
        data: z.object({ providerTenantId: z.string().min(1).max(100) }),
        handle: (context, _s, { providerTenantId }) =>
          beginWorkflow(context, INVITE_CUSTOMERS_DIALOG, { providerTenantId } satisfies InviteCustomersOptions),
      }),
    ],
    dialogs: [new InviteCustomersDialog(ctx, deps, issuer)],
  };
}
