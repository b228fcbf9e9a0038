import { useBotWorld } from '../support/bot-world.js';
import { persona, type PersonaName } from '../support/personas.js';

const HEADINGS = {
  en: ['Partner staff', 'Customer admin', 'Helpdesk', 'Always available'],
  es: ['Personal del partner', 'Administrador del cliente', 'Soporte técnico', 'Siempre disponible'],
};

/** The help card as a person reads it: each heading with the commands it tells them to type, in order. */
function listed(text: string, headings: readonly string[]): Record<string, string[]> {
  const sections: Record<string, string[]> = {};
  let current = '';
  for (const line of text.split('\n').map((l) => l.trim())) {
    if (headings.includes(line)) sections[(current = line)] = [];
    const typed = /“([^”]+)”$/.exec(line);
    if (typed && current) sections[current]!.push(typed[1]!);
  }
  return sections;
}

const HELPDESK = ['status', 'can we', 'pending', 'expiring', 'no mca', 'relationships', 'timeline'];
const ALWAYS = ['help', 'where am i', 'whoami', 'language'];
const SELLING = ['request relationship', 'invitations', 'leads'];
const OFFERS = ['trial', 'offer', 'new customer'];
// GDAP day two: security groups and templates (admin agents, global admins), access assignments (admin agents).
const GDAP = ['groups', 'access', 'templates'];
// GDAP day two (issue 18): admin agents and global admins.
const DAY_TWO = ['remove global admin', 'auto extend', 'move off dap', 'bulk', 'customer requests'];
const PARTNER_ADMIN = [
  'users',
  'submit order',
  'enroll',
  'end relationship',
  'change roles',
  ...OFFERS,
  ...GDAP,
  ...DAY_TWO,
];

describe('help lists every command the roles allow, under the right heading, once', () => {
  const chat = useBotWorld();

  it.each<[PersonaName, Record<string, string[]>]>([
    [
      'alex',
      {
        'Partner staff': [
          ...SELLING,
          'submit order',
          'end relationship',
          'change roles',
          ...OFFERS,
          ...GDAP,
          ...DAY_TWO,
        ],
        Helpdesk: HELPDESK,
        'Always available': ALWAYS,
      },
    ],
    ['sam', { 'Partner staff': [...SELLING, ...OFFERS], Helpdesk: HELPDESK, 'Always available': ALWAYS }],
    // The helpdesk agent: every lookup, not only status.
    ['hana', { Helpdesk: HELPDESK, 'Always available': ALWAYS }],
    ['grace', { 'Partner staff': [...SELLING, ...PARTNER_ADMIN], Helpdesk: HELPDESK, 'Always available': ALWAYS }],
    ['umar', { 'Partner staff': ['users'], 'Always available': ALWAYS }],
    [
      'paul',
      {
        'Partner staff': [...SELLING, 'indirect resellers', ...PARTNER_ADMIN],
        Helpdesk: HELPDESK,
        'Always available': ALWAYS,
      },
    ],
    [
      'rita',
      {
        'Partner staff': [...SELLING, 'indirect providers', ...PARTNER_ADMIN],
        Helpdesk: HELPDESK,
        'Always available': ALWAYS,
      },
    ],
    // The customer global admin: "accept invitation" once, "my partners" as a customer admin's.
    [
      'carmen',
      {
        'Customer admin': [
          'invitations',
          'find partner',
          'accept invitation',
          'my partners',
          'accept mca',
          'remove roles',
          'enroll',
          'partner of record',
          'ask partner',
        ],
        Helpdesk: HELPDESK,
        'Always available': ALWAYS,
      },
    ],
    [
      'bill',
      {
        'Customer admin': [
          'invitations',
          'find partner',
          'accept invitation',
          'my partners',
          'accept mca',
          'partner of record',
        ],
        Helpdesk: HELPDESK,
        'Always available': ALWAYS,
      },
    ],
    ['helen', { 'Customer admin': ['my partners'], Helpdesk: HELPDESK, 'Always available': ALWAYS }],
    ['omar', { 'Always available': ALWAYS }],
  ])('%s', async (name, expected) => {
    const text = await chat.harness(persona(name)).say('help');
    expect(listed(text, HEADINGS.en)).toEqual(expected);
  });

  it('in Spanish, with the Spanish words to type', async () => {
    const text = await chat.harness(persona('hana'), {}, 'es-ES').say('ayuda');
    expect(listed(text, HEADINGS.es)).toEqual({
      'Soporte técnico': ['estado', 'podemos', 'pendientes', 'por vencer', 'sin contrato', 'relaciones', 'historial'],
      'Siempre disponible': ['ayuda', 'donde estoy', 'quien soy', 'idioma'],
    });
  });
});
