import { WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { z } from 'zod';
import { invitationForm, licenceInput } from '../../../cards/invitation-form.js';
import { describeRefusal } from '../../../cards/refusal.js';
import type { CardAttachment } from '../../../cards/render.js';
import type { OfferedService, Organization } from '../../../domain/model.js';
import { MAX_LICENCES, MIN_LICENCES, ServiceId } from '../../../domain/service-catalogue.js';
import type { Translator } from '../../../i18n/i18n.js';
import { ok, refuse, type Outcome } from '../../../services/outcome.js';
import { readRequestForm, RequestFormValues } from '../../../services/invitations/request-form.js';
import type { StoreReader } from '../../../store/store.js';
import { cardAction } from '../../card-actions.js';
import { workflowCommand } from '../../command-handler.js';
import { showCard } from '../../dialogs/card-reply.js';
import { isSubmitOf, stepVerb, type StepVerb } from '../../dialogs/step-verb.js';
import { WorkflowDialog } from '../../dialogs/workflow-dialog.js';
import { beginWorkflow } from '../../dialogs/workflow-stack.js';
import { partnerMay } from '../../permissions.js';
import { sessionOf } from '../../session.js';
import type { WorkflowDeps, WorkflowFactory } from '../../workflow-module.js';
import { invitationIssuer, type InvitationIssuer } from './issue.js';
import { SEND_INVITATION_DIALOG, SendInvitationDialog, type SendInvitationOptions } from './send-invitation-dialog.js';
import { PARTNER_VERBS } from './verbs.js';
import { mayOfferDelegatedAdmin } from '../../../domain/partner-programmes.js';
import { choicesOf } from '../../../domain/choice-list.js';

const OfferKind = z.enum(['trial', 'purchase-offer']);
type OfferKind = z.infer<typeof OfferKind>;

/** The trial or offer form as the card sends it; licence counts come as `licences-<service>` inputs. */
const OfferValues = RequestFormValues.omit({ relationship: true, leadId: true, templateId: true })
  .extend({
    // The dialog knows which form it showed; the card's kind is only read where a notice opens the form.
    kind: OfferKind.optional(),
    services: z.string().max(1000).default(''),
  })
  // Licence counts, and the step's ticket (src/bot/dialogs/form-ticket.ts) that every button's data carries.
  .catchall(z.string().max(64));
type OfferValues = z.infer<typeof OfferValues>;

export const TRIAL_DIALOG = 'trial';
export const PURCHASE_OFFER_DIALOG = 'purchase-offer';

const permission = partnerMay('request-reseller-relationship');

/** Each kind has its own buttons, so a stale card says which command starts its own form again. */
const KINDS = {
  trial: {
    dialog: TRIAL_DIALOG,
    command: 'trial',
    redraw: stepVerb({ verb: PARTNER_VERBS.trialRedraw, permission, data: OfferValues, workflow: 'trial' }),
    submit: stepVerb({ verb: PARTNER_VERBS.trialSubmit, permission, data: OfferValues, workflow: 'trial' }),
  },
  'purchase-offer': {
    dialog: PURCHASE_OFFER_DIALOG,
    command: 'offer',
    redraw: stepVerb({ verb: PARTNER_VERBS.offerRedraw, permission, data: OfferValues, workflow: 'offer' }),
    submit: stepVerb({ verb: PARTNER_VERBS.offerSubmit, permission, data: OfferValues, workflow: 'offer' }),
  },
} as const satisfies Record<OfferKind, { dialog: string; command: string; redraw: StepVerb; submit: StepVerb }>;

/** The services chosen, with licence counts for a purchase offer; or what to fix. */
function readServices(kind: OfferKind, values: OfferValues, tr: Translator): Outcome<OfferedService[]> {
  const picked = [...new Set(choicesOf(values.services))];
  const ids = z.array(ServiceId).min(1).safeParse(picked);
  if (!ids.success) return refuse('services-required');
  if (kind === 'trial') return ok(ids.data.map((serviceId) => ({ serviceId })));
  const services: OfferedService[] = [];
  for (const serviceId of ids.data) {
    const typed = String(values[licenceInput(serviceId)] ?? '').trim();
    const licences = Number(typed);
    if (!/^\d+$/.test(typed) || licences < MIN_LICENCES || licences > MAX_LICENCES)
      return refuse('licences-invalid', {
        service: tr.t(`service.${serviceId}`),
        min: String(MIN_LICENCES),
        max: String(MAX_LICENCES),
      });
    services.push({ serviceId, licences });
  }
  return ok(services);
}

function offerForm(
  tr: Translator,
  kind: OfferKind,
  org: Organization,
  values: Partial<OfferValues> = {},
  error?: string,
): CardAttachment {
  const { redraw, submit } = KINDS[kind];
  return invitationForm(
    {
      title: tr.t(`partner.offer.${kind}.title`),
      intro: tr.t(`partner.offer.${kind}.text`),
      values: values as Record<string, string | undefined>,
      shape: kind,
      redraw: { verb: redraw.verb, data: { kind } },
      submit: { title: tr.t(`partner.offer.${kind}.submit`), verb: submit.verb, data: { kind } },
      error,
      // Seed 004: only a partner in a delegated administration programme is offered the option at all.
      mayIncludeAdmin: mayOfferDelegatedAdmin(org),
    },
    tr,
  );
}

async function readOffer(
  reader: StoreReader,
  acting: Organization,
  kind: OfferKind,
  values: OfferValues,
  tr: Translator,
) {
  const services = readServices(kind, values, tr);
  if (!services.ok) return services;
  const asksAdmin = values.includeAdmin === 'true' || values.legacy === 'true' || values.roles.trim() !== '';
  if (asksAdmin && !mayOfferDelegatedAdmin(acting)) return refuse('delegated-admin-offer-not-certified');
  const request = await readRequestForm(reader, acting, { ...values, relationship: 'reseller' });
  if (!request.ok) return request;
  return ok({ ...request.value, kind, services: services.value });
}

/** How a trial or offer starts: empty (the command), or filled in from a trial's reminder. */
export interface OfferOptions {
  values?: Partial<OfferValues>;
}

interface OfferDialogValues {
  form: Partial<OfferValues>;
  error: string;
}

/**
 * A trial invitation or a purchase offer (rule 12): the form (redrawn when delegated administration is
 * switched, or with what to fix), then the draft email and Done (SendInvitationDialog).
 */
export class OfferDialog extends WorkflowDialog {
  constructor(
    private readonly kind: OfferKind,
    private readonly deps: WorkflowDeps,
    private readonly issuer: InvitationIssuer,
  ) {
    const { dialog, command, redraw, submit } = KINDS[kind];
    super({ id: dialog, title: `workflow.${dialog}.title`, command, verbs: [redraw, submit] }, deps.available);
    const steps = [this.form.bind(this), this.submitted.bind(this), this.finished.bind(this)];
    this.addDialog(new WaterfallDialog(`${dialog}.steps`, steps));
    this.addDialog(new SendInvitationDialog(deps, issuer));
    this.initialDialogId = `${dialog}.steps`;
  }

  private async form(step: WaterfallStepContext) {
    const session = sessionOf(step.context);
    const { form, error } = this.values<OfferDialogValues>(step);
    const start = ((step.options ?? {}) as OfferOptions).values ?? {};
    const card = offerForm(session.tr, this.kind, session.org, form ?? start, error);
    const { redraw, submit } = KINDS[this.kind];
    return this.askCard(step, card, [redraw, submit], `workflow.${KINDS[this.kind].dialog}.step.form`);
  }

  private async submitted(step: WaterfallStepContext) {
    const session = sessionOf(step.context);
    const { tr } = session;
    const submission = this.submission(step);
    const values = this.values<OfferDialogValues>(step);
    // Which form this is, is the dialog's, whatever the card's data says.
    const typed = { ...(submission.data as OfferValues), kind: this.kind };
    values.form = typed;
    delete values.error;
    if (!isSubmitOf(submission, KINDS[this.kind].submit)) return this.again(step);
    const refused = (error: string) => {
      values.error = error;
      return this.again(step);
    };
    const request = await readOffer(this.deps.store, session.org, this.kind, typed, tr);
    if (!request.ok) return refused(describeRefusal(request.refusal, tr));
    const issued = await this.issuer.create(session, request.value);
    if (!issued.ok) return refused(describeRefusal(issued.refusal, tr));
    const { invitation, token } = issued.value;
    if (!token) {
      await showCard(step.context, await this.issuer.existingCard(invitation, tr));
      return step.endDialog();
    }
    const customer = await this.issuer.customerName(invitation);
    this.saved(step, tr.t(`workflow.${KINDS[this.kind].dialog}.saved`, { customer }));
    const send: SendInvitationOptions = { invitationId: invitation.id, token };
    return step.beginDialog(SEND_INVITATION_DIALOG, send);
  }

  private async finished(step: WaterfallStepContext) {
    return step.endDialog(step.result);
  }
}

/** Trials and purchase offers (rule 12): services, licence counts, and optionally delegated admin. */
export const partnerOffersWorkflow: WorkflowFactory = (deps) => {
  const issuer = invitationIssuer(deps);
  return {
    commands: [
      workflowCommand('trial', permission, TRIAL_DIALOG),
      workflowCommand('offer', permission, PURCHASE_OFFER_DIALOG),
    ],
    cardActions: [
      KINDS.trial.redraw,
      KINDS.trial.submit,
      KINDS['purchase-offer'].redraw,
      KINDS['purchase-offer'].submit,
      cardAction({
        // A trial's reminder (src/services/relationships/trial-watch.ts): the offer form with its customer and
        // services filled in, begun on top of whatever the partner is doing.
        verb: PARTNER_VERBS.offerForm,
        permission,
        data: OfferValues.partial().extend({ kind: OfferKind }),
        handle: async (context, _session, { kind, ...values }) => {
          const options: OfferOptions = { values };
          return beginWorkflow(context, KINDS[kind].dialog, options);
        },
      }),
    ],
    dialogs: [new OfferDialog('trial', deps, issuer), new OfferDialog('purchase-offer', deps, issuer)],
  };
};
