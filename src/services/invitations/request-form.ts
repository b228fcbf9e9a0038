import { z } from 'zod';
import { foldText } from '../../domain/text.js';
import {
  AdminRoleId,
  MAX_ACCESS_DAYS,
  MIN_ACCESS_DAYS,
  type Organization,
  type RelationshipType,
} from '../../domain/model.js';
import type { StoreReader } from '../../store/store.js';
import type { InvitationRequest } from './invitations.js';
import { ok, refuse, type Outcome } from '../outcome.js';
import { visibleOrganizations } from '../directory/visible-organizations.js';
import { mayCombine, requestableCombinations } from '../../domain/relationship-types.js';
import { choicesOf } from '../../domain/choice-list.js';

/** The form's choices: the combinations of the domain's table, each named by its types ("reseller-delegated-admin"). */
export const RELATIONSHIP_CHOICES = requestableCombinations().map((types) => types.join('-')) as [string, ...string[]];
const TYPES_OF = new Map(requestableCombinations().map((types) => [types.join('-'), types]));
export const typesOfChoice = (choice: string): RelationshipType[] => TYPES_OF.get(choice) ?? ['reseller'];
export const LEGACY_ROLES: AdminRoleId[] = ['global-administrator', 'helpdesk-administrator'];

const flag = z.enum(['true', 'false']).default('false');

/** The request form as the card sends it: every input is a string. */
export const RequestFormValues = z.object({
  customer: z.string().max(200).default(''),
  newDomain: z.string().max(200).default(''),
  newEmail: z.string().max(200).default(''),
  /** The relationship's name; empty for the default (customer and day). */
  displayName: z.string().max(200).default(''),
  relationship: z.enum(RELATIONSHIP_CHOICES).default('reseller'),
  includeAdmin: flag,
  roles: z.string().max(2000).default(''),
  legacy: flag,
  durationDays: z.string().max(20).default(''),
  autoExtend: flag,
  /** Set when the request turns a lead into an invitation. */
  leadId: z.string().max(100).optional(),
  /** Set when the request starts from a template. */
  templateId: z.string().max(100).optional(),
});
export type RequestFormValues = z.infer<typeof RequestFormValues>;

const DOMAIN = /^(?=.{3,253}$)([a-z0-9-]+\.)+[a-z]{2,}$/;

/**
 * Finds the customer a partner typed: exact domain first (how an invitation to a customer the partner does not
 * know yet starts), then a unique name match among the customers it already deals with. A name never finds a
 * customer outside that set, so the form does not tell a partner who else exists.
 */
export async function findCustomer(
  store: StoreReader,
  acting: Organization,
  text: string,
): Promise<Outcome<Organization>> {
  const query = text.trim().toLowerCase();
  if (!query) return refuse('customer-required');
  const [byDomain] = (await store.findBy('organizations', 'domain', query)).filter(
    (o) => o.tenantId !== acting.tenantId,
  );
  if (byDomain) return ok(byDomain);
  const customers = (await visibleOrganizations(store, acting)).filter((o) => o.kind === 'customer');
  const folded = foldText(query);
  const byName = customers.filter((o) => foldText(o.name) === folded);
  if (byName.length === 1) return ok(byName[0]!);
  const matches = customers.filter((o) => foldText(o.name).includes(folded));
  if (matches.length === 1) return ok(matches[0]!);
  if (matches.length > 1)
    return refuse('customer-ambiguous', { names: matches.map((m) => `${m.name} (${m.primaryDomain})`).join(', ') });
  return refuse('customer-not-found');
}

/** Turns the form into an invitation request, or says what to fix. Nothing is saved here. */
export async function readRequestForm(
  store: StoreReader,
  acting: Organization,
  values: RequestFormValues,
): Promise<Outcome<InvitationRequest>> {
  let customer: InvitationRequest['customer'];
  const newDomain = values.newDomain.trim().toLowerCase();
  if (newDomain || values.newEmail.trim()) {
    const email = values.newEmail.trim().toLowerCase();
    if (!DOMAIN.test(newDomain) || !z.string().email().safeParse(email).success) return refuse('new-customer-invalid');
    customer = { domain: newDomain, email };
  } else {
    const found = await findCustomer(store, acting, values.customer);
    if (!found.ok) return found;
    customer = { tenantId: found.value.tenantId };
  }

  const chosen = values.relationship;
  const includeAdmin = values.includeAdmin === 'true' || chosen.includes('delegated-admin');
  const types = new Set<RelationshipType>(typesOfChoice(chosen));
  if (includeAdmin) types.add('delegated-admin');
  if (!mayCombine([...types])) return refuse('types-not-combinable', { types: [...types].join(',') });

  const picked = choicesOf(values.roles);
  if (!includeAdmin) {
    if (picked.length || values.legacy === 'true') return refuse('roles-without-admin');
    return ok({
      kind: 'reseller',
      customer,
      relationshipTypes: [...types],
      adminAccess: null,
      leadId: values.leadId,
      displayName: values.displayName,
    });
  }
  const roles = values.legacy === 'true' ? LEGACY_ROLES : picked;
  const parsedRoles = z
    .array(AdminRoleId)
    .min(1)
    .safeParse([...new Set(roles)]);
  if (!parsedRoles.success) return refuse('roles-required');
  const days = Number(values.durationDays.trim());
  if (!/^\d+$/.test(values.durationDays.trim()) || days < MIN_ACCESS_DAYS || days > MAX_ACCESS_DAYS) {
    return refuse('duration-invalid');
  }
  return ok({
    kind: 'reseller',
    customer,
    relationshipTypes: [...types],
    adminAccess: { roles: parsedRoles.data, durationDays: days, autoExtend: values.autoExtend === 'true' },
    leadId: values.leadId,
    displayName: values.displayName,
  });
}
