import type { Organization } from '../../../src/domain/model.js';
import { foldText } from '../../../src/domain/text.js';
import { NameIndex } from '../../../src/services/directory/name-index.js';
import { matchOrganization } from '../../../src/services/directory/organization-match.js';

const NAMES: [string, string][] = [
  ['Contoso Ltd', 'contoso.com'],
  ['Fabrikam GmbH', 'fabrikam.de'],
  ['Northwind Traders', 'northwindtraders.com'],
  ['Tailspin Toys', 'tailspintoys.com'],
  ['Wingtip Toys China', 'wingtiptoys.cn'],
  ['Compañía Ibérica de Señales', 'iberica.es'],
  ['Électricité Générale du Nord', 'egn.fr'],
  ['Alpine Logistics 12', 'customer12.example'],
  ['Alpine Logistics 120', 'customer120.example'],
];
const orgs = NAMES.map(([name, domain], n) => ({ tenantId: `t${n}`, name: foldText(name), domain }));
const byTenant = new Map(NAMES.map(([name], n) => [`t${n}`, name]));
const distance = (q: string) => Math.max(1, Math.floor(q.length / 3));

function indexOf(list: typeof orgs): NameIndex {
  const index = new NameIndex();
  for (const org of list) index.put(org);
  return index;
}

describe('the name index over the organisations one organisation deals with', () => {
  const index = indexOf(orgs);

  it.each([
    ['contso', 'closest', ['Contoso Ltd']],
    ['fabrikm', 'closest', ['Fabrikam GmbH']],
    ['northwnd', 'closest', ['Northwind Traders']],
    ['tailspn', 'closest', ['Tailspin Toys']],
    ['wingtp toys china', 'closest', ['Wingtip Toys China']],
    ['compania iberica', 'containing', ['Compañía Ibérica de Señales']],
    ['senales', 'containing', ['Compañía Ibérica de Señales']],
    ['senale', 'containing', ['Compañía Ibérica de Señales']],
    ['sennales', 'closest', ['Compañía Ibérica de Señales']],
    ['electricite', 'containing', ['Électricité Générale du Nord']],
    ['generale', 'containing', ['Électricité Générale du Nord']],
    ['toys', 'containing', ['Tailspin Toys', 'Wingtip Toys China']],
    ['fabrikam.d', 'containing', ['Fabrikam GmbH']],
    ['to', 'containing', ['Contoso Ltd', 'Tailspin Toys', 'Wingtip Toys China']],
    ['alpine logistcs 12', 'closest', ['Alpine Logistics 12']],
    ['alpine logistics 1', 'containing', ['Alpine Logistics 12', 'Alpine Logistics 120']],
    ['zzzzzz', 'closest', []],
  ])('%s → %s %j', (query, kind, names) => {
    const found = index.search(foldText(query), distance(foldText(query)));
    expect([found.kind, found.tenantIds.map((t) => byTenant.get(t)).sort()]).toEqual([kind, names]);
  });

  it('forgets a removed organisation and finds a renamed one by its new name only', () => {
    const changing = indexOf(orgs);
    changing.remove('t0');
    expect(changing.search('contso', 2).tenantIds).toEqual([]);
    changing.put({ tenantId: 't1', name: 'fabrikan holdings', domain: 'fabrikam.de' });
    expect(changing.search('holdngs', 2).tenantIds).toEqual(['t1']);
    expect(changing.search('gmbh', 1).tenantIds).toEqual([]);
  });

  it('keeps an organisation found by a word it shares with one taken out, and files a new one in the freed place', () => {
    const changing = indexOf(orgs);
    const [first, second] = changing.search('toys', 1).tenantIds;
    changing.remove(first!);
    expect(changing.search('toys', 1).tenantIds).toEqual([second]);
    changing.put({ tenantId: 'new', name: 'toys unlimited', domain: 'toys.example' });
    expect(changing.search('toys', 1).tenantIds.sort()).toEqual([second, 'new'].sort());
    expect(changing.search('toys.ex', 1).tenantIds).toEqual(['new']);
  });

  // The index must narrow the search without changing its answer: matchOrganization over what the index
  // gives is matchOrganization over every organisation, for typed, misspelt, short and absent names.
  const FIRST = ['Alpine', 'Blue', 'Cedar', 'Delta', 'Evergreen', 'Falcon', 'Granite', 'Harbor', 'Iris', 'Juniper'];
  const SECOND = [
    'Logistics',
    'Foods',
    'Clinics',
    'Legal',
    'Motors',
    'Studios',
    'Energy',
    'Textiles',
    'Labs',
    'Travel',
  ];
  const many: Organization[] = Array.from({ length: 3000 }, (_, n) => ({
    id: `m${n}`,
    tenantId: `m${n}`,
    version: 1,
    name: foldText(`${FIRST[n % 10]} ${SECOND[Math.floor(n / 10) % 10]} ${n}`),
    primaryDomain: `customer${n}.example`,
    countryRegion: 'US',
    cloud: 'public',
    kind: 'customer',
    createdAt: '2026-01-01T00:00:00.000Z',
  }));
  const big = indexOf(many.map((o) => ({ tenantId: o.tenantId, name: o.name, domain: o.primaryDomain })));
  const answer = (match: ReturnType<typeof matchOrganization>) =>
    match.kind === 'none'
      ? []
      : match.kind === 'one'
        ? [match.org.tenantId]
        : match.candidates.map((o) => o.tenantId).sort();

  it.each([
    'cedar foods 21',
    'cedr foods 21',
    'granit energy 1067',
    'harbour',
    'evergren',
    'julipner',
    'customer2999',
    'custmer29',
    'x',
    'q7',
    'travle',
    'blue studios 2',
    'nothing like it',
  ])('%s: the same answer as reading every organisation', (query) => {
    const found = big.search(query, distance(query));
    const candidates = many.filter((o) => found.tenantIds.includes(o.tenantId));
    expect(answer(matchOrganization(query, candidates))).toEqual(answer(matchOrganization(query, many)));
  });
});
