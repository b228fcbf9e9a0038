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
import type { WorkflowFactory } from '../../workflow-module.js';
import { invitationIssuer } from './issue.js';
import { PARTNER_VERBS } from './verbs.js';
import { partnerMay } from '../../permissions.js';
import { mayOfferDelegatedAdmin } from '../../../domain/partner-programmes.js';

const OfferKind = z.enum(['trial', 'purchase-offer']);
type OfferKind = z.infer<typeof OfferKind>;

/** The trial or offer form as the card sends it; licence counts come as `licences-<service>` inputs. */
const OfferValues = RequestFormValues.omit({ relationship: true, leadId: true })
  .extend({
    kind: OfferKind,
    services: z.string().max(1000).default(''),
  })
  .catchall(z.string().max(20));
type OfferValues = z.infer<typeof OfferValues>;

/** The services chosen, with licence counts for a purchase offer; or what to fix. */
function readServices(kind: OfferKind, values: OfferValues, tr: Translator): Outcome<OfferedService[]> {
  const picked = [
    ...new Set(
      values.services
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
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

/** Trials and purchase offers (rule 12): services, licence counts, and optionally delegated admin. */
export const partnerOffersWorkflow: WorkflowFactory = (deps) => {
  const { store } = deps;
  const issuer = invitationIssuer(deps);

  function offerForm(
    tr: Translator,
    kind: OfferKind,
    org: Organization,
    values: Partial<OfferValues> = {},
    error?: string,
  ): CardAttachment {
    return invitationForm(
      {
        title: tr.t(`partner.offer.${kind}.title`),
        intro: tr.t(`partner.offer.${kind}.text`),
        values: values as Record<string, string | undefined>,
        shape: kind,
        redraw: { verb: PARTNER_VERBS.offerForm, data: { kind } },
        submit: { title: tr.t(`partner.offer.${kind}.submit`), verb: PARTNER_VERBS.offerSubmit, data: { kind } },
        error,
        // Seed 004: only a partner in a delegated administration programme is offered the option at all.
        mayIncludeAdmin: mayOfferDelegatedAdmin(org),
      },
      tr,
    );
  }

  async function readOffer(reader: StoreReader, acting: Organization, values: OfferValues, tr: Translator) {
    const services = readServices(values.kind, values, tr);
    if (!services.ok) return services;
    const asksAdmin = values.includeAdmin === 'true' || values.legacy === 'true' || values.roles.trim() !== '';
    if (asksAdmin && !mayOfferDelegatedAdmin(acting)) return refuse('delegated-admin-offer-not-certified');
    const request = await readRequestForm(reader, acting, { ...values, relationship: 'reseller' });
    if (!request.ok) return request;
    return ok({ ...request.value, kind: values.kind, services: services.value });
  }

  return {
    cardActions: [
      cardAction({
        verb: PARTNER_VERBS.offerForm,
        permission: partnerMay('request-reseller-relationship'),
        // Opens the form (a trial's reminder fills in its customer and services), or redraws it with delegated
        // administration switched, keeping what was typed.
        data: OfferValues.partial().extend({ kind: OfferKind }),
        handle: async (_c, session, values) => offerForm(session.tr, values.kind, session.org, values),
      }),
      cardAction({
        verb: PARTNER_VERBS.offerSubmit,
        permission: partnerMay('request-reseller-relationship'),
        data: OfferValues,
        async handle(_c, session, values) {
          const { tr } = session;
          const request = await readOffer(store, session.org, values, tr);
          const form = (error: string) => offerForm(tr, values.kind, session.org, values, error);
          if (!request.ok) return form(describeRefusal(request.refusal, tr));
          const issued = await issuer.issue(session, request.value, tr);
          return issued.ok ? issued.value : form(describeRefusal(issued.refusal, tr));
        },
      }),
    ],
  };
};
