import { adminRoleChoices } from '../../../cards/format.js';
import { z } from 'zod';
import { button } from '../../../cards/button.js';
import { choiceField, formCard, textField } from '../../../cards/form-card.js';
import { describeRefusal } from '../../../cards/refusal.js';
import type { CardAttachment } from '../../../cards/render.js';
import type { OfferedService, Organization } from '../../../domain/model.js';
import { MAX_LICENCES, MIN_LICENCES, SERVICE_IDS, ServiceId } from '../../../domain/service-catalogue.js';
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

const licenceField = (service: string) => `licences-${service}`;

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
    const typed = String(values[licenceField(serviceId)] ?? '').trim();
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
    // Seed 004: only a partner in a delegated administration programme is offered the option at all.
    const delegatedAdmin = mayOfferDelegatedAdmin(org);
    const yesNo = [
      { title: tr.t('common.no'), value: 'false' },
      { title: tr.t('common.yes'), value: 'true' },
    ];
    const text = (id: string) => String(values[id] ?? '');
    return formCard(
      tr.t(`partner.offer.${kind}.title`),
      tr.t(`partner.offer.${kind}.text`),
      [
        textField('customer', tr.t('request.customer'), values.customer ?? '', tr.t('request.customerPlaceholder')),
        textField('newDomain', tr.t('request.newDomain'), values.newDomain ?? ''),
        textField('newEmail', tr.t('request.newEmail'), values.newEmail ?? ''),
        choiceField(
          'services',
          tr.t('partner.offer.services'),
          SERVICE_IDS.map((id) => ({ title: tr.t(`service.${id}`), value: id })),
          values.services ?? '',
          { multiSelect: true, requiredMessage: tr.t('refusal.services-required') },
        ),
        ...(kind === 'purchase-offer'
          ? SERVICE_IDS.map((id) =>
              textField(
                licenceField(id),
                tr.t('partner.offer.licences', { service: tr.t(`service.${id}`) }),
                text(licenceField(id)),
              ),
            )
          : []),
        ...(delegatedAdmin
          ? [
              choiceField('includeAdmin', tr.t('request.includeAdmin'), yesNo, values.includeAdmin ?? 'false'),
              choiceField('roles', tr.t('request.roles'), adminRoleChoices(tr), values.roles ?? '', {
                multiSelect: true,
                required: false,
              }),
              choiceField('legacy', tr.t('request.legacy'), yesNo, values.legacy ?? 'false'),
              textField('durationDays', tr.t('request.duration'), values.durationDays ?? ''),
              choiceField('autoExtend', tr.t('request.autoExtend'), yesNo, values.autoExtend ?? 'false'),
            ]
          : []),
      ],
      [button(tr.t(`partner.offer.${kind}.submit`), PARTNER_VERBS.offerSubmit, { kind }, 'positive')],
      error,
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
        // A trial's reminder opens the purchase offer with its customer and services filled in.
        data: z.object({
          kind: OfferKind,
          customer: z.string().max(200).optional(),
          services: z.string().max(1000).optional(),
        }),
        handle: async (_c, session, { kind, ...values }) => offerForm(session.tr, kind, session.org, values),
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
