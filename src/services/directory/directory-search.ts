import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { OrganizationSize, type Lead, type Organization, type User } from '../../domain/model.js';
import { decide } from '../../domain/policy.js';
import { keywordForms } from '../../domain/service-keywords.js';
import { foldText } from '../../domain/text.js';
import { withRetry, type Store, type Transaction } from '../../store/store.js';
import { audit } from '../audit.js';
import { actorOf, type Acting } from '../invitations/invitations.js';
import { ok, refuse, type Outcome } from '../outcome.js';

export const SearchForm = z.object({
  location: z.string().max(100).default(''),
  size: z.union([OrganizationSize, z.literal('')]).default(''),
  keywords: z.string().max(300).default(''),
});
export type SearchForm = z.infer<typeof SearchForm>;

export interface PartnerMatch {
  partner: Organization;
  score: number;
  /** Why it matched: the location, the size and the keywords it serves. */
  reasons: { location?: string; size?: string; keywords: string[] };
}

export const ContactForm = z.object({
  partners: z.string().max(2000).default(''),
  needs: z.string().max(2000).default(''),
  contactName: z.string().max(120).default(''),
  contactEmail: z.string().max(200).default(''),
  contactPhone: z.string().max(40).default(''),
});
export type ContactForm = z.infer<typeof ContactForm>;

const MAX_RESULTS = 10;

/** "Find a partner": ranked search of partner listings, and "Contact selected providers" (one lead each). */
export class DirectorySearch {
  constructor(
    private readonly store: Store,
    private readonly clock: () => Date,
  ) {}

  private allowed(acting: Acting): Outcome<true> {
    const decision = decide(acting.user, 'find-partners', { actorOrg: acting.org });
    return decision.allowed ? ok(true) : refuse(decision.reason, decision.params, decision.neededRoles);
  }

  async search(acting: Acting, form: SearchForm): Promise<Outcome<PartnerMatch[]>> {
    const allowed = this.allowed(acting);
    if (!allowed.ok) return allowed;
    const location = foldText(form.location.trim());
    const keywords = form.keywords
      .toLowerCase()
      .split(/[,;]+/)
      .map((k) => k.trim())
      .filter(Boolean);
    if (!location && !form.size && keywords.length === 0) return refuse('search-empty');
    if (keywords.some((k) => k.length < 2)) return refuse('search-keyword-short');
    const partners = await this.store.findBy('organizations', 'listedPartner', 'listed');
    const matches: PartnerMatch[] = [];
    for (const partner of partners) {
      const listing = partner.listing!;
      const served = listing.locations.find((l) => foldText(l) === location);
      const size = form.size && listing.sizes.includes(form.size) ? form.size : undefined;
      const serviceWords = foldText([...listing.keywords, listing.description].join(' '));
      const matchedKeywords = keywords.filter((k) => keywordForms(k).some((form) => serviceWords.includes(form)));
      // Every criterion given must be met: a partner that does not serve the location is not a result.
      if ((location && !served) || (form.size && !size) || (keywords.length && matchedKeywords.length === 0)) continue;
      const score = (served ? 3 : 0) + (size ? 2 : 0) + matchedKeywords.length;
      matches.push({ partner, score, reasons: { location: served, size, keywords: matchedKeywords } });
    }
    return ok(
      matches.sort((a, b) => b.score - a.score || a.partner.name.localeCompare(b.partner.name)).slice(0, MAX_RESULTS),
    );
  }

  /** One lead per chosen partner; their staff who manage leads are told, in the same transaction. */
  async contact(
    acting: Acting,
    form: ContactForm,
    tell: (tx: Transaction, lead: Lead, partner: Organization, staff: User[]) => void,
  ): Promise<Outcome<Organization[]>> {
    const allowed = this.allowed(acting);
    if (!allowed.ok) return allowed;
    const partnerIds = [
      ...new Set(
        form.partners
          .split(',')
          .map((p) => p.trim())
          .filter(Boolean),
      ),
    ];
    if (partnerIds.length === 0) return refuse('contact-choose-partner');
    const needs = form.needs.trim();
    if (needs.length < 10) return refuse('contact-needs-required');
    const email = form.contactEmail.trim().toLowerCase();
    if (!form.contactName.trim() || !z.string().email().safeParse(email).success) return refuse('contact-invalid');
    return withRetry(this.store, async (tx) => {
      const contacted: Organization[] = [];
      const now = this.clock();
      for (const partnerId of partnerIds) {
        const partner = await tx.get('organizations', partnerId);
        if (!partner || partner.kind === 'customer' || !partner.listing) return refuse('contact-partner-unknown');
        const lead = tx.insert('leads', {
          id: randomUUID(),
          customerTenantId: acting.org.tenantId,
          partnerTenantId: partner.tenantId,
          needs,
          contact: {
            name: form.contactName.trim(),
            email,
            ...(form.contactPhone.trim() ? { phone: form.contactPhone.trim() } : {}),
          },
          status: 'new',
          createdBy: actorOf(acting),
          createdAt: now.toISOString(),
          updatedAt: now.toISOString(),
        });
        audit(tx, now, {
          actor: actorOf(acting),
          action: 'lead.created',
          target: { type: 'lead', id: lead.id },
          tenantIds: [acting.org.tenantId, partner.tenantId],
        });
        const staff = (await tx.findBy('users', 'tenant', partner.tenantId)).filter(
          (u) => decide(u, 'manage-leads', { actorOrg: partner }).allowed,
        );
        tell(tx, lead, partner, staff);
        contacted.push(partner);
      }
      return ok(contacted);
    });
  }
}
