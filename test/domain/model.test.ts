import { Lead, Organization } from '../../src/domain/model.js';
import { identityKey } from '../../src/store/store.js';
import { NOW, PEOPLE, TENANTS, org, tempStore } from '../support/world.js';

const SNEAKY = 'Con\u200Btoso\u202E \u2066Ltd\u2069\u0007';
const contact = { name: SNEAKY, email: 'ana@contoso.com' };
const actor = { userId: 'u1', name: SNEAKY, tenantId: TENANTS.contoso };

describe('model: names are cleaned on every record', () => {
  it.each([
    ['organisation name', () => Organization.parse({ ...org({ tenantId: 't1', name: SNEAKY }), version: 1 }).name],
    [
      'partner listing contact, keyword and location',
      () => {
        const listing = Organization.parse({
          ...org({ tenantId: 't1' }),
          version: 1,
          listing: { locations: [SNEAKY], sizes: ['1-10'], keywords: [SNEAKY], description: 'd', contact },
        }).listing;
        return [listing?.contact.name, listing?.keywords[0], listing?.locations[0]].join('|');
      },
      'Contoso Ltd|Contoso Ltd|Contoso Ltd',
    ],
    ['lead contact name', () => lead().contact.name],
    ['lead author (actor) name', () => lead().createdBy.name],
  ] as [string, () => string, string?][])('%s', (_field, read, expected = 'Contoso Ltd') => {
    expect(read()).toBe(expected);
  });

  it('rejects a name that is nothing but invisible characters', () => {
    expect(Organization.safeParse({ ...org({ tenantId: 't1', name: '\u200B\u202E' }), version: 1 }).success).toBe(
      false,
    );
  });

  it('keeps the line breaks of what a customer needs, without its bidi and control characters', () => {
    expect(lead({ needs: 'Licences\u202E\u0000\nand support\r\n' }).needs).toBe('Licences\nand support');
  });

  it('stores the cleaned name whatever wrote it', async () => {
    const { store, dispose } = await tempStore();
    try {
      await store.transaction((tx) =>
        tx.insert('users', {
          id: 'new-user',
          tenantId: TENANTS.contoso,
          aadObjectId: 'new-user',
          name: '\u202EnimdA\u202C  Carmen\u200B',
          email: 'x@contoso.com',
          roles: { side: 'customer', admin: [] },
          createdAt: NOW.toISOString(),
        }),
      );
      const [stored] = await store.findBy('users', 'identity', identityKey(TENANTS.contoso, 'new-user'));
      expect(stored?.name).toBe('nimdA Carmen');
      const [carmen] = await store.findBy(
        'users',
        'identity',
        identityKey(PEOPLE.customerGlobalAdmin.tenantId, PEOPLE.customerGlobalAdmin.aadObjectId),
      );
      expect(carmen?.name).toBe('Carmen Global');
    } finally {
      await dispose();
    }
  });
});

function lead(overrides: Partial<Lead> = {}): Lead {
  return Lead.parse({
    id: 'l1',
    version: 1,
    customerTenantId: TENANTS.contoso,
    partnerTenantId: TENANTS.adatum,
    needs: 'Licences',
    contact,
    status: 'new',
    createdBy: actor,
    createdAt: NOW.toISOString(),
    updatedAt: NOW.toISOString(),
    ...overrides,
  });
}
