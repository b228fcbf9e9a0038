import { ADMIN_ROLE_GROUPS } from '../domain/admin-role-groups.js';
import { SERVICE_IDS } from '../domain/service-catalogue.js';
import type { Translator } from '../i18n/i18n.js';
import { RELATIONSHIP_CHOICES, typesOfChoice } from '../services/invitations/request-form.js';
import { relationshipChoiceTitle } from './type-meaning.js';
import { formInstance, inputId } from './input-id.js';
import { renderCard, type CardAttachment } from './render.js';
import type { CardAction, RequestRelationshipCard } from './templates.js';

export const licenceInput = (service: string) => `licences-${service}`;

/**
 * The relationship dropdown offers what the delegated-admin switch does not: every combination the request form
 * accepts, without those that carry delegated administration (the switch adds it), so neither repeats the other.
 */
export function relationshipChoices(tr: Translator): { title: string; value: string }[] {
  return RELATIONSHIP_CHOICES.filter((choice) => !choice.includes('delegated-admin')).map((value) => ({
    title: relationshipChoiceTitle(value, typesOfChoice(value), tr),
    value,
  }));
}

export interface InvitationFormSpec {
  title: string;
  intro: string;
  /** What was typed, as the card sent it (input names, not ids). */
  values: Record<string, string | undefined>;
  /** A request has the relationship dropdown; a trial or offer is a reseller invitation with services. */
  shape: 'request' | 'trial' | 'purchase-offer';
  /** The verb that redraws this form with delegated administration switched, keeping what was typed. */
  redraw: { verb: string; data: Record<string, unknown> };
  submit: { title: string; verb: string; data: Record<string, unknown> };
  error?: string;
  /** Seed 004: a trial or offer offers delegated administration only from a partner in a programme (default: offered). */
  mayIncludeAdmin?: boolean;
}

/** Whether the form shows the admin roles: switched on, or a relationship choice that carries it. */
export function adminIsOn(values: Record<string, string | undefined>): boolean {
  return values.includeAdmin === 'true' || (values.relationship ?? '').includes('delegated-admin');
}

/** The request, trial and offer forms: the same controls, the admin roles only while delegated admin is on. */
export function invitationForm(spec: InvitationFormSpec, tr: Translator): CardAttachment {
  const label = (key: string) => tr.t(`request.${key}`);
  const { values } = spec;
  const instance = formInstance();
  const id = (name: string) => inputId(name, instance);
  const mayIncludeAdmin = spec.mayIncludeAdmin ?? true;
  const adminOn = mayIncludeAdmin && adminIsOn(values);
  const picked = new Set((values.roles ?? '').split(',').map((r) => r.trim()));
  const relationship = (values.relationship ?? 'reseller').replace(/-?delegated-admin/, '') || 'reseller';
  const flag = (name: string) => (values[name] === 'true' ? 'true' : 'false');
  const adminSwitch: CardAction = {
    title: tr.t(adminOn ? 'form.admin.remove' : 'request.includeAdmin'),
    verb: spec.redraw.verb,
    data: { ...spec.redraw.data, includeAdmin: adminOn ? 'false' : 'true' },
    style: adminOn ? 'default' : 'positive',
  };
  const data: RequestRelationshipCard = {
    title: spec.title,
    intro: spec.intro,
    labels: {
      customer: label('customer'),
      customerPlaceholder: label('customerPlaceholder'),
      newCustomerHint: label('newCustomerHint'),
      newDomain: label('newDomain'),
      newDomainPlaceholder: tr.t('form.newDomainPlaceholder'),
      newEmail: label('newEmail'),
      newEmailPlaceholder: tr.t('form.newEmailPlaceholder'),
      displayName: label('displayName'),
      displayNamePlaceholder: label('displayNamePlaceholder'),
      relationship: label('relationship'),
      services: tr.t('partner.offer.services'),
      servicesRequired: tr.t('refusal.services-required'),
      adminState: tr.t(adminOn ? 'form.admin.on' : 'form.admin.off', { both: label('rel.reseller-delegated-admin') }),
      rolesHeading: label('rolesHeading'),
      roles: label('roles'),
      legacy: label('legacy'),
      duration: label('duration'),
      autoExtend: label('autoExtend'),
    },
    ids: {
      customer: id('customer'),
      newDomain: id('newDomain'),
      newEmail: id('newEmail'),
      displayName: id('displayName'),
      relationship: id('relationship'),
      services: id('services'),
      legacy: id('legacy'),
      durationDays: id('durationDays'),
      autoExtend: id('autoExtend'),
    },
    values: {
      customer: values.customer ?? '',
      newDomain: values.newDomain ?? '',
      newEmail: values.newEmail ?? '',
      displayName: values.displayName ?? '',
      relationship,
      services: values.services ?? '',
      legacy: flag('legacy'),
      durationDays: values.durationDays ?? '',
      autoExtend: flag('autoExtend'),
    },
    hasRelationship: spec.shape === 'request',
    relationshipChoices: relationshipChoices(tr),
    hasServices: spec.shape !== 'request',
    serviceChoices: SERVICE_IDS.map((service) => ({ title: tr.t(`service.${service}`), value: service })),
    licenceFields:
      spec.shape === 'purchase-offer'
        ? SERVICE_IDS.map((service) => ({
            id: id(licenceInput(service)),
            label: tr.t('partner.offer.licences', { service: tr.t(`service.${service}`) }),
            value: values[licenceInput(service)] ?? '',
          }))
        : [],
    adminOn,
    mayIncludeAdmin,
    adminSwitch,
    roleGroups: adminOn
      ? ADMIN_ROLE_GROUPS.map((group) => ({
          id: inputId('roles', instance, group.id),
          heading: tr.t(`form.roleGroup.${group.id}`),
          value: group.roles.filter((role) => picked.has(role)).join(','),
          choices: group.roles.map((role) => ({
            value: role,
            title: tr.t('request.roleChoice', {
              name: tr.t(`adminRole.${role}.name`),
              description: tr.t(`adminRole.${role}.description`),
            }),
          })),
        }))
      : [],
    hasError: !!spec.error,
    error: spec.error ?? '',
    submit: {
      ...spec.submit,
      data: { ...spec.submit.data, includeAdmin: adminOn ? 'true' : 'false' },
      style: 'positive',
    },
  };
  return renderCard('request-relationship', data);
}
