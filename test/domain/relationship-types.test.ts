import { RelationshipType } from '../../src/domain/model.js';
import {
  COMBINATIONS,
  mayCombine,
  REQUEST_TYPES,
  requestableCombinations,
  rightsOf,
  TYPE_MEANINGS,
  typesWithRight,
} from '../../src/domain/relationship-types.js';

describe('relationship types (seed 000) and which a request may combine', () => {
  it.each<[RelationshipType[], boolean]>([
    [['reseller'], true],
    [['delegated-admin'], true],
    [['reseller', 'delegated-admin'], true],
    [['partner'], true],
    [['advisor'], true],
    [['mpsa'], true],
    [['lob'], true],
    [['advisor', 'delegated-admin'], false],
    [['reseller', 'advisor'], false],
    [['mpsa', 'lob'], false],
    [['reseller', 'delegated-admin', 'partner'], false],
    [['indirect-provider'], false],
    [[], false],
  ])('%j → %s', (types, allowed) => {
    expect(mayCombine(types)).toBe(allowed);
  });

  it('has one cell with its source for every pair of request types', () => {
    for (const [n, a] of REQUEST_TYPES.entries()) {
      for (const b of REQUEST_TYPES.slice(n + 1)) {
        const cells = [COMBINATIONS[`${a}+${b}`], COMBINATIONS[`${b}+${a}`]].filter(Boolean);
        expect([a, b, cells.length]).toEqual([a, b, 1]);
        expect(cells[0]!.source).toMatch(/^seed 00\d/);
      }
    }
    expect(Object.keys(COMBINATIONS)).toHaveLength((REQUEST_TYPES.length * (REQUEST_TYPES.length - 1)) / 2);
  });

  it('the form offers the seven choices of seed 000, in its order', () => {
    expect(requestableCombinations().map((types) => types.join('-'))).toEqual([
      'reseller',
      'reseller-delegated-admin',
      'delegated-admin',
      'partner',
      'advisor',
      'mpsa',
      'lob',
    ]);
  });

  it.each<[RelationshipType, string[], boolean]>([
    ['reseller', ['sell'], true],
    ['delegated-admin', ['administer'], true],
    ['partner', ['user-account'], false],
    ['advisor', ['reset-passwords', 'support-incidents'], true],
    ['mpsa', ['see-mpsa-purchases'], true],
    ['lob', ['manage-lob-apps'], true],
    ['indirect-provider', ['submit-orders', 'administer'], true],
  ])('%s gives %j (Partner Desk acts on it: %s), from a seed', (type, rights, inProduct) => {
    expect(rightsOf([type])).toEqual(rights);
    expect(TYPE_MEANINGS[type].inProduct).toBe(inProduct);
    expect(TYPE_MEANINGS[type].source).toMatch(/^seed 00\d: "/);
    for (const right of rights) expect(typesWithRight(right as never)).toContain(type);
  });

  it('covers every relationship type of the model', () => {
    expect(Object.keys(TYPE_MEANINGS).sort()).toEqual([...RelationshipType.options].sort());
  });
});
