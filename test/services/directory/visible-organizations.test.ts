import { useBotWorld } from '../../support/bot-world.js';
import { visibleText, type Person } from '../../support/activities.js';
import { DEMO_TENANTS } from '../../../src/store/demo-world.js';
import { canSee, visibleOrganizations } from '../../../src/services/directory/visible-organizations.js';
import type { Organization } from '../../../src/domain/model.js';
import { persona } from '../../support/personas.js';

const T = DEMO_TENANTS;
const hana = persona('hana'); // Adatum helpdesk agent: Adatum has a relationship with Fabrikam
const lidia = persona('lidia'); // Litware: a relationship with Contoso only
const carmen = persona('carmen'); // Contoso global admin: Contoso deals with Litware only

/** What must never appear in a reply about an organisation the user's own has nothing to do with. */
const FABRIKAM = ['Fabrikam', 'fabrikam.us', 'Franz', 'Adatum', 'adatum.com', '/invite/'];
const TOYS = ['Tailspin', 'tailspintoys.es', 'Wingtip', 'wingtiptoys.cn', 'Lucía'];

describe('lookups see only the organisations the acting one deals with', () => {
  const chat = useBotWorld();
  const as = (person: Person) => chat.harness(person);

  it.each([
    ['a customer admin of Contoso: status fabrikam', carmen, 'status fabrikam', 'no organisation like', FABRIKAM],
    // The reply echoes what was typed, nothing more.
    [
      'a customer admin of Contoso: status fabrikam.us',
      carmen,
      'status fabrikam.us',
      'no organisation like',
      FABRIKAM.slice(2),
    ],
    ['did you mean, misspelt unrelated org', carmen, 'status fabrikm', 'no organisation like', FABRIKAM],
    ['timeline of an unrelated org', carmen, 'timeline fabrikam', 'no organisation like', FABRIKAM],
    ['a Litware partner: status fabrikam', lidia, 'status fabrikam', 'no organisation like', FABRIKAM],
    ['a Litware partner: did you mean "toys"', lidia, 'status toys', 'no organisation like', TOYS],
    ['a Litware partner: misspelt "tailspn"', lidia, 'status tailspn', 'no organisation like', TOYS],
    ['can we… for an unrelated customer', lidia, 'can we reset a password for fabrikam', 'no organisation', FABRIKAM],
  ])('%s is answered as an organisation that does not exist', async (_name, person, command, expected, hidden) => {
    const text = await as(person).say(command);
    expect(text).toContain(expected);
    for (const word of hidden) expect(text).not.toContain(word);
  });

  it('the same lookups find the organisation for those who deal with it', async () => {
    expect(await as(hana).say('status fabrikam')).toContain('Fabrikam Inc: relationship status');
    expect(await as(lidia).say('status contoso')).toContain('Litware Solutions → Contoso Ltd');
    expect(await as(carmen).say('status litwre')).toContain('Litware Solutions → Contoso Ltd');
  });

  it('the message extension search finds nothing outside the set', async () => {
    const found = await as(carmen).search('fabrikam');
    expect(found.composeExtension).toMatchObject({ type: 'message' });
    for (const word of FABRIKAM) expect(visibleText(found)).not.toContain(word);
    expect(JSON.stringify(found)).not.toContain(T.fabrikam);
  });

  const org = async (tenantId: string) => (await chat.store.get('organizations', tenantId)) as Organization;
  it.each([
    ['Adatum', 'Fabrikam', T.adatum, T.fabrikam, true],
    ['Fabrikam', 'Adatum', T.fabrikam, T.adatum, true],
    ['Contoso', 'Litware', T.contoso, T.litware, true],
    ['Contoso', 'Fabrikam', T.contoso, T.fabrikam, false],
    ['Litware', 'Fabrikam', T.litware, T.fabrikam, false],
    ['Adatum', 'Adatum (itself)', T.adatum, T.adatum, false],
    ['Woodgrove', 'Proseware (not authorised yet)', T.woodgrove, T.proseware, false],
  ])('%s may see %s: %s', async (_a, _b, acting, other, expected) => {
    expect(await canSee(chat.store, await org(acting), await org(other))).toBe(expected);
    const listed = (await visibleOrganizations(chat.store, await org(acting))).map((o) => o.tenantId);
    expect(listed.includes(other)).toBe(expected);
  });

  it('an invitation by domain, a lead and a two-tier invitation make organisations visible, both ways', async () => {
    const contoso = await org(T.contoso);
    const adatum = await org(T.adatum);
    const proseware = await org(T.proseware);
    await chat.store.transaction((tx) => {
      tx.insert('invitations', {
        id: 'inv-by-domain',
        kind: 'two-tier',
        partnerTenantId: T.woodgrove,
        providerTenantId: T.proseware,
        customerDomain: 'contoso.com',
        relationshipTypes: ['reseller'],
        adminAccess: null,
        services: [],
        tokenHash: 'b'.repeat(64),
        status: 'approval-pending',
        createdAt: '2024-01-01T00:00:00.000Z',
        expiresAt: '2099-01-01T00:00:00.000Z',
        createdBy: { userId: 'u', name: 'Rita Reseller', tenantId: T.woodgrove },
        fourEyes: { required: false },
      });
      tx.insert('leads', {
        id: 'lead-contoso-adatum',
        customerTenantId: T.contoso,
        partnerTenantId: T.adatum,
        needs: 'Teams voice for the office',
        contact: { name: 'Carmen', email: 'carmen@contoso.com' },
        status: 'new',
        createdBy: { userId: carmen.id, name: carmen.name, tenantId: T.contoso },
        createdAt: '2024-01-01T00:00:00.000Z',
        updatedAt: '2024-01-01T00:00:00.000Z',
      });
    });
    expect(await canSee(chat.store, proseware, contoso)).toBe(true);
    expect(await canSee(chat.store, contoso, proseware)).toBe(true);
    expect(await canSee(chat.store, adatum, contoso)).toBe(true);
    expect(await canSee(chat.store, contoso, adatum)).toBe(true);
    const seenByContoso = (await visibleOrganizations(chat.store, contoso)).map((o) => o.tenantId).sort();
    expect(seenByContoso).toEqual([T.adatum, T.litware, T.proseware, T.woodgrove].sort());
    expect((await visibleOrganizations(chat.store, proseware)).map((o) => o.tenantId).sort()).toEqual(
      [T.contoso, T.woodgrove].sort(),
    );
  });
});
