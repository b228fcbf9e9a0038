import type { RelationshipType } from './model.js';

/**
 * What a relationship type lets the partner do, in seed 000's words ("What can a partner do for my organization
 * or school?"). `administer` is the delegated administrator's: what it allows is the admin roles granted with it.
 */
export type TypeRight =
  | 'sell'
  | 'administer'
  | 'user-account'
  | 'reset-passwords'
  | 'support-incidents'
  | 'see-mpsa-purchases'
  | 'manage-lob-apps'
  | 'submit-orders';

export interface TypeMeaning {
  rights: readonly TypeRight[];
  /**
   * Whether Partner Desk itself gives or checks these rights. A type without (the Partner's user account, which
   * the customer creates in its own tenant) is recorded and explained, and the card says Partner Desk grants
   * nothing of its own for it.
   */
  inProduct: boolean;
  source: string;
}

export const TYPE_MEANINGS: Readonly<Record<RelationshipType, TypeMeaning>> = {
  reseller: {
    rights: ['sell'],
    inProduct: true,
    source: 'seed 000: "Partners that sell Microsoft products to your organization or school."',
  },
  'delegated-admin': {
    rights: ['administer'],
    inProduct: true,
    source: 'seed 000: "Partners that manage products and services… a Global Administrator for your tenant."',
  },
  partner: {
    rights: ['user-account'],
    inProduct: false,
    source:
      'seed 000: "You give your partner a user account in your tenant, and they work with other Microsoft services on your behalf."',
  },
  advisor: {
    rights: ['reset-passwords', 'support-incidents'],
    inProduct: true,
    source: 'seed 000: "Partners can reset passwords and handle support incidents for you."',
  },
  mpsa: {
    rights: ['see-mpsa-purchases'],
    inProduct: true,
    source:
      'seed 000: "If you\'ve worked with multiple partners through the MPSA program, you can allow them to see purchases made by each other."',
  },
  lob: {
    rights: ['manage-lob-apps'],
    inProduct: true,
    source: 'seed 000: "Partners can develop, submit, and manage LOB apps specific for your organization or school."',
  },
  'indirect-provider': {
    rights: ['submit-orders', 'administer'],
    inProduct: true,
    source:
      'seed 002: "you\'re authorizing them to submit orders… and you\'re granting them administrator access to your Azure AD tenant."',
  },
};

/** The types of seed 000's table, which a partner's request may carry (the indirect provider's is its own invitation). */
export const REQUEST_TYPES = ['reseller', 'delegated-admin', 'partner', 'advisor', 'mpsa', 'lob'] as const;
export type RequestType = (typeof REQUEST_TYPES)[number];

interface Cell {
  allowed: boolean;
  source: string;
}

const ONE_TYPE = 'seed 000: partners "choose one of these types when they send their request"';
const refused: Cell = { allowed: false, source: ONE_TYPE };

/**
 * May one request carry both types? Seed 000 has the partner choose one type, and lists "Reseller & delegated
 * administrator" as one of them; seed 001 makes delegated administration an option of the reseller request. So
 * that is the one pair, and every other pair is refused (the stricter reading: no seed shows another together).
 */
export const COMBINATIONS: Readonly<Record<string, Cell>> = {
  'reseller+delegated-admin': {
    allowed: true,
    source:
      'seed 000: "Reseller & delegated administrator"; seed 001 step 2: "Include delegated administration privileges"',
  },
  'reseller+partner': refused,
  'reseller+advisor': refused,
  'reseller+mpsa': refused,
  'reseller+lob': refused,
  'delegated-admin+partner': refused,
  'delegated-admin+advisor': refused,
  'delegated-admin+mpsa': refused,
  'delegated-admin+lob': refused,
  'partner+advisor': refused,
  'partner+mpsa': refused,
  'partner+lob': refused,
  'advisor+mpsa': refused,
  'advisor+lob': refused,
  'mpsa+lob': refused,
};

function cell(a: RequestType, b: RequestType): Cell {
  return COMBINATIONS[`${a}+${b}`] ?? COMBINATIONS[`${b}+${a}`] ?? refused;
}

function isRequestType(type: RelationshipType): type is RequestType {
  return (REQUEST_TYPES as readonly string[]).includes(type);
}

/** Whether one request may carry these types together: each a type of seed 000, every pair allowed. */
export function mayCombine(types: readonly RelationshipType[]): boolean {
  const distinct = [...new Set(types)];
  if (distinct.length === 0 || !distinct.every(isRequestType)) return false;
  return distinct.every((a, n) => distinct.slice(n + 1).every((b) => cell(a as RequestType, b as RequestType).allowed));
}

/**
 * What a partner may ask for, as the request form offers it: each type alone, then each allowed pair (the seed's
 * "Reseller & delegated administrator" sits after Reseller, as in its table).
 */
export function requestableCombinations(): RelationshipType[][] {
  const singles = REQUEST_TYPES.map((type) => [type as RelationshipType]);
  const pairs = REQUEST_TYPES.flatMap((a, n) =>
    REQUEST_TYPES.slice(n + 1)
      .filter((b) => cell(a, b).allowed)
      .map((b) => [a, b] as RelationshipType[]),
  );
  return [singles[0]!, ...pairs, ...singles.slice(1)];
}

/** The rights the types give together, each once, in the order of the table. */
export function rightsOf(types: readonly RelationshipType[]): TypeRight[] {
  return [...new Set(types.flatMap((type) => TYPE_MEANINGS[type].rights))];
}

/** The types whose own rights include `right`: "can we" counts a live relationship of one of them. */
export function typesWithRight(right: TypeRight): RelationshipType[] {
  return (Object.keys(TYPE_MEANINGS) as RelationshipType[]).filter((type) =>
    TYPE_MEANINGS[type].rights.includes(right),
  );
}
