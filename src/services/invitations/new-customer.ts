import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Organization, Relationship } from '../../domain/model.js';
import { decide } from '../../domain/policy.js';
import { withRetry, type Store } from '../../store/store.js';
import { audit } from '../audit.js';
import { actorOf, type Acting } from './invitations.js';
import { ok, refuse, type Outcome } from '../outcome.js';
import { canSee } from '../directory/visible-organizations.js';
import { insertRelationship } from '../relationships/customer-mca.js';

/** The "Add a new customer" form as the card sends it: every input is a string. */
export const NewCustomerValues = z.object({
  name: z.string().max(200).default(''),
  domain: z.string().max(200).default(''),
  countryRegion: z.string().max(10).default(''),
  contactName: z.string().max(200).default(''),
  contactEmail: z.string().max(200).default(''),
});
export type NewCustomerValues = z.infer<typeof NewCustomerValues>;

const DOMAIN = /^(?=.{3,253}$)([a-z0-9-]+\.)+[a-z]{2,}$/;

export interface NewCustomer {
  customer: Organization;
  relationship: Relationship;
}

/**
 * Rule 9: a brand-new customer gets its organisation and the reseller relationship at once, with no
 * invitation to accept; an organisation Partner Desk already knows must accept an invitation instead.
 */
export class NewCustomerService {
  constructor(
    private readonly store: Store,
    private readonly clock: () => Date,
  ) {}

  async add(acting: Acting, values: NewCustomerValues): Promise<Outcome<NewCustomer>> {
    const name = values.name.trim();
    const domain = values.domain.trim().toLowerCase();
    const countryRegion = (values.countryRegion.trim() || acting.org.countryRegion).toUpperCase();
    const contactEmail = values.contactEmail.trim().toLowerCase();
    if (name.length < 2) return refuse('new-customer-name-required');
    if (!DOMAIN.test(domain)) return refuse('new-customer-domain-invalid');
    if (!/^[A-Z]{2}$/.test(countryRegion)) return refuse('new-customer-country-invalid');
    if (!values.contactName.trim() || !z.string().email().safeParse(contactEmail).success)
      return refuse('new-customer-contact-invalid');

    const now = this.clock();
    const tenantId = randomUUID();
    // The new tenant is created in the partner's own cloud: a national-cloud partner serves that cloud only.
    const customer: Omit<Organization, 'version'> = {
      id: tenantId,
      tenantId,
      name,
      primaryDomain: domain,
      countryRegion,
      cloud: acting.org.cloud,
      kind: 'customer',
      createdAt: now.toISOString(),
    };
    // Rule 2 is about leaving privileges out of a *request*; a tenant the partner creates is not one.
    const decision = decide(acting.user, 'request-reseller-relationship', {
      actorOrg: acting.org,
      customerOrg: { ...customer, version: 0 },
    });
    if (!decision.allowed) return refuse(decision.reason, decision.params, decision.neededRoles);

    return withRetry(this.store, async (tx) => {
      const [known] = await tx.findBy('organizations', 'domain', domain);
      // The partner typed the domain, so saying it is taken tells nothing new; the name is told only to those who deal with it.
      if (known)
        return refuse('customer-domain-known', {
          name: (await canSee(tx, acting.org, known)) ? known.name : domain,
        });
      const savedCustomer = tx.insert('organizations', customer);
      const relationship = await insertRelationship(tx, {
        id: randomUUID(),
        partnerTenantId: acting.org.tenantId,
        customerTenantId: tenantId,
        types: ['reseller'],
        adminAccess: null,
        status: 'active',
        createdAt: now.toISOString(),
        updatedAt: now.toISOString(),
      });
      const actor = actorOf(acting);
      const tenantIds = [acting.org.tenantId, tenantId];
      audit(tx, now, {
        actor,
        action: 'organization.created',
        target: { type: 'organization', id: tenantId },
        tenantIds,
        after: { name, domain, countryRegion, contact: { name: values.contactName.trim(), email: contactEmail } },
      });
      audit(tx, now, {
        actor,
        action: 'relationship.created',
        target: { type: 'relationship', id: relationship.id },
        tenantIds,
        after: { types: relationship.types, status: relationship.status },
      });
      return ok({ customer: savedCustomer, relationship });
    });
  }
}
